"""The dashboard's GET form: the "as of" date, the period and the figure the map is shaded by."""

from datetime import date

from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.scope import units_in_scope
from antq_portal.widgets import DateInput, UnitInput
from geography.lookup import resolve_unit
from geography.models import READING_CHOICES
from reports.figures import FIGURE_LABELS
from reports.periods import Period, ReportingPeriod, reporting_period_choices, resolve_period

DATE_WIDGET = DateInput()

# The figure the map is shaded by: (key, label, the communes' tally rows it sums).
STATUS_MAP = "status"
MAP_FIGURES = {
    **{name: (FIGURE_LABELS[name], (name,)) for name in ("organizations", "members", "deployments")},
    "commendations": (_("Lượt khen thưởng"), ("collectives", "individuals")),
    # Not a figure: each commune's reporting-chain status for the chosen period (approvals.selectors).
    STATUS_MAP: (_("Tình hình báo cáo của xã"), ()),
}


class DashboardForm(forms.Form):
    unit = forms.CharField(label=_("Đơn vị (tên hoặc mã)"), required=False, max_length=200,
                           help_text=_("Ví dụ “Cà Mau”, 96 hoặc “Phường 5, Thành phố Cà Mau”."))
    as_of = forms.DateField(label=_("Số liệu đến ngày"), required=False, widget=DATE_WIDGET)
    since = forms.DateField(label=_("Khen thưởng từ ngày"), required=False, widget=DATE_WIDGET)
    until = forms.DateField(label=_("đến ngày"), required=False, widget=DATE_WIDGET)
    layout = forms.ChoiceField(label=_("Số liệu theo"), required=False, choices=READING_CHOICES)
    reporting_period = forms.ChoiceField(
        label=_("Kỳ báo cáo (Nghị định 09)"), required=False,
        help_text=_("Chọn một kỳ: số liệu tính đến ngày 14 của tháng cuối kỳ, khen thưởng từ ngày 15 tháng trước kỳ."))
    figure = forms.ChoiceField(label=_("Tô màu bản đồ theo"), required=False,
                               choices=[(key, label) for key, (label, _rows) in MAP_FIGURES.items()])

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        # Typed, with the portal's suggestions of the units in scope (geography:unit_search).
        self.fields["unit"].widget = UnitInput(f"{reverse('geography:unit_search')}?level=any")
        self.fields["reporting_period"].choices = [("", "—"), *reporting_period_choices(timezone.localdate())]

    def chosen_reporting_period(self) -> ReportingPeriod | None:
        """The Decree 09 period picked: the dashboard then shows its cut-offs (15th → 14th) as its dates."""
        key = self.cleaned_data.get("reporting_period") if self.is_valid() else None
        return ReportingPeriod.from_key(key) if key else None

    def clean(self):
        data = super().clean()
        since, until, as_of = data.get("since"), data.get("until"), data.get("as_of")
        end = until or as_of or timezone.localdate()
        if since and since > end:
            raise forms.ValidationError(_("Ngày bắt đầu kỳ báo cáo phải trước ngày kết thúc."))
        if data.get("unit") and self.user is not None:
            # The one unit parser, in the layout of the "as of" date, inside the officer's scope only.
            try:
                data["unit"] = resolve_unit(data["unit"], on=as_of or until, layout=data.get("layout") or None,
                                            within=units_in_scope(self.user))
            except ValidationError as error:
                self.add_error("unit", error.messages[0])
        return data

    def chosen_unit(self):
        """The unit typed in the picker, once it names exactly one unit of the scope."""
        return self.cleaned_data.get("unit") or None if self.is_valid() else None

    def period(self) -> Period:
        """The chosen period, or as of today and this year to date when nothing (valid) was chosen."""
        if (picked := self.chosen_reporting_period()) is not None:
            return picked.as_period()
        valid = self.is_valid() or set(self.errors) == {"unit"}
        data = self.cleaned_data if valid else {}
        return resolve_period(as_of=data.get("as_of"), since=data.get("since"), until=data.get("until"))

    def chosen_layout(self) -> str | None:
        """The layout asked for; None: the one valid on the "as of" date (geography.lookup.layout_for)."""
        valid = self.is_valid() or set(self.errors) == {"unit"}
        return (self.cleaned_data.get("layout") or None) if valid else None

    def map_figure(self) -> str:
        data = self.cleaned_data if self.is_valid() else {}
        return data.get("figure") or "organizations"


def period_query(period: Period, **extra) -> dict:
    """The GET parameters that reopen the same view (drill-down keeps the chosen dates)."""
    return {"as_of": period.as_of.isoformat(), "since": period.since.isoformat(),
            "until": period.until.isoformat(), **{k: v for k, v in extra.items() if v}}


DEMO_VIEW = {"as_of": date(2018, 7, 11), "since": date(2017, 1, 1)}
