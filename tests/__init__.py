"""The suite: in-process tests against a real site, HTTP tests against it served (conftest.py);
what they share is in tests/support/."""
