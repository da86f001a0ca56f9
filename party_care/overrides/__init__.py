"""Whitelisted-method overrides (hooks `override_whitelisted_methods`), one module per Frappe area,
each checking the request before delegating to Frappe's own method (README, "Side doors").
The guards they rely on are in `party_care.guards`."""
