"""The officers' grants token: set anew by the database on every write to the groups, the permissions, or who holds
which (antq_portal/tokens.py). Installed by migration accounts 0007; accounts.backends keeps each officer's role and
permissions in the process under it, so that a page reads the officer in one query, not two."""

from antq_portal.tokens import Token

GRANTS = Token(table="accounts_grantsversion",
               tables=("auth_group", "auth_permission", "auth_group_permissions", "django_content_type",
                       "accounts_user_groups", "accounts_user_user_permissions"),
               name="grants", function="accounts_grants_changed")
