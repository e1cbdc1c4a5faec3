"""Mass organizations with their members: one row per member, the organization's columns repeated."""

from datetime import date

from django.utils.translation import gettext_lazy as _

from antq_portal.personal_data import BIRTH_DATE, CITIZEN_ID, reveal
from antq_portal.personal_data import PHONE as PHONE_DATA
from antq_portal.same_record import member_keys, organization_key
from imports.pipeline.columns import CHOICE, DATE, DECIMAL, INT, LOOKUP, PHONE, PLACE, Column
from imports.pipeline.places import PlaceLabels
from organizations.models import Gender, Member, MemberOrigin, MemberRole, Organization, OrganizationKind

from .base import RegistrySpec

COLUMNS = [
    Column("Xã, phường, thị trấn", "commune", PLACE, required=True, example="P. Hộ Phòng, TX Giá Rai",
           note="Tên xã/phường/thị trấn và huyện/thị xã; có thể viết tắt (P., TX, TP) hoặc không dấu.",
           aliases=("Xã/phường", "Xã, phường", "Địa bàn")),
    Column("Ấp, khóm", "hamlet", example="Khóm 1", aliases=("Ấp, khóm, thôn, tổ dân phố", "Ấp/khóm")),
    Column("Tên tổ chức", "name", required=True, example="Tổ bảo vệ an ninh, trật tự khóm 1"),
    Column("Loại tổ chức", "kind", LOOKUP, required=True, choices=OrganizationKind,
           example="Tổ bảo vệ an ninh, trật tự", note="Một tên trong danh mục loại tổ chức của hệ thống."),
    Column("Số quyết định thành lập", "decision_number", example="12/QĐ-UBND"),
    Column("Ngày quyết định", "decision_date", DATE, example=date(2018, 3, 15)),
    Column("Người ký quyết định", "decision_signer", example="Nguyễn Văn A"),
    Column("Ngày thành lập", "founded_on", DATE, example=date(2018, 3, 15)),
    Column("Ngày giải thể", "dissolved_on", DATE),
    Column("Người đứng đầu", "leader_name", example="Trần Văn Bình"),
    Column("Điện thoại tổ chức", "leader_phone", PHONE, example="02913851234", attr="leader_phone",
           personal=PHONE_DATA),
    Column("Ghi chú tổ chức", "notes", attr="notes"),
    Column("Họ và tên thành viên", "full_name", example="Lê Thị Cúc",
           note="Để trống nếu dòng chỉ khai báo tổ chức (tổ chức chưa có thành viên)."),
    Column("Giới tính", "gender", CHOICE, choices=Gender, example="Nữ"),
    Column("Ngày sinh", "birth_date", DATE, example=date(1980, 5, 2), personal=BIRTH_DATE),
    Column("Năm sinh", "birth_year", INT, example=1980, note="Ghi khi không biết ngày sinh."),
    Column("Chức danh", "role", CHOICE, choices=MemberRole, example="Tổ trưởng"),
    Column("Nguồn", "origin", CHOICE, choices=MemberOrigin, example="Bảo vệ dân phố"),
    Column("Điện thoại thành viên", "member_phone", PHONE, example="0912345678", attr="phone", personal=PHONE_DATA),
    Column("Số CCCD", "citizen_id", example="095180001234", personal=CITIZEN_ID,
           note="Đúng 12 chữ số; định dạng ô là Văn bản. Số đã che (********1234) giữ nguyên số đã lưu."),
    Column("Ngày tham gia", "joined_on", DATE, example=date(2018, 3, 15)),
    Column("Ngày thôi tham gia", "left_on", DATE),
    Column("Số năm công tác trước đó", "prior_service_years", DECIMAL, example=0),
    Column("Quyết định chấp thuận ngoài độ tuổi", "age_exception_decision"),
]
PARENT_FIELDS = ["commune", "hamlet", "name", "kind", "decision_number", "decision_date", "decision_signer",
                 "founded_on", "dissolved_on", "leader_name", "leader_phone", "notes"]
