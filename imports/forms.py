from django import forms
from django.utils.translation import gettext_lazy as _

from .pipeline.reader import FileRejected, check_upload
from .registries import registry_choices


class ImportForm(forms.Form):
    registry = forms.ChoiceField(label=_("Dữ liệu cần nhập"), choices=registry_choices)
    file = forms.FileField(label=_("Tệp Excel (.xlsx) hoặc CSV"),
                           widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        from .services import importable_registries

        # Only the registries whose records the user may add through the form (accounts.permissions).
        allowed = set(importable_registries(user))
        self.fields["registry"].choices = [(n, label) for n, label in registry_choices() if n in allowed]

    def clean_file(self):
        upload = self.cleaned_data["file"]
        try:
            check_upload(upload.name, upload.size)
        except FileRejected as error:
            raise forms.ValidationError(str(error)) from None
        return upload
