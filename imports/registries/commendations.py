"""Commendation decisions with their recipients: one row per recipient, the decision's columns repeated."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from antq_portal.same_record import decision_key
from antq_portal.text import fold
from commendations.models import (
    Authority,
    CommendationForm,
    CommendationKind,
    Decision,
    Person,
    Recipient,
    RecipientType,
    identity_key,
)
from commendations.services import person_match, recipient_check_once_per_person
from imports.pipeline.columns import CHOICE, DATE, INT, LOOKUP, PLACE, Column
from imports.pipeline.places import PlaceLabels

from .base import RegistrySpec

COLUMNS = [
    Column("Số, ký hiệu", "number", required=True, example="1234/QĐ-CAT-PX01", aliases=("Số quyết định",)),
    Column("Ngày quyết định", "decided_on", DATE, required=True, example=date(2018, 5, 10)),
    Column("Cấp quyết định", "authority", LOOKUP, required=True, choices=Authority,
           example="Giám đốc Công an tỉnh", note="Một tên trong danh mục cấp quyết định của hệ thống."),
    Column("Đơn vị ban hành", "issuing_unit", PLACE, required=True, place_level="any", example="Tỉnh Bạc Liêu",
           note="Đơn vị hành chính của cơ quan ký quyết định (tỉnh, huyện hoặc xã)."),
    Column("Người ký", "signer", example="Đại tá Nguyễn Văn A"),
    Column("Hình thức", "form", LOOKUP, required=True, choices=CommendationForm, example="Giấy khen"),
    Column("Loại khen thưởng", "kind", CHOICE, required=True, choices=CommendationKind, example="Đột xuất"),
    Column("Lý do, thành tích", "reason", example="Có thành tích xuất sắc trong phong trào Toàn dân bảo vệ ANTQ"),
    Column("Đợt, phong trào", "campaign"),
    Column("Tiền thưởng mỗi người (đồng)", "prize_amount", INT),
    Column("Đối tượng", "recipient_type", CHOICE, choices=RecipientType, example="Cá nhân",
           note="Cá nhân hoặc Tập thể; để trống nếu dòng chỉ khai báo quyết định."),
    Column("Họ và tên / tên tập thể", "recipient_name", example="Nguyễn Minh Chẳng"),
    Column("Năm sinh", "birth_year", INT, example=1968, note="Của cá nhân; giúp phân biệt người trùng tên."),
    Column("Xã, phường, thị trấn của người được khen", "recipient_commune", PLACE, attr="commune",
           example="xã Hưng Thành, huyện Vĩnh Lợi"),
    Column("Thành tích", "achievement"),
]
PARENT_FIELDS = ["number", "decided_on", "authority", "issuing_unit", "signer", "form", "kind", "reason",
                 "campaign", "prize_amount"]
CHILD_FIELDS = ["recipient_type", "recipient_name", "birth_year", "recipient_commune", "achievement"]
EXAMPLES = [{c.field: c.example for c in COLUMNS}]


class CommendationsSpec(RegistrySpec):
    place_dates = {"issuing_unit": ("decided_on",), "recipient_commune": ("decided_on",)}
    name = "commendations"
    label = _("Quyết định khen thưởng và người, tập thể được khen")
    filename = "mau-nhap-khen-thuong"
    columns = COLUMNS
    parent_model, child_model = Decision, Recipient
    parent_label, child_label = _("Quyết định"), _("Người, tập thể được khen")
    parent_fields, child_fields = PARENT_FIELDS, CHILD_FIELDS
    child_link = "decision"
    save_order = [Decision, Person, Recipient]
    derived_fields = ("group_name", "person", "archived_at", "archived_by")
    example_rows = EXAMPLES
    key_fields = ("number", "decided_on", "authority")
    key_text_fields = ("number",)
    notes = [
        _("Mỗi dòng là một cá nhân hoặc tập thể được khen; các cột của quyết định (từ “Số, ký hiệu” đến"
          " “Tiền thưởng”) được ghi lặp lại."),
        _("Một quyết định được nhận biết bằng số + cấp quyết định + năm; một cá nhân bằng họ tên + xã + năm sinh."),
    ]

    def parent_key(self, values: dict) -> tuple:
        return decision_key(authority_id=values["authority"].pk, year=values["decided_on"].year,
                            number=values["number"])

    def prepare_parent(self, obj, values, context) -> None:
        if obj.decided_on:
            obj.year = obj.decided_on.year

    def existing_parents(self, keys: set, context) -> dict:
        # Every decision with the key, in scope or not: the pipeline refuses to touch those outside.
        decisions = Decision.objects.filter(authority_id__in={k[0] for k in keys},
                                            year__in={k[1] for k in keys}).select_related("authority")
        found = {}
        for decision in decisions:
            key = decision_key(authority_id=decision.authority_id, year=decision.year, number=decision.number)
            if key in keys:
                found[key] = decision
        return found

    def child_keys(self, values: dict, context=None) -> list[tuple]:
        name, commune, birth_year = values.get("recipient_name") or "", values.get("commune"), values.get("birth_year")
        commune_id = commune.pk if commune else None
        if values.get("recipient_type") == RecipientType.COLLECTIVE:
            return [("group", fold(name), commune_id)]
        # The person the commendations app matches (a merged entry leads to whom it was merged into):
        # two spellings of one person are one recipient of a decision, never two.
        person = self._match(name, commune, birth_year, context) if context and name and commune else None
        if person is not None:
            return [("person", person.pk)]
        return [("person", identity_key(name, commune_id, birth_year))]

    def saved_child_keys(self, child) -> list[tuple]:
        if child.person_id:
            return [("person", child.person_id)]
        return [("group", fold(child.group_name), child.commune_id)]

    def existing_children(self, parents):
        # As in the decision form, a person taken off a decision and listed again gets their old row back
        # (one row per person and decision, archived or not).
        return (Recipient.objects.filter(decision__in=parents)
                .filter(Q(archived_at__isnull=True) | Q(person__isnull=False)).select_related("person"))

    def prepare_child(self, obj, values, row, context, plan) -> None:
        name, commune = values.get("recipient_name"), values.get("commune")
        if not name:
            context.error(row.number, "recipient_name", _("Cần ghi họ và tên cá nhân hoặc tên tập thể."))
        if commune is None:
            context.error(row.number, "recipient_commune", _("Cần ghi xã, phường, thị trấn của người được khen."))
        if not obj.recipient_type:
            context.error(row.number, "recipient_type", _("Cần ghi đối tượng: Cá nhân hoặc Tập thể."))
        if not name or commune is None:
            return
        obj.archived_at = obj.archived_by = None
        if obj.recipient_type == RecipientType.COLLECTIVE:
            obj.group_name, obj.person = name, None
            return
        obj.group_name = ""
        obj.person = self._person(name, commune, values.get("birth_year"), row, context, plan)
        if obj.person is not None:
            self._once_per_person(obj, row, context)

    def _match(self, name, commune, birth_year, context) -> Person | None:
        """commendations.services.person_match, once per identity in a file and one object per person."""
        matched = context.__dict__.setdefault("people", {})
        key = identity_key(name, commune.pk, birth_year)
        if key not in matched:
            person = person_match(full_name=name, commune=commune, birth_year=birth_year)
            if person is not None:
                person = context.__dict__.setdefault("people_by_pk", {}).setdefault(person.pk, person)
            matched[key] = person
        return matched[key]

    def _person(self, name, commune, birth_year, row, context, plan) -> Person | None:
        person = self._match(name, commune, birth_year, context)
        if person is not None:
            return person
        created = context.__dict__.setdefault("new_people", {})
        key = identity_key(name, commune.pk, birth_year)
        if key not in created:
            person = Person(full_name=name, commune=commune, birth_year=birth_year, identity_key=key)
            try:
                # The field checks person_match_or_create makes on a new person (the commune is resolved).
                person.full_clean(exclude=["identity_key", "search_text", "commune", "member", "merged_into"])
            except ValidationError as error:
                person = error
            else:
                plan.create(person)
                context.count(_("Cá nhân"), "create")
            created[key] = person
        if isinstance(created[key], ValidationError):
            for attr, messages in created[key].message_dict.items():
                for message in messages:
                    context.error(row.number, "birth_year" if attr == "birth_year" else "recipient_name", message)
            return None
        return created[key]

    def _once_per_person(self, recipient, row, context) -> None:
        """The commendations rule against saved decisions; between rows of the file, which are not saved yet,
        the same rule here."""
        decision, person = recipient.decision, recipient.person
        try:
            recipient_check_once_per_person(decision=decision, person=person)
        except ValidationError as error:
            for message in error.messages:
                context.error(row.number, "recipient_name", message)
            return
        if not decision.form.once_per_person:
            return
        given = context.__dict__.setdefault("once_given", {})
        first_row = given.setdefault((id(person), decision.form.pk), row.number)
        if first_row != row.number:
            context.error(row.number, "recipient_name", _(
                "%(name)s đã được tặng %(form)s (%(where)s); hình thức này chỉ tặng một lần cho mỗi người.")
                % {"name": person.full_name, "form": decision.form.name,
                   "where": _("dòng %(row)d") % {"row": first_row}})

    def describe(self, obj) -> str:
        if isinstance(obj, Recipient):
            return obj.person.full_name if obj.person else obj.group_name
        return f"{obj.number} ({obj.decided_on:%d/%m/%Y})"

    def export_rows(self, user):
        recipients = (Recipient.objects.visible_to(user)
                      .select_related("decision__authority", "decision__form", "decision__issuing_unit", "person",
                                      "commune").order_by("decision__decided_on", "decision__number", "pk"))
        place = PlaceLabels()
        for rec in recipients:
            dec = rec.decision
            cells = {"number": dec.number, "decided_on": dec.decided_on, "authority": dec.authority.name,
                     "issuing_unit": place(dec.issuing_unit), "signer": dec.signer, "form": dec.form.name,
                     "kind": dec.kind, "reason": dec.reason, "campaign": dec.campaign,
                     "prize_amount": dec.prize_amount, "recipient_type": rec.recipient_type,
                     "recipient_name": rec.person.full_name if rec.person else rec.group_name,
                     "birth_year": rec.person.birth_year if rec.person else None,
                     "recipient_commune": place(rec.commune), "achievement": rec.achievement}
            yield self.export_row(cells)
