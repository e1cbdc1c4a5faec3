from axes.signals import user_locked_out
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from .access_log import Action, log_access
from .middleware import mark_signed_in

user_logged_in.connect(mark_signed_in, dispatch_uid="accounts.mark_signed_in")


@receiver(user_locked_out, dispatch_uid="accounts.log_lockout")
def log_lockout(sender, request, username=None, ip_address=None, **kwargs) -> None:
    """A lockout is written to the access log, naming the account that was tried."""
    account = get_user_model().objects.filter(username=username).first() if username else None
    log_access(request, Action.LOCKOUT, account or (username or "?"),
               detail={"username": username or ""}, user=account or _Unknown(username or ""))


class _Unknown:
    """An account name nobody holds: logged as typed, tied to no user."""

    is_authenticated = False
    pk = None

    def __init__(self, username: str):
        self.username = username

    def get_username(self) -> str:
        return self.username
