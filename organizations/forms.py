from django import forms
from django.core.exceptions import ValidationError
from django.forms import inlineformset_factory
from django.utils.translation import gettext_lazy as _

from accounts.scope import communes_in_scope
from antq_portal.personal_data import MaskedFieldsMixin
from antq_portal.same_record import organization_key, same
from geography.lookup import check_commune_on
from geography.models import AdministrativeUnit

from .filtersets import DATE_WIDGET, CommuneChoiceField
from .models import (
    Member,
    Organization,
    OrganizationKind,
    OrganizationRating,
    citizen_id_validator,
)


class OrganizationForm(MaskedFieldsMixin, forms.ModelForm):
    """The commune choice is limited to the user's scope: a forged id is "not a valid choice"."""

    personal_fields = ("leader_phone",)

    commune = CommuneChoiceField(label=_("Xã, phường, thị trấn"), queryset=AdministrativeUnit.objects.none())

    class Meta:
        model = Organization
        fields = ["name", "kind", "commune", "hamlet", "decision_number", "decision_date", "decision_signer",
                  "founded_on", "dissolved_on", "leader_name", "leader_phone", "notes"]
        widgets = {"decision_date": DATE_WIDGET, "founded_on": DATE_WIDGET, "dissolved_on": DATE_WIDGET,
                   "notes": forms.Textarea(attrs={"rows": 3}), "leader_phone": forms.TextInput(attrs={"type": "tel"})}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        communes = communes_in_scope(user)
        kinds = OrganizationKind.objects.filter(is_active=True)
        if self.instance.pk:
            # The record was found through the scope helper, so its own commune stays selectable.
            communes = communes | AdministrativeUnit.objects.filter(pk=self.instance.commune_id)
            kinds = kinds | OrganizationKind.objects.filter(pk=self.instance.kind_id)
        self.fields["commune"].queryset = communes.select_related("parent").order_by("parent__name", "name")
        self.fields["kind"].queryset = kinds.distinct()
        if self.instance.pk is None and communes.count() == 1:
            self.fields["commune"].initial = communes.get()
        self.mask_personal_fields(user)

    def clean(self):
        data = super().clean()
        commune, name = data.get("commune"), data.get("name")
        try:
            check_commune_on(commune, data.get("founded_on") or data.get("decision_date"))
        except ValidationError as error:
            self.add_error("commune", error)
        if commune and name:
            key = organization_key(commune_id=commune.pk, hamlet=data.get("hamlet") or "", name=name)
            if same(Organization.objects.current().filter(commune=commune).only("commune_id", "hamlet", "name"),
                    lambda o: organization_key(commune_id=o.commune_id, hamlet=o.hamlet, name=o.name), key,
                    exclude_pk=self.instance.pk):
                self.add_error("name", _("Đã có tổ chức cùng tên ở địa bàn này."))
        return data


class MemberForm(MaskedFieldsMixin, forms.ModelForm):
    """A citizen ID and phone number are shown masked (********1234) to users without
    organizations.view_citizen_id; sending the mask back unchanged keeps the stored number."""

    personal_fields = ("citizen_id", "phone")

    class Meta:
        model = Member
        fields = ["full_name", "gender", "birth_date", "birth_year", "role", "origin", "phone", "citizen_id",
                  "joined_on", "left_on", "prior_service_years", "age_exception_decision"]
        widgets = {"birth_date": DATE_WIDGET, "joined_on": DATE_WIDGET, "left_on": DATE_WIDGET,
                   "phone": forms.TextInput(attrs={"type": "tel"}),
                   "citizen_id": forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"})}
        help_texts = {
            "age_exception_decision": _("Thành viên Tổ bảo vệ an ninh, trật tự phải từ đủ 18 đến 70 tuổi; "
                                        "ngoài độ tuổi đó phải nhập quyết định chấp thuận."),
            "citizen_id": _("12 chữ số, có thể bỏ trống."),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["citizen_id"]
        field.validators = []  # checked in clean_citizen_id, where the mask is recognised
        field.max_length = None
        field.widget.attrs.pop("maxlength", None)
        self.mask_personal_fields(user)

    def clean_citizen_id(self) -> str:
        value = self.kept("citizen_id", "".join((self.cleaned_data.get("citizen_id") or "").split()))
        if value and value != self.instance.citizen_id:
            citizen_id_validator(value)
        return value


class RatingForm(forms.ModelForm):
    class Meta:
        model = OrganizationRating
        fields = ["year", "rating", "rated_on", "notes"]
        widgets = {"rated_on": DATE_WIDGET, "year": forms.NumberInput(attrs={"min": 1990, "max": 2100})}


class BaseMemberFormSet(forms.BaseInlineFormSet):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("queryset", Member.objects.filter(archived_at__isnull=True))
        super().__init__(*args, **kwargs)

    def clean(self):
        super().clean()
        # The database refuses the same CCCD twice in one organization; rows typed together are told here.
        seen: dict[str, int] = {}
        for index, form in enumerate(self.forms):
            if not getattr(form, "cleaned_data", None) or self._should_delete_form(form):
                continue
            citizen_id = form.cleaned_data.get("citizen_id")
            if not citizen_id:
                continue
            if citizen_id in seen:
                form.add_error("citizen_id", _("Số CCCD trùng với thành viên ở dòng %(row)d: mỗi người chỉ có "
                                               "một dòng trong một tổ chức.") % {"row": seen[citizen_id] + 1})
            else:
                seen[citizen_id] = index


class BaseRatingFormSet(forms.BaseInlineFormSet):
    def clean(self):
        super().clean()
        years = [form.cleaned_data.get("year") for form in self.forms
                 if form.cleaned_data and not form.cleaned_data.get("DELETE")]
        if len([y for y in years if y]) != len({y for y in years if y}):
            raise ValidationError(_("Mỗi năm chỉ có một xếp loại."))


MemberFormSet = inlineformset_factory(Organization, Member, form=MemberForm, formset=BaseMemberFormSet,
                                      extra=0, can_delete=True)
RatingFormSet = inlineformset_factory(Organization, OrganizationRating, form=RatingForm,
                                      formset=BaseRatingFormSet, extra=0, can_delete=True)
