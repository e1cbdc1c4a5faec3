"""The units under an officer's unit, kept across requests under the unit tree's token
(geography.models.rolled_up_ids, geography/triggers.py): resolved once, and never served after the
tree changed, whichever way it changed: scope depends on it."""

import re

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.roles import Role
from antq_portal.db import Ids
from geography.models import (
    AdministrativeUnit,
    Kind,
    Layout,
    Level,
    UnitSuccession,
    _resolve,
    rolled_up_ids,
    tree_token,
)
from tests.reports.factories import OrganizationFactory

pytestmark = pytest.mark.django_db

TOTAL = re.compile(r'data-total="(\d+)"')


def fresh(unit: AdministrativeUnit) -> AdministrativeUnit:
    """The unit as the next request reads it (a new instance: nothing kept on the object)."""
    return AdministrativeUnit.objects.get(pk=unit.pk)


def organizations_listed(client) -> int:
    return int(TOTAL.search(client.get(reverse("organizations:organization_list")).content.decode()).group(1))


def add_commune(parent: AdministrativeUnit, code: str, name: str) -> AdministrativeUnit:
    return AdministrativeUnit.objects.create(code=code, name=name, short_name=name, kind=Kind.COMMUNE,
                                             level=Level.COMMUNE, layout=parent.layout, parent=parent,
                                             path=f"{parent.path}{code}/")


def test_a_units_ids_are_resolved_once_then_read_under_the_token(bac_lieu):
    first, next_request = rolled_up_ids(fresh(bac_lieu)), fresh(bac_lieu)
    with CaptureQueriesContext(connection) as queries:
        again = rolled_up_ids(next_request)
    assert again is first and len(first) == 72 and len(queries) == 1
    # That one statement reads the units only when the tree's token moved.
    assert _resolve(bac_lieu, "default", kept_under=tree_token()) == (tree_token(), Ids(()))
    assert len(_resolve(bac_lieu, "default", kept_under="an older tree")[1]) == 72


def test_a_commune_added_under_the_province_is_in_its_officers_list_at_once(bac_lieu, gia_rai, make_officer,
                                                                           client_for):
    client = client_for(make_officer("tinh", bac_lieu, Role.REPORTING))
    OrganizationFactory(commune=AdministrativeUnit.objects.subtree(gia_rai).filter(level=Level.COMMUNE).first())
    assert organizations_listed(client) == 1
    OrganizationFactory(commune=add_commune(gia_rai, "99001", "Xã Mới Lập"))
    assert organizations_listed(client) == 2


def test_a_commune_moved_out_by_raw_sql_leaves_the_district_officers_scope(gia_rai, ho_phong, phuong_1_bac_lieu,
                                                                          make_officer, client_for):
    client = client_for(make_officer("huyen", gia_rai, Role.REPORTING))
    OrganizationFactory(commune=ho_phong)
    assert organizations_listed(client) == 1
    elsewhere = phuong_1_bac_lieu.parent.path + "99002/"
    with connection.cursor() as cursor:  # no Django signal sees this: only the database's trigger does
        cursor.execute("UPDATE geography_administrativeunit SET path = %s WHERE id = %s", [elsewhere, ho_phong.pk])
    assert organizations_listed(client) == 0


def test_a_succession_added_rolls_the_old_commune_into_the_new_one(ho_phong):
    province = AdministrativeUnit.objects.create(code="96", name="Tỉnh Cà Mau", short_name="Cà Mau", kind=Kind.PROVINCE,
                                                 level=Level.PROVINCE, layout=Layout.Y2025, path="2025/96/")
    commune = add_commune(province, "32000", "Phường Giá Rai")
    assert ho_phong.pk not in rolled_up_ids(fresh(province)).values
    UnitSuccession.objects.create(old_unit=ho_phong, new_unit=commune, is_default=True)
    assert ho_phong.pk in rolled_up_ids(fresh(province)).values


def test_ids_resolved_in_a_rolled_back_transaction_are_never_served(gia_rai):
    """A counter would come back to the same value after the rollback and reach the rolled-back one again
    with the next change, serving that transaction's ids for another tree; the token never repeats."""
    before, units = tree_token(), len(rolled_up_ids(fresh(gia_rai)))
    with pytest.raises(RuntimeError), transaction.atomic():
        ghost = add_commune(gia_rai, "99003", "Xã Không Thành")
        assert ghost.pk in rolled_up_ids(fresh(gia_rai)).values  # kept under the transaction's token
        raise RuntimeError("rolled back")
    assert tree_token() == before
    real = add_commune(gia_rai, "99004", "Xã Thành Lập")
    ids = rolled_up_ids(fresh(gia_rai))
    # (SQLite may give the new commune the rolled-back one's id: counted once either way.)
    assert real.pk in ids.values and len(ids) == units + 1


def test_a_page_knows_its_officers_units_current_from_the_officers_own_read(gia_rai, make_officer, client_for):
    """The tree's token comes with the officer's own row (accounts.backends): a page then reads their kept units
    without a statement of its own, and a changed tree is still seen at the next request."""
    client = client_for(make_officer("huyen", gia_rai, Role.REPORTING))
    OrganizationFactory(commune=AdministrativeUnit.objects.subtree(gia_rai).filter(level=Level.COMMUNE).first())
    assert organizations_listed(client) == 1
    with CaptureQueriesContext(connection) as queries:
        assert organizations_listed(client) == 1
    reading_the_tree = [q["sql"] for q in queries.captured_queries if "geography_unittreeversion" in q["sql"]]
    assert len(reading_the_tree) == 1 and '"accounts_user"."password"' in reading_the_tree[0]
    OrganizationFactory(commune=add_commune(gia_rai, "99005", "Xã Vừa Lập"))
    with CaptureQueriesContext(connection) as queries:
        assert organizations_listed(client) == 2
    assert sum("geography_unittreeversion" in q["sql"] for q in queries.captured_queries) == 2  # resolved again
