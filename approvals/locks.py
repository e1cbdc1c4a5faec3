"""Approved means locked: THE check every path that writes a registry record goes through.

`ensure_not_locked(record)` refuses a change that would alter a figure of an approved period:
for each approved (or accepted) period of the record's commune, the record is counted in it if it
was active on the period's last day (a commendation: if its decision is dated inside the period); the change is refused when it would count the record in or
out, or change what it is counted as (kind, role, commune…). Dates moved after the period's end,
new records from the next period on and fields no figure reads (notes, phone numbers) stay free.

Called from the model layer (`ArchivableRecord.full_clean`, `archive`, `restore`, `delete`: forms,
services and the admin; a commendation decision checks its recipients) and from the import's planner,
which preloads the locks once (`Locks.for_user`).
"""

from dataclasses import dataclass, replace
from datetime import date

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext as _


@dataclass(frozen=True)
class Spec:
    commune: str  # path from the record to the commune it counts under
    start: str | None
    end: str | None
    figures: tuple[str, ...]  # attnames a figure reads besides the dates
    flow: bool = False  # counted in the period it happened in (a commendation), not while active


SPECS = {
    "organizations.organization": Spec("commune", "founded_on", "dissolved_on", ("kind_id",)),
    "organizations.member": Spec("organization__commune", "joined_on", "left_on",
                                 ("organization_id", "role", "gender", "birth_date", "birth_year")),
    "models_registry.deployment": Spec("commune", "started_on", "ended_on", ("model_id",)),
    "commendations.recipient": Spec("commune", "decision__decided_on", None,
                                    ("decision_id", "recipient_type", "person_id", "organization_id"), flow=True),
}


@dataclass(frozen=True)
class State:
    """What the figures see of a record: where it counts, its dates, and what it is counted as."""

    commune_id: int | None
    start: date | None
    end: date | None
    archived: bool
    figures: tuple
    flow: bool = False

    def counted_in(self, since: date, until: date) -> bool:
        """Stock records count when active on the period's last day; flow records when dated inside it."""
        if self.archived:
            return False
        if self.flow:
            return self.start is not None and since <= self.start <= until
        return (self.start is None or self.start <= until) and (self.end is None or self.end > until)


def _spec(record) -> Spec | None:
    return SPECS.get(record._meta.label_lower)


def _follow(record, path: str):
    value = record
    for part in path.split("__"):
        if value is None:
            return None
        value = getattr(value, part)
    return value


def state_of(record) -> State | None:
    """The record as it is in memory (its new values)."""
    spec = _spec(record)
    if spec is None:
        return None
    parts = spec.commune.split("__")
    holder = _follow(record, "__".join(parts[:-1])) if len(parts) > 1 else record
    commune_id = getattr(holder, f"{parts[-1]}_id", None) if holder is not None else None
    return State(commune_id=commune_id,
                 start=_follow(record, spec.start) if spec.start else None,
                 end=_follow(record, spec.end) if spec.end else None,
                 archived=record.archived_at is not None,
                 figures=tuple(getattr(record, name) for name in spec.figures), flow=spec.flow)


def stored_state_of(record) -> State | None:
    """The record as the database holds it (None for a new record)."""
    spec = _spec(record)
    if spec is None or record.pk is None:
        return None
    names = [spec.commune, *(p for p in (spec.start, spec.end) if p), "archived_at",
             *(n.removesuffix("_id") if n.endswith("_id") else n for n in spec.figures)]
    row = type(record)._base_manager.filter(pk=record.pk).values_list(*names).first()
    if row is None:
        return None
    values = iter(row)
    commune_id = next(values)
    start = next(values) if spec.start else None
    end = next(values) if spec.end else None
    archived = next(values) is not None
    return State(commune_id, start, end, archived, tuple(values), spec.flow)


