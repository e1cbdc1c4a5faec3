from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from accounts.scope import communes_in_scope, units_in_scope
from antq_portal.same_record import deployment_key, model_key, same
from antq_portal.widgets import DateInput
from geography.lookup import check_commune_on
from organizations.models import Organization

from .filtersets import UnitChoiceField
from .models import CrimePreventionModel, Deployment, FieldOfWork, Recognition, ResultIndicator

DATE_WIDGET = DateInput()


class CrimePreventionModelForm(forms.ModelForm):
    founding_unit = UnitChoiceField(label=_("Đơn vị xây dựng"), queryset=None)

    class Meta:
        model = CrimePreventionModel
        fields = ["name", "field", "founding_unit", "founded_on", "status", "description"]
        widgets = {"founded_on": DATE_WIDGET, "description": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["founding_unit"].queryset = units_in_scope(user).select_related("parent").order_by("path")
        fields = FieldOfWork.objects.filter(is_active=True)
        if self.instance.field_id:
            fields = fields | FieldOfWork.objects.filter(pk=self.instance.field_id)
        self.fields["field"].queryset = fields.distinct()

    def clean(self):
        cleaned = super().clean()
        name, unit = cleaned.get("name"), cleaned.get("founding_unit")
        if name and unit:
            clash = CrimePreventionModel.objects.for_everyone().filter(founding_unit=unit)
            if same(clash, lambda m: model_key(founding_unit_id=m.founding_unit_id, name=m.name),
                    model_key(founding_unit_id=unit.pk, name=name), exclude_pk=self.instance.pk):
                self.add_error("name", _("Đơn vị này đã có một mô hình cùng tên."))
        return cleaned


class RecognitionForm(forms.ModelForm):
    class Meta:
        model = Recognition
        fields = ["level", "authority", "decision_number", "decided_on", "valid_until"]
        widgets = {"decided_on": DATE_WIDGET, "valid_until": DATE_WIDGET}
        help_texts = {"valid_until": _("Bỏ trống nếu quyết định không có thời hạn.")}

    def __init__(self, *args, model: CrimePreventionModel, **kwargs):
        super().__init__(*args, **kwargs)
        self.model = model

    def clean(self):
        cleaned = super().clean()
        decided_on, valid_until = cleaned.get("decided_on"), cleaned.get("valid_until")
        if decided_on and valid_until and valid_until < decided_on:
            self.add_error("valid_until", _("Ngày hết hiệu lực phải sau ngày quyết định."))
        level, number = cleaned.get("level"), cleaned.get("decision_number")
        if level and number:
            clash = Recognition.objects.filter(model=self.model, level=level, decision_number=number.strip())
            if clash.exclude(pk=self.instance.pk).exists():
                self.add_error("decision_number", _("Mô hình đã có quyết định công nhận số này ở cấp này."))
        return cleaned

    def save(self, commit: bool = True):
        self.instance.model = self.model
        return super().save(commit)


class DeploymentForm(forms.ModelForm):
    """Communes and host organizations are limited to the user's scope; a forged id is an invalid choice."""

    commune = UnitChoiceField(label=_("Xã, phường, thị trấn"), queryset=None)

    class Meta:
        model = Deployment
        fields = ["commune", "place", "host_organization", "started_on", "ended_on", "notes"]
        widgets = {"started_on": DATE_WIDGET, "ended_on": DATE_WIDGET, "notes": forms.Textarea(attrs={"rows": 3})}
        help_texts = {"host_organization": _("Chỉ các tổ chức quần chúng của xã, phường, thị trấn đã chọn.")}

    def __init__(self, *args, user, model: CrimePreventionModel, options_url: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.model = model
        self.fields["commune"].queryset = communes_in_scope(user).select_related("parent").order_by("path")
        # Choosing a commune reloads this page's host organization options (htmx); without JS the
        # options appear once the deployment is saved and edited again.
        self.fields["commune"].widget.attrs.update({
            "hx-get": options_url, "hx-target": "#id_host_organization", "hx-trigger": "change",
            "hx-select": "#id_host_organization > *", "hx-swap": "innerHTML",
        })
        self.fields["host_organization"].queryset = host_organization_choices(user, self._chosen_commune())

    def _chosen_commune(self):
        raw = self.data.get(self.add_prefix("commune")) if self.is_bound else self.initial.get("commune")
        if raw in (None, "") and self.instance.commune_id:
            raw = self.instance.commune_id
        try:
            return int(getattr(raw, "pk", raw))
        except (TypeError, ValueError):
            return None

    def clean(self):
        cleaned = super().clean()
        started_on, ended_on = cleaned.get("started_on"), cleaned.get("ended_on")
        if started_on and ended_on and ended_on < started_on:
            self.add_error("ended_on", _("Ngày kết thúc phải sau ngày triển khai."))
        commune = cleaned.get("commune")
        try:
            check_commune_on(commune, started_on)
        except ValidationError as error:
            self.add_error("commune", error)
        if commune:
            clash = Deployment.objects.current().filter(model=self.model, commune=commune)
            key_of = lambda d: deployment_key(model_id=d.model_id, commune_id=d.commune_id, place=d.place)  # noqa: E731
            key = deployment_key(model_id=self.model.pk, commune_id=commune.pk, place=cleaned.get("place") or "")
            if same(clash, key_of, key, exclude_pk=self.instance.pk):
                self.add_error("place", _("Mô hình đã được triển khai tại địa bàn này của xã, phường, thị trấn."))
        return cleaned

    def save(self, commit: bool = True):
        self.instance.model = self.model
        return super().save(commit)


def host_organization_choices(user, commune_id: int | None):
    """Organizations of one commune that the user may see (none until a commune is chosen)."""
    if not commune_id:
        return Organization.objects.none()
    return Organization.objects.visible_to(user).filter(commune_id=commune_id).order_by("name")


class DeploymentResultsForm(forms.Form):
    """One year's results of a deployment: one number per indicator of the managed list."""

    year = forms.IntegerField(label=_("Năm"), min_value=1990, max_value=2100)

    def __init__(self, *args, indicators: list[ResultIndicator], **kwargs):
        super().__init__(*args, **kwargs)
        self.indicators = indicators
        for indicator in indicators:
            label = f"{indicator.name} ({indicator.unit_label})" if indicator.unit_label else indicator.name
            self.fields[self.key(indicator)] = forms.IntegerField(label=label, min_value=0, required=False)

    @staticmethod
    def key(indicator: ResultIndicator) -> str:
        return f"indicator_{indicator.pk}"

    def values(self) -> dict[ResultIndicator, int | None]:
        return {indicator: self.cleaned_data.get(self.key(indicator)) for indicator in self.indicators}
