"""Who may do what in the chain: the one place that decides it (views and services both ask here).

The unit that approves a commune is the unit directly above it in its own layout (the district
before 1/7/2025, the province after); the province (the top of the layout) accepts the whole.
Nothing here assumes a number of levels.
"""

from accounts.roles import Role
from accounts.scope import unit_in_scope
from geography.models import AdministrativeUnit

from .models import LOCKING_STATUSES, Status, Submission


def approving_unit(commune: AdministrativeUnit) -> AdministrativeUnit:
    return commune.parent if commune.parent_id else commune


def _at_or_above(user, unit: AdministrativeUnit) -> bool:
    """The user's unit is `unit` or one of its ancestors (a superuser without a unit is above all)."""
    if user.unit_id is None:
        return user.sees_everything
    if user.unit.layout != unit.layout:  # a 2025 province over the old communes rolled up into it
        return user.unit.parent_id is None
    return unit.path.startswith(user.unit.path)


def can_submit(user, commune: AdministrativeUnit) -> bool:
    return user.has_role(Role.DATA_ENTRY, Role.ADMINISTRATOR) and unit_in_scope(user, commune)


def can_approve(user, commune: AdministrativeUnit) -> bool:
    """Reporting staff of the unit above the commune (or higher up) approve or return."""
    return (user.has_role(Role.REPORTING, Role.ADMINISTRATOR) and user.unit_id != commune.pk
            and _at_or_above(user, approving_unit(commune)) and unit_in_scope(user, commune))


def can_accept(user) -> bool:
    """Reporting staff of the province (the top of the layout) accept their communes' approved periods."""
    top = user.sees_everything or (user.unit_id and user.unit.parent_id is None)
    return bool(user.has_role(Role.REPORTING, Role.ADMINISTRATOR) and top)


def can_reopen(user, submission: Submission) -> bool:
    """Administrators reopen anything in their scope; reporting staff at the approver's level or above."""
    if submission.status not in LOCKING_STATUSES or not unit_in_scope(user, submission.commune):
        return False
    if user.has_role(Role.ADMINISTRATOR):
        return True
    approver = submission.approved_unit or approving_unit(submission.commune)
    return user.has_role(Role.REPORTING) and _at_or_above(user, approver)


def actions_for(user, commune: AdministrativeUnit, submission: Submission | None) -> set[str]:
    """The steps `user` may take now on this commune's period (what the page offers)."""
    status = submission.status if submission else None
    actions = set()
    if status in (None, Status.RETURNED, Status.REOPENED) and can_submit(user, commune):
        actions.add("submit")
    if status == Status.SUBMITTED and can_approve(user, commune):
        actions.update({"approve", "return"})
    if status == Status.APPROVED and can_accept(user) and unit_in_scope(user, commune):
        actions.add("accept")
    if submission and can_reopen(user, submission):
        actions.add("reopen")
    return actions