class Locks:
    """The approved periods that may lock some records, by commune (old communes answer for the
    2025 commune they became)."""

    def __init__(self, submissions):
        from geography.models import UnitSuccession

        self.by_commune: dict[int, list] = {}
        for submission in submissions:
            self.by_commune.setdefault(submission.commune_id, []).append(submission)
        self.successors: dict[int, set[int]] = {}
        if self.by_commune:
            for old_id, new_id in UnitSuccession.objects.filter(
                    is_default=True, new_unit_id__in=list(self.by_commune)).values_list("old_unit_id", "new_unit_id"):
                self.successors.setdefault(old_id, set()).add(new_id)

    @staticmethod
    def _query():
        from .models import Submission

        return (Submission.objects.locking().select_related("commune", "approved_by", "approved_unit")
                .order_by("until"))

    @classmethod
    def for_record(cls, record, commune_id) -> "Locks":
        """The locks of the record's new commune and of the one stored for it, in one query."""
        communes = [[commune_id]] if commune_id is not None else []
        if record.pk is not None:
            communes.append(type(record)._base_manager.filter(pk=record.pk).values(_spec(record).commune))
        return cls.for_communes(*communes)

    @classmethod
    def for_communes(cls, *communes) -> "Locks":
        """The locks of these communes (lists or querysets of ids) and of the 2025 communes they became."""
        if not communes:
            return cls([])
        condition = Q()
        for ids in communes:
            condition |= Q(commune_id__in=ids) | Q(commune__predecessions__old_unit_id__in=ids,
                                                   commune__predecessions__is_default=True)
        return cls(cls._query().filter(condition).distinct())

    @classmethod
    def for_user(cls, user) -> "Locks":
        """Every lock inside the user's scope: the import loads them once for the whole file."""
        from accounts.scope import restrict_to_scope

        return cls(restrict_to_scope(cls._query(), user, "commune"))

    def __bool__(self) -> bool:
        return bool(self.by_commune)

    def periods_of(self, commune_id) -> list:
        found = list(self.by_commune.get(commune_id, []))
        for new_id in self.successors.get(commune_id, ()):
            found += self.by_commune.get(new_id, [])
        return found

    def blocking(self, before: State | None, after: State | None):
        """The first approved period whose figures the change before → after would alter."""
        communes = {s.commune_id for s in (before, after) if s is not None}
        for commune_id in communes:
            for submission in self.periods_of(commune_id):
                span = submission.since, submission.until
                was = before is not None and before.commune_id == commune_id and before.counted_in(*span)
                now = after is not None and after.commune_id == commune_id and after.counted_in(*span)
                if was != now or (was and before.figures != after.figures):
                    return submission
        return None

    def ensure(self, record, *, before: State | None) -> None:
        submission = self.blocking(before, state_of(record))
        if submission is not None:
            raise ValidationError(locked_message(submission), code="locked")


def locked_message(submission) -> str:
    approver = submission.approved_by
    who = (approver.get_full_name() or approver.username) if approver else _("đơn vị cấp trên")
    return _("Số liệu %(period)s của %(commune)s đã được %(who)s (%(unit)s) duyệt ngày %(day)s, nên không thể "
             "sửa hồ sơ làm thay đổi số liệu kỳ này. Thay đổi từ kỳ sau thì ghi ngày bắt đầu sau %(until)s; "
             "muốn sửa số liệu kỳ đã duyệt, hãy đề nghị %(unit)s mở lại kỳ báo cáo (mục \"Kỳ báo cáo\").") % {
        "period": submission.reporting_period.label, "commune": submission.commune.name, "who": who,
        "unit": submission.approved_unit.name if submission.approved_unit_id else _("đơn vị cấp trên"),
        "day": f"{submission.approved_at:%d/%m/%Y}" if submission.approved_at else "",
        "until": f"{submission.until:%d/%m/%Y}"}


def ensure_not_locked(record, *, locks: Locks | None = None, before: State | None | bool = True) -> None:
    """Raise ValidationError (who approved, how to reopen) if saving `record` as it is in memory would
    change a figure of an approved period. `before=True` reads the stored record; the import passes
    the state it saw and preloaded `locks`."""
    if _spec(record) is None:
        return
    after = state_of(record)
    if locks is None:
        locks = Locks.for_record(record, after.commune_id)
    if not locks:
        return
    if before is True:
        before = stored_state_of(record)
    locks.ensure(record, before=before or None)


def ensure_recipients_not_locked(decision) -> None:
    """A decision moved into or out of an approved period (its date), archived, restored or deleted moves
    its recipients with it: each is checked as it would stand under the decision as it is in memory."""
    if decision.pk is None:
        return
    stored = type(decision)._base_manager.filter(pk=decision.pk).values_list("archived_at", flat=True).first()
    recipients = list(decision.recipients.model._base_manager.filter(decision_id=decision.pk)
                      .select_related("decision"))
    locks = Locks.for_communes([r.commune_id for r in recipients if r.commune_id is not None])
    if not locks:
        return
    for recipient in recipients:
        before = state_of(recipient)  # as stored: the recipient and its decision were just read
        if stored is not None:  # recipients of an archived decision count nowhere
            before = replace(before, archived=True)
        recipient.decision = decision
        if decision.archived_at is not None and recipient.archived_at is None:
            recipient.archived_at = decision.archived_at  # in memory only: the check sees it counted nowhere
        locks.ensure(recipient, before=before)
