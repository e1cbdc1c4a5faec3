"""A search's words looked up among the units' names by index (PostgreSQL): the organization and member
searches first find the communes a word of three letters or more names (`geography.models.units_named`),
which read all 21,000 units of both layouts with LIKE (4–9 ms a search at national scale). Trigram indexes
on the folded name and the other names it was known by; see antq_portal.db.create_trigram_indexes."""

from django.db import migrations

from antq_portal.db import trigram_indexes


class Migration(migrations.Migration):
    atomic = False
    dependencies = [("geography", "0004_unit_shapes")]
    operations = [trigram_indexes({"unit_search_name_trgm": ("geography_administrativeunit", "search_name"),
                                   "unit_other_names_trgm": ("geography_administrativeunit", "other_names")})]
