"""Password rules of officers beyond Django's own validators (whose messages Django's vi locale translates)."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


class LettersAndDigitsValidator:
    """A password holds at least one letter and one digit."""

    def validate(self, password: str, user=None) -> None:
        if not (any(c.isalpha() for c in password) and any(c.isdigit() for c in password)):
            raise ValidationError(_("Mật khẩu phải có cả chữ cái và chữ số."), code="password_letters_and_digits")

    def get_help_text(self) -> str:
        return _("Mật khẩu phải có cả chữ cái và chữ số.")
