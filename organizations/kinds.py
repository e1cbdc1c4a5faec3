"""The kinds of mass organization the managed list starts with (../shared/DOMAIN.md); staff add others."""

import importlib

# (name, is_statutory_team, sort_order): the list migration 0003 seeded, kept there once.
KINDS: list[tuple[str, bool, int]] = importlib.import_module("organizations.migrations.0003_seed_kinds").KINDS


def ensure_kinds(model=None) -> None:
    """Create the missing seeded kinds (never changes ones staff edited)."""
    if model is None:
        from .models import OrganizationKind as model
    for name, statutory, order in KINDS:
        model.objects.get_or_create(name=name, defaults={"is_statutory_team": statutory, "sort_order": order})


def ensure_kinds_after_migrate(sender, **kwargs) -> None:
    # Also after a test database flush (transactional and browser tests), like the role groups.
    if sender.name == "organizations":
        ensure_kinds()
