from django import forms
from django.utils.translation import gettext_lazy as _

from reports.periods import KIND_LABELS, KINDS, ReportingPeriod

KIND_CHOICES = [(kind, KIND_LABELS[kind]) for kind in KINDS]


class PeriodForm(forms.Form):
    """GET form of the chain's pages: which kind of period and which one ("2018-Q3")."""

    kind = forms.ChoiceField(label=_("Loại kỳ"), choices=KIND_CHOICES, required=False)
    period = forms.CharField(label=_("Kỳ báo cáo"), required=False, max_length=8,
                             help_text=_("Ví dụ: 2018-07 (tháng), 2018-Q3 (quý), 2018-H1 (6 tháng), 2018 (năm)."))

    def clean_period(self):
        key = self.cleaned_data.get("period")
        if not key:
            return None
        try:
            return ReportingPeriod.from_key(key.strip().upper())
        except ValueError:
            raise forms.ValidationError(_("Kỳ báo cáo không hợp lệ: %(key)s.") % {"key": key}) from None


def period_choices(around: ReportingPeriod, count: int = 8) -> list[tuple[str, str]]:
    """The chosen kind's last periods, newest first, for the picker."""
    choices, period = [], around
    for _index in range(count):
        choices.append((period.key, period.label))
        period = period.previous()
    return choices


class SubmitForm(forms.Form):
    confirm = forms.BooleanField(label=_("Số liệu đã cập nhật đầy đủ đến hết kỳ"), required=True,
                                 error_messages={"required": _("Hãy xác nhận số liệu đã cập nhật đầy đủ đến hết kỳ.")})
    note = forms.CharField(label=_("Ghi chú"), required=False, widget=forms.Textarea(attrs={"rows": 3}))


class ApproveForm(forms.Form):
    note = forms.CharField(label=_("Ghi chú"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Lý do"), widget=forms.Textarea(attrs={"rows": 3}),
                             error_messages={"required": _("Hãy ghi lý do.")})


