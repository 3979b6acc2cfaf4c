"""The read-only JSON API of the partnerships app: published agreements, with the
agreement list page's filters, search and sort (mounted by ``config/api.py``; the shapes
and helpers are events', below this app: events/api/)."""
