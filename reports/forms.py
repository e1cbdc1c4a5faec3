import uuid

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.scope import units_in_scope
from antq_portal.widgets import DateInput
from geography.models import READING_CHOICES

from .models import Report, ReportKind
from .periods import reporting_period_of, resolve_period

DATE_WIDGET = {"widget": DateInput()}


class ReportRequestForm(forms.Form):
    kind = forms.ChoiceField(label=_("Loại báo cáo"), choices=ReportKind.choices)
    unit = forms.ModelChoiceField(label=_("Đơn vị"), queryset=Report.unit.field.related_model.objects.none())
    as_of = forms.DateField(label=_("Số liệu đến ngày"), **DATE_WIDGET)
    since = forms.DateField(label=_("Khen thưởng từ ngày"), required=False, **DATE_WIDGET,
                            help_text=_("Để trống: từ 01/01 của năm."))
    until = forms.DateField(label=_("Khen thưởng đến ngày"), required=False, **DATE_WIDGET,
                            help_text=_("Để trống: bằng ngày số liệu."))
    signer_name = forms.CharField(label=_("Người ký"), max_length=150, required=False)
    approved_only = forms.BooleanField(
        label=_("Chỉ số liệu đã được duyệt"), required=False,
        help_text=_("Chỉ tính các xã đã được duyệt số liệu kỳ này; báo cáo lập lại sau vẫn cho đúng các số liệu đó. "
                    "Cần chọn đúng một kỳ báo cáo (ví dụ 15/06–14/09)."))
    layout = forms.ChoiceField(label=_("Số liệu theo"), required=False, choices=READING_CHOICES)
    # A fresh key each time the form is opened: posting it twice (a double click) makes one report.
    request_key = forms.UUIDField(widget=forms.HiddenInput, required=False, initial=uuid.uuid4)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        # Only units inside the officer's scope can be chosen; a forged value is refused as invalid.
        self.fields["unit"].queryset = units_in_scope(user).order_by("path")
        self.fields["unit"].label_from_instance = lambda u: ("— " * (u.level - 1)) + u.name
        self.fields["as_of"].initial = timezone.localdate()
        if user.unit_id:
            self.fields["unit"].initial = user.unit_id

    def clean(self):
        data = super().clean()
        if data.get("as_of"):
            try:
                period = resolve_period(as_of=data["as_of"], since=data.get("since"), until=data.get("until"))
            except ValueError as exc:
                raise forms.ValidationError(str(exc)) from None
            data["since"], data["until"] = period.since, period.until
            if data.get("approved_only"):
                reporting = reporting_period_of(since=period.since, until=period.until)
                if reporting is None:
                    raise forms.ValidationError(_("Số liệu đã duyệt chỉ có cho một kỳ báo cáo theo Nghị định "
                                                  "09/2019/NĐ-CP: chọn từ ngày 15 đến ngày 14 của tháng cuối kỳ."))
                data["as_of"] = reporting.until
        return data


class CompareForm(forms.Form):
    a = forms.ModelChoiceField(label=_("Báo cáo thứ nhất"), queryset=Report.objects.none())
    b = forms.ModelChoiceField(label=_("Báo cáo thứ hai"), queryset=Report.objects.none())

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        done = Report.objects.visible_to(user).filter(status="done").select_related("unit")
        for name in ("a", "b"):
            self.fields[name].queryset = done
            self.fields[name].label_from_instance = lambda r: f"#{r.pk} {r}"
