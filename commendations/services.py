"""Writes that span decisions, recipients and people: each one transaction, history by `by`."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from .models import Decision, Person, Recipient, RecipientType, identity_key


def _stamp(obj, by, reason: str | None = None):
    """Who (and why) for the history row the next save writes, also outside a request."""
    if by is not None:
        obj._history_user = by
    if reason:
        obj._change_reason = reason
    return obj


def person_match(*, full_name: str, commune, birth_year: int | None = None) -> Person | None:
    """The person commended again: same name (ignoring diacritics, case and spacing), commune
    and year of birth. A merged entry leads to the person it was merged into; when a wrong
    merge was split into two entries with one key, the older entry wins. None: a new person."""
    key = identity_key(full_name, commune.pk, birth_year)
    person = Person.objects.filter(identity_key=key, archived_at__isnull=True).order_by(
        "merged_into", "pk").first()
    seen = set()
    while person is not None and person.merged_into_id and person.pk not in seen:
        seen.add(person.pk)
        person = person.merged_into
    return person


def person_match_or_create(*, full_name: str, commune, birth_year: int | None = None, member=None,
                           relink_member: bool = False, by=None) -> Person:
    """The matched person (see `person_match`), or a new one.

    `member` fills an empty link to the organizations' registry; with `relink_member` (an officer
    chose it, or cleared it with None) it replaces the link the person has."""
    person = person_match(full_name=full_name, commune=commune, birth_year=birth_year)
    if person is None:
        person = Person(full_name=full_name.strip(), commune=commune, birth_year=birth_year, member=member)
        person.full_clean(exclude=["identity_key", "search_text"])
        _stamp(person, by).save()
    elif (relink_member and person.member_id != (member.pk if member else None)
          or member is not None and person.member_id is None):
        person.member = member
        _stamp(person, by).save()
    return person


@dataclass
class RecipientEntry:
    """One row of a decision's recipients form; an individual names the person to match."""

    recipient: Recipient
    full_name: str = ""
    birth_year: int | None = None
    member: object = None
    relink_member: bool = False  # the officer chose `member` (or cleared it): it replaces the person's link


def _refuse_duplicate(decision: Decision, recipient: Recipient) -> None:
    others = Recipient.objects.filter(decision=decision, person=recipient.person, archived_at__isnull=True)
    if recipient.pk:
        others = others.exclude(pk=recipient.pk)
    if others.exists():
        raise ValidationError(
            _("%(name)s (%(commune)s) có hai lần trong quyết định này: mỗi người chỉ được khen một lần "
              "trong một quyết định.") % {"name": recipient.person.full_name, "commune": recipient.commune.name},
            code="duplicate_person",
        )
    recipient_check_once_per_person(decision=decision, person=recipient.person)


def recipient_check_once_per_person(*, decision: Decision, person: Person) -> None:
    """A form given once per person (the medal) is not given again by another decision; raises
    ValidationError. `decision` may be unsaved; a person not saved yet has had nothing."""
    if not decision.form.once_per_person or person.pk is None:
        return
    earlier = (Recipient.objects.current().filter(person=person, decision__form=decision.form)
               .exclude(decision_id=decision.pk).select_related("decision").first())
    if earlier is not None:
        raise ValidationError(
            _("%(name)s đã được tặng %(form)s theo quyết định %(decision)s; hình thức này chỉ tặng "
              "một lần cho mỗi người.") % {"name": person.full_name, "form": decision.form.name,
                                            "decision": earlier.decision},
            code="once_per_person",
        )


def _save_recipient(decision: Decision, entry: RecipientEntry, by) -> Recipient:
    recipient = entry.recipient
    recipient.decision = decision
    if recipient.recipient_type == RecipientType.INDIVIDUAL:
        recipient.person = person_match_or_create(full_name=entry.full_name, commune=recipient.commune,
                                                  birth_year=entry.birth_year, member=entry.member,
                                                  relink_member=entry.relink_member, by=by)
        recipient.organization = recipient.deployment = None
        recipient.group_name = ""
        _refuse_duplicate(decision, recipient)
        # A person taken off this decision earlier and added again gets their old row back.
        archived = Recipient.objects.filter(decision=decision, person=recipient.person,
                                            archived_at__isnull=False).first()
        if archived is not None and recipient.pk is None:
            archived.commune, archived.achievement = recipient.commune, recipient.achievement
            archived.archived_at = archived.archived_by = None
            recipient = archived
    else:
        recipient.person = None
    recipient.full_clean(exclude=["decision"], validate_constraints=False)
    _stamp(recipient, by).save()
    return recipient


