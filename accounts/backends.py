"""How the signed-in officer is read on every request (settings.AUTHENTICATION_BACKENDS)."""

from functools import cache

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connections

from geography.models import TREE_TOKEN_SQL, tree_token_seen

ROLE, OWN, GROUP, TREE = "role", "user", "group", "tree"


class OfficerBackend(ModelBackend):
    """Django's ModelBackend (the same passwords, the same permissions), reading what every page asks of the
    signed-in officer in two queries rather than five: the officer with their unit, then in one statement their
    groups (the role) and their permissions, their own and their groups'. ModelBackend reads the permissions
    on the first `has_perm` of a request and keeps them on the user object for that request; here they are read
    with the user, for the request the user object lives in, and kept the same way."""

    def get_user(self, user_id):
        model = get_user_model()
        try:
            user = model._default_manager.select_related("unit").get(pk=user_id)
        except model.DoesNotExist:
            return None
        if not self.user_can_authenticate(user):
            return None
        load_role_and_permissions(user)
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
        f"JOIN {kind} ct ON ct.id = p.content_type_id WHERE ug.{mine} = %s "
        # The unit tree's token, for the officer's unit (geography.models.tree_token_seen): a round trip less.
        f"UNION ALL SELECT %s, t.token, NULL FROM ({TREE_TOKEN_SQL}) t")


def load_role_and_permissions(user) -> None:
    """The officer's groups and permissions in one query, kept where `User.role` and ModelBackend look, and with
    them the unit tree's token, by which their unit's kept ids are known current (geography.models)."""
    with connections[user._state.db or "default"].cursor() as cursor:
        cursor.execute(_sql(), [ROLE, user.pk, OWN, user.pk, GROUP, user.pk, TREE])
        rows = cursor.fetchall()
    groups, own, of_groups = [], set(), set()
    for source, first, second in rows:
        if source == ROLE:
            groups.append(first)
        elif source == TREE:
            if user.unit_id is not None:
                tree_token_seen(user.unit, first)
        else:
            (own if source == OWN else of_groups).add(f"{first}.{second}")
    user.__dict__["role"] = user.role_among(groups)
    if not user.is_superuser:  # a superuser's permissions are all of them: ModelBackend reads those if asked
        user._user_perm_cache, user._group_perm_cache = own, of_groups