EXAMPLES = [
    {c.field: c.example for c in COLUMNS},
    {**{c.field: c.example for c in COLUMNS}, "full_name": "Phạm Văn Dũng", "gender": "Nam",
     "birth_date": date(1975, 9, 1), "birth_year": 1975, "role": "Tổ viên / thành viên", "member_phone": "",
     "citizen_id": "095175004321"},
]
CHILD_FIELDS = ["full_name", "gender", "birth_date", "birth_year", "role", "origin", "member_phone", "citizen_id",
                "joined_on", "left_on", "prior_service_years", "age_exception_decision"]


class OrganizationsSpec(RegistrySpec):
    place_dates = {"commune": ("founded_on", "decision_date")}
    name = "organizations"
    label = _("Tổ chức quần chúng và thành viên")
    filename = "mau-nhap-to-chuc-quan-chung"
    columns = COLUMNS
    parent_model, child_model = Organization, Member
    parent_label, child_label = _("Tổ chức"), _("Thành viên")
    parent_fields, child_fields = PARENT_FIELDS, CHILD_FIELDS
    child_link = "organization"
    save_order = [Organization, Member]
    example_rows = EXAMPLES
    key_fields = ("commune", "hamlet", "name")
    key_text_fields = ("hamlet", "name", "full_name")
    notes = [
        _("Mỗi dòng là một thành viên; các cột của tổ chức (từ “Xã, phường, thị trấn” đến “Ghi chú tổ chức”)"
          " được ghi lặp lại trên mọi dòng thành viên của tổ chức đó."),
        _("Một tổ chức được nhận biết bằng xã/phường + ấp/khóm + tên tổ chức: nhập lại cùng tệp sẽ cập nhật,"
          " không tạo bản ghi trùng."),
        _("Một thành viên được nhận biết bằng số CCCD, hoặc họ tên + năm sinh khi không có CCCD."),
        _("Tổ chức chưa có thành viên: để trống các cột thành viên."),
    ]

    def parent_key(self, values: dict) -> tuple:
        return organization_key(commune_id=values["commune"].pk, hamlet=values["hamlet"] or "", name=values["name"])

    def existing_parents(self, keys: set, context) -> dict:
        communes = {k[0] for k in keys}
        found = {}
        for org in (Organization.objects.filter(commune_id__in=communes, archived_at__isnull=True)
                    .select_related("commune", "kind")):
            found[organization_key(commune_id=org.commune_id, hamlet=org.hamlet, name=org.name)] = org
        return found

    def child_keys(self, values: dict, context=None) -> list[tuple]:
        birth = values.get("birth_date")
        year = birth.year if birth else values.get("birth_year")
        return member_keys(citizen_id=values.get("citizen_id") or "", full_name=values.get("full_name") or "",
                           birth_year=year)

    def _shown_for(self, user):
        """Cells of personal columns through the gate (a masked CCCD re-imported keeps the stored one)."""
        kinds = {c.field: c.personal for c in self.columns if c.personal}

        def shown(field_name, value):
            return reveal(user, kinds[field_name], value) if field_name in kinds else value
        return shown

    def describe(self, obj) -> str:
        if isinstance(obj, Organization):
            return f"{obj.name} — {obj.commune.name}"
        return obj.full_name

    def export_rows(self, user):
        orgs = (Organization.objects.visible_to(user).select_related("commune", "kind")
                .prefetch_related("members").order_by("commune__path", "hamlet", "name", "pk"))
        place = PlaceLabels()
        attrs = {f: self.column(f).model_attr for f in self.parent_fields + self.child_fields}
        shown = self._shown_for(user)
        for org in orgs:
            parent = {f: shown(f, getattr(org, attrs[f])) for f in self.parent_fields}
            parent.update(commune=place(org.commune), kind=org.kind.name)
            members = sorted((m for m in org.members.all() if m.archived_at is None), key=lambda m: m.pk)
            if not members:
                yield self.export_row(parent)
            for member in members:
                cells = {f: shown(f, getattr(member, attrs[f])) for f in self.child_fields}
                if cells["birth_date"] is not None and not hasattr(cells["birth_date"], "day"):
                    cells["birth_date"], cells["birth_year"] = None, cells["birth_date"]  # only the year
                yield self.export_row({**parent, **cells})