def _ensure_may_save(decision: Decision, by) -> None:
    from django.core.exceptions import PermissionDenied

    from accounts.permissions import ADD, CHANGE, may, unit_in_scope

    saved_ok = may(by, CHANGE, decision) if decision.pk else may(by, ADD, Decision)
    if not saved_ok or not unit_in_scope(by, decision.issuing_unit if decision.issuing_unit_id else None):
        raise PermissionDenied


@transaction.atomic
def decision_save(*, decision: Decision, entries: list[RecipientEntry], removed: list[Recipient] = (),
                  by=None) -> Decision:
    """Create or edit a decision with its recipients; people are matched across decisions.

    Removing a recipient archives it (reversible). Raises ValidationError, and writes nothing,
    when a person would appear twice or a once-per-person form would be given again."""
    if by is not None:  # seeding and commands save as nobody; every officer is checked
        _ensure_may_save(decision, by)
    if decision.pk is None:
        decision.created_by = by
    decision.year = decision.decided_on.year if decision.decided_on else None
    decision.full_clean(exclude=["search_text"])
    _stamp(decision, by).save()
    for recipient in removed:
        _stamp(recipient, by).archive(by=by)
    for entry in entries:
        _save_recipient(decision, entry, by)
    return decision


def decision_archive(*, decision: Decision, by) -> Decision:
    """Archive a decision (reversible); its recipients are hidden with it (RecordQuerySet.parent_field)."""
    _stamp(decision, by).archive(by=by)
    return decision


@transaction.atomic
def person_merge(*, keep: Person, absorb: Person, by=None) -> Person:
    """`absorb` and `keep` are one person: every commendation moves to `keep`, `absorb` records
    `merged_into` and stays (so a wrong merge can be split again)."""
    if keep.pk == absorb.pk:
        raise ValidationError(_("Không thể gộp một cá nhân với chính mình."), code="same_person")
    if keep.merged_into_id or absorb.merged_into_id:
        raise ValidationError(_("Cá nhân này đã được gộp trước đó."), code="already_merged")
    clash = Recipient.objects.filter(person=absorb, decision__recipients__person=keep).select_related(
        "decision").first()
    if clash is not None:
        raise ValidationError(
            _("Hai cá nhân cùng được khen trong quyết định %(decision)s nên không thể là một người.")
            % {"decision": clash.decision}, code="same_decision")
    for recipient in Recipient.objects.filter(person=absorb):
        recipient.person = keep
        _stamp(recipient, by, "merge").save(update_fields=["person"])
    for earlier in Person.objects.filter(merged_into=absorb):
        earlier.merged_into = keep
        _stamp(earlier, by, "merge").save(update_fields=["merged_into"])
    if keep.member_id is None and absorb.member_id is not None:
        keep.member_id = absorb.member_id
    _stamp(keep, by, "merge").save()
    absorb.merged_into = keep
    _stamp(absorb, by, "merge").save()
    return keep


@transaction.atomic
def person_split(*, person: Person, recipients, by=None, into: Person | None = None, full_name: str = "",
                 commune=None, birth_year: int | None = None) -> Person:
    """Undo a wrong merge: move the chosen commendations of `person` to `into` (an entry merged
    into it, which becomes separate again) or to a new person; returns the person they moved to."""
    recipients = list(recipients)
    if not recipients:
        raise ValidationError(_("Hãy chọn ít nhất một lần khen thưởng để tách."), code="nothing_chosen")
    if any(recipient.person_id != person.pk for recipient in recipients):
        raise ValidationError(_("Chỉ tách được các lần khen thưởng của chính cá nhân này."), code="not_own")
    if into is None:
        into = Person(full_name=(full_name or person.full_name).strip(), commune=commune or person.commune,
                      birth_year=birth_year)
        into.full_clean(exclude=["identity_key", "search_text"])
    elif into.merged_into_id != person.pk:
        raise ValidationError(_("Chỉ tách về cá nhân đã được gộp vào người này."), code="not_merged_here")
    else:
        into.merged_into = None
    _stamp(into, by, "split").save()
    for recipient in recipients:
        recipient.person = into
        _stamp(recipient, by, "split").save(update_fields=["person"])
    _stamp(person, by, "split").save()
    return into
