"""The dashboard's GET form: the "as of" date, the period and the figure the map is shaded by."""

from datetime import date

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from antq_portal.widgets import DateInput
from reports.figures import FIGURE_LABELS
from reports.periods import Period, resolve_period

DATE_WIDGET = DateInput()

# The figure the map is shaded by: (key, label, the communes' tally rows it sums).
MAP_FIGURES = {
    **{name: (FIGURE_LABELS[name], (name,)) for name in ("organizations", "members", "deployments")},
    "commendations": (_("Lượt khen thưởng"), ("collectives", "individuals")),
}


class DashboardForm(forms.Form):
    as_of = forms.DateField(label=_("Số liệu đến ngày"), required=False, widget=DATE_WIDGET)
    since = forms.DateField(label=_("Khen thưởng từ ngày"), required=False, widget=DATE_WIDGET)
    until = forms.DateField(label=_("đến ngày"), required=False, widget=DATE_WIDGET)
    figure = forms.ChoiceField(label=_("Tô màu bản đồ theo"), required=False,
                               choices=[(key, label) for key, (label, _rows) in MAP_FIGURES.items()])

    def clean(self):
        data = super().clean()
        since, until, as_of = data.get("since"), data.get("until"), data.get("as_of")
        end = until or as_of or timezone.localdate()
        if since and since > end:
            raise forms.ValidationError(_("Ngày bắt đầu kỳ báo cáo phải trước ngày kết thúc."))
        return data

    def period(self) -> Period:
        """The chosen period, or as of today and this year to date when nothing (valid) was chosen."""
        data = self.cleaned_data if self.is_valid() else {}
        return resolve_period(as_of=data.get("as_of"), since=data.get("since"), until=data.get("until"))

    def map_figure(self) -> str:
        data = self.cleaned_data if self.is_valid() else {}
        return data.get("figure") or "organizations"


def period_query(period: Period, **extra) -> dict:
    """The GET parameters that reopen the same view (drill-down keeps the chosen dates)."""
    return {"as_of": period.as_of.isoformat(), "since": period.since.isoformat(),
            "until": period.until.isoformat(), **{k: v for k, v in extra.items() if v}}


DEMO_VIEW = {"as_of": date(2018, 7, 11), "since": date(2017, 1, 1)}
