"""What the tests share: the committed world, factories, route drivers, HTTP sessions, the side-door
probes, after-commit jobs, prints, query counting."""
