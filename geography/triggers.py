"""The unit tree's version: a random token the database sets anew on every write to the units or their
successions, whichever path writes them, in the writer's transaction (antq_portal/tokens.py). Installed by
migration geography 0006; `geography.models.rolled_up_ids` keeps ids across requests under it."""

from antq_portal.tokens import Token

TREE = Token(table="geography_unittreeversion", tables=("geography_administrativeunit", "geography_unitsuccession"),
             name="tree", function="geography_tree_changed")
install, remove = TREE.install, TREE.remove
