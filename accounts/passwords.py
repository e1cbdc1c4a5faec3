"""Password rules of officers beyond Django's own validators (whose messages Django's vi locale translates)."""

from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


class LettersAndDigitsValidator:
    """A password holds at least one letter and one digit."""

    def validate(self, password: str, user=None) -> None:
        if not (any(c.isalpha() for c in password) and any(c.isdigit() for c in password)):
            raise ValidationError(_("Mật khẩu phải có cả chữ cái và chữ số."), code="password_letters_and_digits")

    def get_help_text(self) -> str:
        return _("Mật khẩu phải có cả chữ cái và chữ số.")


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    """Django's length rule with the portal's own Vietnamese message (Django's vi plural entry is not used)."""

    def get_error_message(self) -> str:
        return _("Mật khẩu quá ngắn: phải có ít nhất %(min_length)d ký tự.") % {"min_length": self.min_length}

    def get_help_text(self) -> str:
        return _("Mật khẩu phải có ít nhất %(min_length)d ký tự.") % {"min_length": self.min_length}
