from pathlib import Path

from django import forms
from django.forms import BaseInlineFormSet, inlineformset_factory
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from accounts.scope import communes_in_scope, units_in_scope
from antq_portal.same_record import decision_key, same
from antq_portal.widgets import DateInput
from geography.lookup import check_commune_on
from geography.models import AdministrativeUnit
from models_registry.models import Deployment
from organizations.filtersets import CommuneChoiceField
from organizations.models import Member, Organization

from .links import LINK_BY_FIELD, LinkLabels
from .models import Decision, Person, Recipient, RecipientType, identity_key
from .services import RecipientEntry
from .validators import scan_extension, validate_scan
from .widgets import LinkPicker

DATE_WIDGET = DateInput()


class DecisionForm(forms.ModelForm):
    class Meta:
        model = Decision
        fields = ["number", "decided_on", "authority", "issuing_unit", "signer", "form", "kind", "reason",
                  "campaign", "prize_amount", "scan"]
        widgets = {"decided_on": DATE_WIDGET, "reason": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        # Only units the user may act for: a forged POST with another unit is an invalid choice.
        self.fields["issuing_unit"].queryset = units_in_scope(user).order_by("level", "path")
        self.fields["scan"].help_text = _("PDF, PNG hoặc JPEG, tối đa 10 MB.")
        self.fields["scan"].widget.attrs["accept"] = "application/pdf,image/png,image/jpeg"

    def clean_scan(self):
        scan = self.cleaned_data.get("scan")
        if scan and hasattr(scan, "content_type"):  # a new upload, not the stored file
            validate_scan(scan)
            # The stored name says what the content is, whatever the uploaded name claimed.
            scan.name = f"{Path(scan.name).stem[:80] or 'quyet-dinh'}.{scan_extension(scan)}"
        return scan

    def clean(self):
        cleaned = super().clean()
        decided_on, authority, number = cleaned.get("decided_on"), cleaned.get("authority"), cleaned.get("number")
        if decided_on and authority and number:
            key_of = lambda d: decision_key(authority_id=d.authority_id, year=d.year, number=d.number)  # noqa: E731
            key = decision_key(authority_id=authority.pk, year=decided_on.year, number=number)
            if same(Decision.objects.filter(authority=authority, year=decided_on.year), key_of, key,
                    exclude_pk=self.instance.pk):
                self.add_error("number", _("Đã có quyết định số %(number)s của %(authority)s năm %(year)s.")
                               % {"number": number, "authority": authority, "year": decided_on.year})
        return cleaned


def scoped_communes(user):
    return communes_in_scope(user).select_related("parent").order_by("path")


LINK_HELP = _("Không bắt buộc: gõ một phần tên, không cần dấu, rồi chọn trong danh sách.")
LINK_INVALID = _("Không có bản ghi này trong phạm vi của bạn: hãy tìm theo tên và chọn lại.")


def link_field(model_field_label, field: str, placeholder) -> dict:
    return {"label": model_field_label, "required": False, "help_text": LINK_HELP,
            "error_messages": {"invalid_choice": LINK_INVALID},
            "widget": LinkPicker(field, placeholder, attrs={"placeholder": _("mã số")})}


class RecipientForm(forms.ModelForm):
    full_name = forms.CharField(label=_("Họ và tên"), max_length=150, required=False)
    birth_year = forms.IntegerField(label=_("Năm sinh"), required=False, min_value=1900, max_value=2100)
    member = forms.ModelChoiceField(queryset=Member.objects.none(),
                                    **link_field(_("Thành viên tổ chức"), "member", _("Gõ tên thành viên…")))
    organization = forms.ModelChoiceField(queryset=Organization.objects.none(),
                                          **link_field(_("Tổ chức quần chúng"), "organization",
                                                       _("Gõ tên tổ chức…")))
    deployment = forms.ModelChoiceField(queryset=Deployment.objects.none(),
                                        **link_field(_("Nơi triển khai mô hình"), "deployment",
                                                     _("Gõ tên mô hình hoặc xã, phường…")))
    commune = CommuneChoiceField(label=_("Xã, phường, thị trấn"), queryset=AdministrativeUnit.objects.none())

    class Meta:
        model = Recipient
        fields = ["recipient_type", "full_name", "birth_year", "member", "organization", "deployment",
                  "group_name", "commune", "achievement"]
        widgets = {"achievement": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, user, link_labels: LinkLabels | None = None, commune_choices=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["commune"].queryset = scoped_communes(user)
        if commune_choices is not None:  # read once for every row of the formset
            self.fields["commune"].widget.choices = commune_choices
        # A forged ID of a record outside the user's scope is an invalid choice.
        self.fields["member"].queryset = Member.objects.visible_to(user)
        self.fields["organization"].queryset = Organization.objects.visible_to(user)
        self.fields["deployment"].queryset = Deployment.objects.visible_to(user)
        person = self.instance.person if self.instance.pk and self.instance.person_id else None
        if person is not None:
            self.initial.update(full_name=person.full_name, birth_year=person.birth_year, member=person.member_id)
        self.link_labels = link_labels or LinkLabels(user)
        for name in LINK_BY_FIELD:
            self.fields[name].widget.labels = self.link_labels
            self.link_labels.want(name, self[name].value())

    def clean(self):
        cleaned = super().clean()
        kind = cleaned.get("recipient_type")
        if kind == RecipientType.INDIVIDUAL and not (cleaned.get("full_name") or "").strip():
            self.add_error("full_name", _("Nhập họ và tên của cá nhân được khen."))
        if kind == RecipientType.COLLECTIVE and not (
                cleaned.get("organization") or cleaned.get("deployment") or cleaned.get("group_name")):
            self.add_error("group_name", _("Chọn tổ chức, nơi triển khai mô hình hoặc nhập tên tập thể."))
        return cleaned

    def identity(self) -> str | None:
        data = self.cleaned_data
        if data.get("recipient_type") != RecipientType.INDIVIDUAL or not data.get("commune"):
            return None
        return identity_key(data.get("full_name") or "", data["commune"].pk, data.get("birth_year"))

    def entry(self) -> RecipientEntry:
        data = self.cleaned_data
        return RecipientEntry(recipient=self.instance, full_name=(data.get("full_name") or "").strip(),
                              birth_year=data.get("birth_year"), member=data.get("member"),
                              relink_member="member" in self.changed_data)


class BaseRecipientFormSet(BaseInlineFormSet):
    def __init__(self, *args, user, **kwargs):
        self.user = user
        # The decision's date, once its form is valid: each row's commune must be of the layout valid then.
        self.decided_on = None
        # Recipients outside the user's scope are neither shown nor editable.
        kwargs.setdefault("queryset", Recipient.objects.visible_to(user).select_related("person", "commune"))
        super().__init__(*args, **kwargs)

    @cached_property
    def _shared(self) -> dict:
        """What every row shows alike, read once: the commune choices and the linked records' labels."""
        communes = CommuneChoiceField(queryset=scoped_communes(self.user))
        return {"user": self.user, "link_labels": LinkLabels(self.user),
                "commune_choices": [choice for choice in communes.choices]}  # list() would COUNT first

    def get_form_kwargs(self, index):
        return {**super().get_form_kwargs(index), **self._shared}

    @property
    def empty_form(self):
        form = self.form(auto_id=self.auto_id, prefix=self.add_prefix("__prefix__"), empty_permitted=True,
                         use_required_attribute=False, renderer=self.renderer, **self._shared)
        self.add_fields(form, None)
        return form

    def clean(self):
        super().clean()
        seen: dict[str, int] = {}
        for index, form in enumerate(self.forms):
            if not hasattr(form, "cleaned_data") or not form.has_changed() and not form.instance.pk:
                continue
            if self.can_delete and self._should_delete_form(form):
                continue
            try:
                check_commune_on(form.cleaned_data.get("commune"), self.decided_on)
            except forms.ValidationError as error:
                form.add_error("commune", error)
            key = form.identity()
            if key is None:
                continue
            if key in seen:
                form.add_error("full_name", _("Người này đã có ở dòng %(row)d: mỗi người chỉ được khen một lần "
                                              "trong một quyết định.") % {"row": seen[key] + 1})
            else:
                seen[key] = index
        if not any(form.has_changed() or form.instance.pk for form in self.forms if hasattr(form, "cleaned_data")):
            raise forms.ValidationError(_("Quyết định cần ít nhất một người hoặc tập thể được khen."))

    def entries(self) -> list[RecipientEntry]:
        return [form.entry() for form in self.forms
                if form.has_changed() and not (self.can_delete and self._should_delete_form(form))]

    def removed(self) -> list[Recipient]:
        return [form.instance for form in self.deleted_forms if form.instance.pk]


RecipientFormSet = inlineformset_factory(Decision, Recipient, form=RecipientForm, formset=BaseRecipientFormSet,
                                         fk_name="decision", extra=3, can_delete=True)


class PersonChoiceForm(forms.Form):
    other = forms.ModelChoiceField(label=_("mã cá nhân cần gộp vào người này"), queryset=Person.objects.none(),
                                   widget=forms.NumberInput)

    def __init__(self, *args, user, person, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["other"].queryset = Person.objects.visible_to(user).unmerged().exclude(pk=person.pk)


class PersonSplitForm(forms.Form):
    recipients = forms.ModelMultipleChoiceField(label=_("các lần khen thưởng cần tách"),
                                                queryset=Recipient.objects.none(),
                                                widget=forms.CheckboxSelectMultiple)
    into = forms.ModelChoiceField(label=_("tách về cá nhân đã gộp"), queryset=Person.objects.none(),
                                  required=False, empty_label=_("— một cá nhân mới —"))
    full_name = forms.CharField(label=_("họ và tên (cá nhân mới)"), max_length=150, required=False)
    birth_year = forms.IntegerField(label=_("năm sinh (cá nhân mới)"), required=False, min_value=1900,
                                    max_value=2100)
    commune = forms.ModelChoiceField(label=_("xã, phường, thị trấn (cá nhân mới)"),
                                     queryset=AdministrativeUnit.objects.none(), required=False)

    def __init__(self, *args, user, person, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["recipients"].queryset = (Recipient.objects.visible_to(user).filter(person=person)
                                              .select_related("decision", "decision__authority"))
        self.fields["recipients"].label_from_instance = lambda r: f"{r.decision} — {r.decision.authority}"
        self.fields["into"].queryset = Person.objects.visible_to(user).filter(merged_into=person)
        self.fields["commune"].queryset = communes_in_scope(user).order_by("path")
        self.fields["full_name"].initial = person.full_name
        self.fields["birth_year"].initial = person.birth_year
        self.fields["commune"].initial = person.commune_id
