"""The reporting chain: a commune submits a period's figures, the unit above approves or returns them,
the province accepts the whole, and approved figures are locked.

A separate app because the chain spans every registry (organizations, models, commendations) and
the reports: none of them owns it, all of them obey its lock.
"""
