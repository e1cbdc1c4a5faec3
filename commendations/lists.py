"""What the managed lists start with; administrators edit and add to them afterwards.

Migration 0003 holds the lists once; this module reads them from it and also re-creates missing
entries after a test database flush (transactional and browser tests)."""

import importlib

_seeded = importlib.import_module("commendations.migrations.0003_seed_managed_lists")
AUTHORITIES: list[str] = _seeded.AUTHORITIES
FORMS: list[tuple[str, bool]] = _seeded.FORMS  # name, once per person
_codes = importlib.import_module("commendations.migrations.0004_core_authority_code")


def ensure_lists() -> None:
    """Create the missing seeded entries (never changes ones administrators edited)."""
    from .models import Authority, CommendationForm

    _seeded.create_missing(Authority, CommendationForm)
    _codes.assign_codes(Authority)


def ensure_lists_after_migrate(sender, **kwargs) -> None:
    # Also after a test database flush (transactional and browser tests).
    if sender.name == "commendations":
        ensure_lists()
