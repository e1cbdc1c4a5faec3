"""The managed lists the registry starts with; staff add and edit others in the admin.

Migration 0003 holds the lists once; this module reads them from it and also re-creates missing
rows after a test database flush (transactional and browser tests), like the organization kinds.
"""

import importlib

_seeded = importlib.import_module("models_registry.migrations.0003_seed_managed_lists")
FIELDS_OF_WORK: list[str] = _seeded.FIELDS_OF_WORK
RESULT_INDICATORS: list[tuple[str, str]] = _seeded.RESULT_INDICATORS


def ensure_managed_lists() -> None:
    """Create the missing seeded rows (never changes ones staff edited)."""
    from .models import FieldOfWork, ResultIndicator

    _seeded.create_missing(FieldOfWork, ResultIndicator)


def ensure_managed_lists_after_migrate(sender, **kwargs) -> None:
    if sender.name == "models_registry":
        ensure_managed_lists()
