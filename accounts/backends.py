"""How the signed-in officer is read on every request (settings.AUTHENTICATION_BACKENDS)."""

from functools import cache

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connections
from django.db.models.expressions import RawSQL

from antq_portal.recent import Recent
from geography.models import TREE_TOKEN_SQL, tree_token_seen

from .triggers import GRANTS

ROLE, OWN, GROUP = "role", "user", "group"
# Read with the officer's row: the unit tree's token (geography.models.tree_token_seen) and the grants' token.
_TOKENS = {"tree_token_now": RawSQL(TREE_TOKEN_SQL, ()), "grants_token_now": RawSQL(GRANTS.sql, ())}
# Officers' groups and permissions read lately in this process, by (database, officer), with the grants' token
# they were read under (accounts/triggers.py).
_KEPT_GRANTS = Recent(size=4096)


class OfficerBackend(ModelBackend):
    """Django's ModelBackend (the same passwords, the same permissions), reading what every page asks of the
    signed-in officer in one query rather than five: the officer with their unit and two tokens. Their groups (the
    role) and permissions, their own and their groups', are kept in the process under the grants' token, which the
    database sets anew on every write to groups, permissions and who holds them; read again, in one statement, when
    it moved. ModelBackend reads the permissions on the first `has_perm` of a request and keeps them on the user
    object for that request; here they are had with the user, for the request the user object lives in."""

    def get_user(self, user_id):
        model = get_user_model()
        try:
            user = model._default_manager.select_related("unit").annotate(**_TOKENS).get(pk=user_id)
        except model.DoesNotExist:
            return None
        if not self.user_can_authenticate(user):
            return None
        tree, grants = user.__dict__.pop("tree_token_now"), user.__dict__.pop("grants_token_now")
        if user.unit_id is not None:
            tree_token_seen(user.unit, tree)
        load_role_and_permissions(user, grants)
        return user


@cache
def _sql() -> str:
    """Written out rather than composed by the ORM: composing the three parts cost more than running them,
    and the ORM joined the groups' table again on the way to their permissions (planning 1.5 ms, now 0.4)."""
    user = get_user_model()
    groups, own = user.groups.through._meta, user.user_permissions.through._meta
    granted = Group.permissions.through._meta
    permission, group, kind = Permission._meta.db_table, Group._meta.db_table, ContentType._meta.db_table
    in_group = groups.get_field("group").column
    mine, held = groups.get_field("user").column, own.get_field("user").column
    return (
        f"SELECT %s, g.name, NULL FROM {groups.db_table} ug JOIN {group} g ON g.id = ug.{in_group} "
        f"WHERE ug.{mine} = %s "
        f"UNION ALL SELECT %s, ct.app_label, p.codename FROM {own.db_table} up "
        f"JOIN {permission} p ON p.id = up.{own.get_field('permission').column} "
        f"JOIN {kind} ct ON ct.id = p.content_type_id WHERE up.{held} = %s "
        f"UNION ALL SELECT %s, ct.app_label, p.codename FROM {groups.db_table} ug "
        f"JOIN {granted.db_table} gp ON gp.{granted.get_field('group').column} = ug.{in_group} "
        f"JOIN {permission} p ON p.id = gp.{granted.get_field('permission').column} "
        f"JOIN {kind} ct ON ct.id = p.content_type_id WHERE ug.{mine} = %s")


def load_role_and_permissions(user, token: str | None = None) -> None:
    """The officer's groups and permissions, kept where `User.role` and ModelBackend look: those kept under the
    grants' `token` read with the officer, else read in one query (and kept under it)."""
    db = user._state.db or "default"
    kept = _KEPT_GRANTS.get((db, user.pk)) if token else None
    if kept is not None and kept[0] == token:
        groups, own, of_groups = kept[1]
    else:
        with connections[db].cursor() as cursor:
            cursor.execute(_sql(), [ROLE, user.pk, OWN, user.pk, GROUP, user.pk])
            rows = cursor.fetchall()
        groups = tuple(first for source, first, _second in rows if source == ROLE)
        own = frozenset(f"{first}.{second}" for source, first, second in rows if source == OWN)
        of_groups = frozenset(f"{first}.{second}" for source, first, second in rows if source == GROUP)
        if token:  # read after the token: what is kept is at least as new as the token it is kept under
            _KEPT_GRANTS.put((db, user.pk), (token, (groups, own, of_groups)))
    user.__dict__["role"] = user.role_among(groups)
    if not user.is_superuser:  # a superuser's permissions are all of them: ModelBackend reads those if asked
        user._user_perm_cache, user._group_perm_cache = set(own), set(of_groups)
