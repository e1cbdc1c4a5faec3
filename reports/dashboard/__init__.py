"""The dashboard: the tally of a unit at a glance, with drill-down, charts and a map of communes."""
