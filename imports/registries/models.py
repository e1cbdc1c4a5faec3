"""Crime-prevention models with their deployments: one row per deployment, the model's columns repeated."""

from datetime import date

from django.utils.translation import gettext_lazy as _

from antq_portal.same_record import deployment_key, model_key
from imports.pipeline.columns import CHOICE, DATE, LOOKUP, PLACE, Column
from imports.pipeline.places import PlaceLabels
from models_registry.models import CrimePreventionModel, Deployment, FieldOfWork, ModelStatus

from .base import RegistrySpec

COLUMNS = [
    Column("Tên mô hình", "name", required=True, example="Tổ tự quản rừng phòng hộ về ANTT"),
    Column("Lĩnh vực", "field", LOOKUP, required=True, choices=FieldOfWork, example="Phòng, chống tội phạm",
           note="Một tên trong danh mục lĩnh vực của hệ thống."),
    Column("Đơn vị xây dựng", "founding_unit", PLACE, required=True, place_level="any",
           example="Xã Vĩnh Thịnh, Huyện Hòa Bình", note="Xã, huyện hoặc tỉnh đã xây dựng mô hình."),
    Column("Ngày xây dựng", "founded_on", DATE, example=date(2016, 6, 1)),
    Column("Trạng thái", "status", CHOICE, choices=ModelStatus, example="Đang hoạt động"),
    Column("Mô tả", "description", example="Người dân tự quản, tuần tra bảo vệ rừng phòng hộ ven biển."),
    Column("Xã, phường, thị trấn triển khai", "commune", PLACE, example="xa Vinh Thinh huyen Hoa Binh",
           note="Để trống nếu dòng chỉ khai báo mô hình."),
    Column("Địa bàn cụ thể", "place", example="Ấp Vĩnh Mới"),
    Column("Ngày triển khai", "started_on", DATE, example=date(2016, 6, 1)),
    Column("Ngày kết thúc", "ended_on", DATE),
    Column("Ghi chú triển khai", "deployment_notes", attr="notes"),
]
PARENT_FIELDS = ["name", "field", "founding_unit", "founded_on", "status", "description"]
CHILD_FIELDS = ["commune", "place", "started_on", "ended_on", "deployment_notes"]
EXAMPLES = [{c.field: c.example for c in COLUMNS}]


class ModelsSpec(RegistrySpec):
    place_dates = {"founding_unit": ("founded_on",), "commune": ("started_on", "founded_on")}
    name = "models"
    label = _("Mô hình và nơi triển khai")
    filename = "mau-nhap-mo-hinh"
    columns = COLUMNS
    parent_model, child_model = CrimePreventionModel, Deployment
    parent_label, child_label = _("Mô hình"), _("Nơi triển khai")
    parent_fields, child_fields = PARENT_FIELDS, CHILD_FIELDS
    child_link = "model"
    save_order = [CrimePreventionModel, Deployment]
    example_rows = EXAMPLES
    key_fields = ("founding_unit", "name")
    key_text_fields = ("name", "place")
    notes = [
        _("Mỗi dòng là một nơi triển khai; các cột của mô hình (từ “Tên mô hình” đến “Mô tả”) được ghi lặp lại."),
        _("Một mô hình được nhận biết bằng đơn vị xây dựng + tên; một nơi triển khai bằng mô hình + xã + địa bàn."),
    ]

    def has_child(self, row) -> bool:
        return row.values.get("commune") is not None or super().has_child(row)

    def parent_key(self, values: dict) -> tuple:
        return model_key(founding_unit_id=values["founding_unit"].pk, name=values["name"])

    def existing_parents(self, keys: set, context) -> dict:
        units = {k[0] for k in keys}
        return {model_key(founding_unit_id=m.founding_unit_id, name=m.name): m
                for m in CrimePreventionModel.objects.filter(founding_unit_id__in=units, archived_at__isnull=True)
                .select_related("founding_unit", "field")}

    def child_keys(self, values: dict, context=None) -> list[tuple]:
        # Within one model (the pipeline pairs the key with its parent).
        commune = values.get("commune")
        return [deployment_key(model_id=None, commune_id=commune.pk if commune else None,
                               place=values.get("place") or "")]

    def prepare_child(self, obj, values, row, context, plan) -> None:
        if obj.commune_id is None and row.values.get("commune") is None:
            context.error(row.number, "commune", _("Nơi triển khai cần ghi xã, phường, thị trấn."))

    def describe(self, obj) -> str:
        if isinstance(obj, Deployment):
            return f"{obj.model.name} — {obj.commune.name}" + (f" ({obj.place})" if obj.place else "")
        return obj.name

    def export_rows(self, user):
        deployments = (Deployment.objects.visible_to(user).select_related("model__field", "model__founding_unit",
                                                                          "commune")
                       .order_by("model__name", "commune__path", "place", "pk"))
        place = PlaceLabels()
        for dep in deployments:
            model = dep.model
            cells = {"name": model.name, "field": model.field.name, "founding_unit": place(model.founding_unit),
                     "founded_on": model.founded_on, "status": model.status, "description": model.description,
                     "commune": place(dep.commune), "place": dep.place, "started_on": dep.started_on,
                     "ended_on": dep.ended_on, "deployment_notes": dep.notes}
            yield self.export_row(cells)
