"""Officers signed in before accounts.backends.OfficerBackend stay signed in: their sessions named Django's
ModelBackend, which AUTHENTICATION_BACKENDS no longer lists (Django would sign them out on their next request)."""

from django.db import migrations

BACKEND_KEY = "_auth_user_backend"  # django.contrib.auth.BACKEND_SESSION_KEY
OLD, NEW = "django.contrib.auth.backends.ModelBackend", "accounts.backends.OfficerBackend"


def rename_backend(apps, schema_editor, *, before: str, after: str) -> int:
    """Sessions still open that name `before` name `after`; the number changed."""
    from django.contrib.sessions.backends.db import SessionStore
    from django.utils import timezone

    Session = apps.get_model("sessions", "Session")
    sessions = Session.objects.using(schema_editor.connection.alias)
    store, changed = SessionStore(), 0
    for key, encoded in sessions.filter(expire_date__gt=timezone.now()).values_list("session_key", "session_data") \
            .iterator(chunk_size=500):
        data = store.decode(encoded)  # {} for a session signed with another key: left alone
        if data.get(BACKEND_KEY) == before:
            data[BACKEND_KEY] = after
            changed += sessions.filter(session_key=key).update(session_data=store.encode(data))
    return changed


class Migration(migrations.Migration):

    dependencies = [
        ("accounts", "0005_user_has_second_factor"),
        ("sessions", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(lambda apps, editor: rename_backend(apps, editor, before=OLD, after=NEW),
                             lambda apps, editor: rename_backend(apps, editor, before=NEW, after=OLD)),
    ]
