"""The organization and member searches served by indexes (PostgreSQL): a word of three letters or more,
typed in the search box, finds the rows whose folded text holds it without reading the whole scope (a word
nothing has read every organization of the country, 0.38 s, and every member, 1.6 s).

Trigram indexes (`pg_trgm`, shipped with PostgreSQL and trusted, so a database owner may create it) on
`search_text`, the text the searches match (organizations/filtersets.py); whole, not partial, as the member
search looks up organizations archived or not. Where the extension cannot be created, the searches work as
before, without them. SQLite, one province's, reads its rows.

Built CONCURRENTLY, outside a transaction (`atomic = False`): the country's 2.7 million members take a while,
and officers keep writing meanwhile. An index a failed build left invalid is dropped and built again."""

from django.db import migrations

from antq_portal.db import trigram_indexes


class Migration(migrations.Migration):
    atomic = False
    dependencies = [("organizations", "0006_name_sort_indexes")]
    operations = [trigram_indexes({"organization_search_trgm": ("organizations_organization", "search_text"),
                                   "member_search_trgm": ("organizations_member", "search_text")})]
