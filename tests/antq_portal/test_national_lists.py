"""Lists at national scale (antq_portal.lists.ListPaginator, the typed unit filters, geography:unit_search):
what an officer notices is the total, the pages and the filters; scope holds on every one of them."""

import re
from itertools import pairwise

import pytest
from django.conf import settings
from django.db import connection
from django.urls import reverse

from accounts.roles import Role
from antq_portal.lists import ListPaginator, RegistryListView
from geography.loaders import ensure_nation, ensure_province
from geography.models import AdministrativeUnit, Layout
from organizations import filtersets
from tests.reports.factories import MemberFactory, OrganizationFactory

pytestmark = pytest.mark.django_db
ORGANIZATIONS, MEMBERS = reverse("organizations:organization_list"), reverse("organizations:member_list")


def names(body: str) -> list[str]:
    return re.findall(r">(Tổ tự quản số \d+)<", body)


def test_a_large_total_is_estimated_on_postgresql_and_exact_below_the_cap(client_for, provincial_staff, ho_phong,
                                                                          monkeypatch):
    OrganizationFactory.create_batch(7, commune=ho_phong)
    client = client_for(provincial_staff)
    assert "Tìm thấy 7 tổ chức" in client.get(ORGANIZATIONS).text
    monkeypatch.setattr(ListPaginator, "EXACT_UP_TO", 5)
    body = client.get(ORGANIZATIONS).text
    if connection.vendor == "postgresql":
        assert "Tìm thấy khoảng" in body  # the planner's figure, not a count of every row
    else:
        assert "Tìm thấy 7 tổ chức" in body  # SQLite has no estimate: always exact


def counted(queries) -> bool:
    """Whether the organizations were counted (up to the cap) in the captured queries."""
    return any(q["sql"].startswith('SELECT COUNT(*) FROM (SELECT "organizations_organization"')
               for q in queries.captured_queries)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="only PostgreSQL plans an estimate")
def test_a_total_the_plan_puts_far_above_the_cap_is_not_counted_at_all(client_for, provincial_staff, ho_phong,
                                                                       monkeypatch):
    from django.test.utils import CaptureQueriesContext

    from antq_portal.db import refresh_statistics
    from organizations.models import Organization

    OrganizationFactory.create_batch(12, commune=ho_phong)
    refresh_statistics([Organization])  # the plan now expects about 12 rows
    client = client_for(provincial_staff)
    monkeypatch.setattr(ListPaginator, "EXACT_UP_TO", 2)  # 12 > 3 × 2: plainly above the cap
    with CaptureQueriesContext(connection) as queries:
        body = client.get(ORGANIZATIONS).text
    assert "Tìm thấy khoảng" in body
    assert not counted(queries)
    monkeypatch.setattr(ListPaginator, "EXACT_UP_TO", 5)  # 12 ≤ 3 × 5: counted up to the cap first
    with CaptureQueriesContext(connection) as queries:
        body = client.get(ORGANIZATIONS).text
    assert counted(queries)


def test_a_search_is_counted_up_to_a_floor_and_every_match_can_still_be_paged_to(
        client_for, provincial_staff, ho_phong, monkeypatch):
    """Words typed in the search box are counted only so far ("hơn …"), on both databases; the rows
    past the floor are still there, a page on; filters without words are counted exactly as before."""
    OrganizationFactory.create_batch(7, commune=ho_phong)
    MemberFactory.create_batch(3, organization=OrganizationFactory(commune=ho_phong))
    monkeypatch.setattr(ListPaginator, "SEARCHED_EXACT_UP_TO", 5)
    monkeypatch.setattr(RegistryListView, "paginate_by", 4)
    client = client_for(provincial_staff)
    first = client.get(ORGANIZATIONS, {"q": "tự quản"}).text
    assert "Tìm thấy hơn 5 tổ chức: thêm từ hoặc bộ lọc để thu hẹp kết quả." in first
    assert "Trang 1<" in first and "Trang 1 /" not in first  # no count of pages it does not know
    second = client.get(ORGANIZATIONS, {"q": "tự quản", "page": 2}).text
    # The floor counts 6 (a page after the 5th match): page 2 shows the matches past it.
    assert len(names(first)) == 4 and len(names(second)) == 4 and not set(names(first)) & set(names(second))
    assert 'rel="next"' not in second  # the floor's last page: narrowing, not paging, finds the rest
    assert len(names(client.get(ORGANIZATIONS, {"q": "tự quản", "page": 3}).text)) == 0  # past it: no error
    assert "Tìm thấy 8 tổ chức" in client.get(ORGANIZATIONS).text  # no words: exact
    assert "Tìm thấy 3 lượt thành viên" in client.get(MEMBERS, {"q": "nguyễn"}).text  # below the floor: exact
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = client.get(ORGANIZATIONS, {"q": "tự quản"}).text
    assert "More than 5 organizations found: add words or filters to narrow the results." in english
    assert "Page 1<" in english


def test_pages_in_the_default_order_neither_overlap_nor_skip(client_for, provincial_staff, ho_phong,
                                                            phuong_1_bac_lieu):
    OrganizationFactory.create_batch(60, commune=phuong_1_bac_lieu)
    OrganizationFactory.create_batch(50, commune=ho_phong)
    client = client_for(provincial_staff)
    pages = [names(client.get(ORGANIZATIONS, {"page": n}).text) for n in (1, 2, 3)]
    assert [len(p) for p in pages] == [50, 50, 10]
    seen = [name for page in pages for name in page]
    assert len(set(seen)) == 110
    # Grouped by commune as before: one commune's rows, then the other's.
    communes = [re.search(r"(Phường Hộ Phòng|Phường 1)", row).group(1)
                for page in (1, 2, 3) for row in re.findall(r"<tr[^>]*>.*?</tr>", client.get(
                    ORGANIZATIONS, {"page": page}).text, re.S) if "Tổ tự quản" in row]
    assert len(communes) == 110 and sum(a != b for a, b in pairwise(communes)) == 1


def test_a_page_past_the_end_shows_the_last_page(client_for, provincial_staff, ho_phong):
    """An officer's old link to page 30 after rows were removed: the last page, not "Not Found"."""
    OrganizationFactory.create_batch(60, commune=ho_phong)
    client = client_for(provincial_staff)
    response = client.get(ORGANIZATIONS, {"page": 30})
    assert response.status_code == 200
    assert "Trang 2 / 2" in response.text and len(names(response.text)) == 10
    assert client.get(ORGANIZATIONS, {"page": "abc"}).status_code == 404


@pytest.fixture
def typed_filters(monkeypatch):
    """The limit above which a scope's communes are typed, lowered so that a province passes it."""
    monkeypatch.setattr(filtersets, "UNIT_SELECT_LIMIT", 10)


def test_a_large_scope_types_its_commune_and_keeps_what_was_typed(typed_filters, client_for, provincial_staff,
                                                                  ho_phong, phuong_1_bac_lieu):
    OrganizationFactory(commune=ho_phong, name="Tổ tự quản số 1")
    OrganizationFactory(commune=phuong_1_bac_lieu, name="Tổ tự quản số 2")
    client = client_for(provincial_staff)
    page = client.get(ORGANIZATIONS).text
    assert 'data-unit-search="/don-vi/goi-y/?level=commune"' in page
    assert ">Phường Hộ Phòng — Thị xã Giá Rai</option>" not in page  # 64 communes are not listed
    body = client.get(ORGANIZATIONS, {"commune": "Hộ Phòng, Giá Rai"}).text
    assert names(body) == ["Tổ tự quản số 1"]
    assert 'value="Hộ Phòng, Giá Rai"' in body or 'value="Phường Hộ Phòng, Thị xã Giá Rai"' in body
    # A dashboard's link carries the commune's id: still read, and shown by name.
    linked = client.get(ORGANIZATIONS, {"commune": ho_phong.pk}).text
    assert names(linked) == ["Tổ tự quản số 1"] and 'value="Phường Hộ Phòng, Thị xã Giá Rai"' in linked


def test_a_typed_commune_outside_the_scope_is_refused_with_its_reason(typed_filters, client_for, provincial_staff,
                                                                      ho_phong):
    soc_trang = ensure_province("Sóc Trăng")
    elsewhere = AdministrativeUnit.objects.communes_under(soc_trang).select_related("parent").first()
    OrganizationFactory(commune=elsewhere, name="Tổ tự quản số 9")
    OrganizationFactory(commune=ho_phong, name="Tổ tự quản số 1")
    body = client_for(provincial_staff).get(ORGANIZATIONS, {"commune": elsewhere.name_with_parent()}).text
    assert names(body) == []  # an invalid filter shows nothing, never everything
    assert "Không tìm thấy đơn vị hành chính" in body and elsewhere.name_with_parent() in body
    by_id = client_for(provincial_staff).get(ORGANIZATIONS, {"commune": elsewhere.pk}).text
    assert names(by_id) == []


def test_whether_the_communes_are_typed_is_asked_once_per_unit_tree(monkeypatch, client_for, provincial_staff,
                                                                    bac_lieu, ho_phong):
    """The province's 64 communes are listed while the limit is 64; the database is not asked again on the
    next pages, but a commune added to the province (the 65th) makes the next page ask, and type it."""
    from django.test.utils import CaptureQueriesContext

    from geography.models import Kind, Level

    monkeypatch.setattr(filtersets, "UNIT_SELECT_LIMIT", 64)
    client = client_for(provincial_staff)
    typed = 'data-unit-search="/don-vi/goi-y/?level=commune"'

    def page() -> tuple[str, int]:
        with CaptureQueriesContext(connection) as queries:
            body = client.get(ORGANIZATIONS).text
        return body, sum('COUNT(*) FROM (SELECT "geography_administrativeunit"' in q["sql"]
                         for q in queries.captured_queries)

    body, counted = page()
    assert typed not in body and ">Phường Hộ Phòng — Thị xã Giá Rai</option>" in body and counted == 1
    assert page()[1] == 0  # the same tree: the same answer, kept
    AdministrativeUnit.objects.create(code="99001", name="Xã Mới Lập", short_name="Mới Lập", kind=Kind.COMMUNE,
                                      level=Level.COMMUNE, layout=ho_phong.layout, parent=ho_phong.parent,
                                      path=f"{ho_phong.parent.path}99001/")
    body, counted = page()
    assert typed in body and counted == 1


def test_suggestions_come_from_the_officers_scope_only(client_for, commune_officer, provincial_staff, ho_phong):
    ensure_province("Sóc Trăng")
    search = reverse("geography:unit_search")
    province = client_for(provincial_staff).get(search, {"q": "phuong 1", "level": "commune"}).json()["results"]
    assert "Phường 1, Thành phố Bạc Liêu" in province
    assert not any("Sóc Trăng" in label for label in province)
    assert client_for(provincial_staff).get(search, {"q": "Hộ Phòng, Giá Rai"}).json()["results"] == [
        "Phường Hộ Phòng, Thị xã Giá Rai"]
    # A commune officer asks for another commune of the province: nothing.
    assert client_for(commune_officer).get(search, {"q": "phuong 1"}).json()["results"] == []
    assert client_for(commune_officer).get(search, {"q": "ho phong"}).json()["results"] == [
        "Phường Hộ Phòng, Thị xã Giá Rai"]
    assert client_for(provincial_staff).get(search, {"q": "gia rai", "level": "area"}).json()["results"] == [
        "Thị xã Giá Rai, Tỉnh Bạc Liêu"]
    # The dashboard's picker: any unit of the scope, the province's own too; a commune officer's, theirs only.
    assert "Tỉnh Bạc Liêu" in client_for(provincial_staff).get(search, {"q": "bac lieu", "level": "any"}).json()[
        "results"]
    assert client_for(commune_officer).get(search, {"q": "bac lieu", "level": "any"}).json()["results"] == []


def test_a_national_officers_lists_take_the_same_queries_at_two_sizes(client_for, make_officer, ho_phong,
                                                                      django_assert_max_num_queries):
    nation = ensure_nation(Layout.LEGACY)
    soc_trang = ensure_province("Sóc Trăng")
    other = AdministrativeUnit.objects.communes_under(soc_trang).first()
    client = client_for(make_officer("bo_v05", nation, Role.REPORTING))

    def grow(n):
        for commune in (ho_phong, other):
            for org in OrganizationFactory.create_batch(n, commune=commune):
                MemberFactory.create_batch(2, organization=org)

    grow(2)
    for url in (ORGANIZATIONS, MEMBERS):
        client.get(url)
    with django_assert_max_num_queries(40) as small_org:
        client.get(ORGANIZATIONS, {"page": 1})
    # Counted now: the connection's log of queries keeps the last 9,000 only, and growing writes thousands.
    small_org = len(small_org.captured_queries)
    with django_assert_max_num_queries(40) as small_member:
        client.get(MEMBERS, {"page": 1})
    small_member = len(small_member.captured_queries)
    grow(40)
    # The totals and the pages counted again once (the stamp moved), then kept: measured kept, as page 1 was.
    for url, page in ((ORGANIZATIONS, 2), (MEMBERS, 3)):
        client.get(url, {"page": page})
    with django_assert_max_num_queries(small_org):
        body = client.get(ORGANIZATIONS, {"page": 2}).text
    assert len(names(body)) == 34  # 84 organizations: page 2 of 50
    with django_assert_max_num_queries(small_member):
        client.get(MEMBERS, {"page": 3})


def test_searched_lists_take_the_same_queries_at_two_sizes(client_for, provincial_staff, ho_phong,
                                                          django_assert_max_num_queries):
    """A search adds a fixed number of queries per word (the communes it names; for members, the
    organizations it finds), whatever the number of rows and of organizations found, by id or not."""
    client = client_for(provincial_staff)

    def grow(n):
        for org in OrganizationFactory.create_batch(n, commune=ho_phong):
            MemberFactory.create_batch(2, organization=org)

    grow(2)
    searches = [(ORGANIZATIONS, {"q": "tự quản"}), (MEMBERS, {"q": "tự quản"}), (MEMBERS, {"q": "văn"})]
    small = []
    for url, query in searches:
        client.get(url, query)
        with django_assert_max_num_queries(40) as queries:
            client.get(url, query)
        small.append(len(queries.captured_queries))
    grow(60)
    found = ["Tìm thấy 62 tổ chức", "Tìm thấy 124 lượt thành viên", "Tìm thấy 124 lượt thành viên"]
    for (url, query), budget, total in zip(searches, small, found, strict=True):
        with django_assert_max_num_queries(budget):
            body = client.get(url, query).text
        assert total in body


def test_a_member_is_found_by_the_organizations_a_word_finds_few_or_many(client_for, provincial_staff, ho_phong,
                                                                         monkeypatch):
    """A word found in a few organizations finds their members by the organizations' ids; in more, through
    the join: the same members either way, the member's own name as well."""
    from organizations.filtersets import MemberFilterSet

    team = OrganizationFactory(commune=ho_phong, name="Tổ bảo vệ dân phố Khóm Ba")
    MemberFactory.create_batch(2, organization=team)
    OrganizationFactory(commune=ho_phong, name="Đội Khóm Bốn")
    MemberFactory(organization=OrganizationFactory(commune=ho_phong), full_name="Trần Khóm")
    client = client_for(provincial_staff)
    few = client.get(MEMBERS, {"q": "khóm"}).text
    monkeypatch.setattr(MemberFilterSet, "ORGANIZATIONS_BY_ID_UP_TO", 1)  # 2 organizations: "many"
    many = client.get(MEMBERS, {"q": "khóm"}).text
    assert "Tìm thấy 3 lượt thành viên" in few and "Tìm thấy 3 lượt thành viên" in many
    assert "Trần Khóm" in few and "Trần Khóm" in many
    assert "Tìm thấy 2 lượt thành viên" in client.get(MEMBERS, {"q": "khóm ba"}).text


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the trigram indexes are PostgreSQL's")
def test_a_searched_word_can_be_looked_up_along_the_trigram_indexes(ho_phong):
    """The search's commune names and organizations are resolved to ids first, so that the word in the
    row's own text can be looked up in its trigram index (a word nothing has read the country's every
    organization and member). Over a few thousand rows the planner takes the indexes."""
    from antq_portal.db import refresh_statistics
    from organizations.filtersets import MemberFilterSet, OrganizationFilterSet
    from organizations.models import Member, Organization

    OrganizationFactory.create_batch(3, commune=ho_phong)
    searched = Organization.objects.current().filter(OrganizationFilterSet.search_q("phong"))
    assert searched.count() == 3  # by the commune's name (Hộ Phòng), as before
    # Enough rows for the planner to prefer an index to reading them all, as at a province's scale.
    template = Organization.objects.first()
    Organization.objects.bulk_create(
        Organization(commune=ho_phong, kind=template.kind, name=f"Tổ {n}", search_text=f"to an ninh so {n}",
                     founded_on=template.founded_on) for n in range(5000))
    Member.objects.bulk_create(Member(organization=template, full_name=f"Nguyễn Văn {n}", birth_year=1980,
                                      search_text=f"nguyen van {n}") for n in range(5000))
    refresh_statistics([Organization, Member])
    for model, filterset, index in ((Organization, OrganizationFilterSet, "organization_search_trgm"),
                                    (Member, MemberFilterSet, "member_search_trgm")):
        sql, params = (model.objects.current().filter(filterset.search_q("xyzw")).order_by()
                       .values("pk").query.sql_with_params())  # what the list counts
        with connection.cursor() as cursor:
            # What autovacuum does to rows written after the index: out of GIN's pending list, into the index.
            cursor.execute("SELECT gin_clean_pending_list(%s::regclass)", [index])
            cursor.execute(f"EXPLAIN {sql}", params)
            plan = "\n".join(row[0] for row in cursor.fetchall())
        assert index in plan, plan


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the trigram indexes are PostgreSQL's")
def test_the_communes_a_word_names_are_looked_up_along_the_trigram_indexes(ho_phong):
    """A search first finds the units its word names (`units_named`): by the name or by the names the
    place had, along their trigram indexes rather than by reading the country's 21,000 units."""
    from antq_portal.db import refresh_statistics
    from geography.models import Level, named, units_named

    district = ho_phong.parent
    AdministrativeUnit.objects.bulk_create(
        AdministrativeUnit(code=f"T{n}", name=f"Xã Thử {n}", short_name=f"Thử {n}", kind=ho_phong.kind,
                           level=Level.COMMUNE, layout=ho_phong.layout, parent=district, path=f"{district.path}t{n}/",
                           key=f"thu {n}", search_name=f"xa thu {n}", other_names=f"xa cu {n}") for n in range(5000))
    refresh_statistics([AdministrativeUnit])
    assert units_named("ho phong") == [ho_phong.pk] and len(units_named("thu 12")) == 111  # 12, 120–129, 1200–1299
    sql, params = AdministrativeUnit.objects.filter(named("xyzw", "")).values("pk").query.sql_with_params()
    with connection.cursor() as cursor:
        for index in ("unit_search_name_trgm", "unit_other_names_trgm"):
            cursor.execute("SELECT gin_clean_pending_list(%s::regclass)", [index])
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "unit_search_name_trgm" in plan and "unit_other_names_trgm" in plan, plan


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's plans")
def test_a_provinces_pages_are_walked_in_order_from_its_own_first_commune(client_for, provincial_staff, bac_lieu,
                                                                           ho_phong):
    """A province's units are ids in several runs (the province, its districts and its communes, or a commune
    added later): sent as one array, they are an index condition, and page 1 is read along the list's order
    from the province's own first commune. As OR'ed ranges they were only a filter: the walk began at the
    country's first commune and read every other province's rows first (72 ms for Nghệ An's page 1)."""
    from django.test.utils import CaptureQueriesContext

    from antq_portal.db import refresh_statistics
    from geography.models import Kind, Level, rolled_up_ids
    from organizations.models import Member, Organization

    soc_trang = ensure_province("Sóc Trăng")  # loaded after Bạc Liêu: its ids lie between Bạc Liêu's and the next
    added = AdministrativeUnit.objects.create(code="99001", name="Xã Mới Lập", short_name="Mới Lập", kind=Kind.COMMUNE,
                                              level=Level.COMMUNE, layout=ho_phong.layout, parent=ho_phong.parent,
                                              path=f"{ho_phong.parent.path}99001/")
    assert len(rolled_up_ids(AdministrativeUnit.objects.get(pk=bac_lieu.pk)).runs) > 1
    template = OrganizationFactory(commune=added)
    others = list(AdministrativeUnit.objects.communes_under(soc_trang))
    Organization.objects.bulk_create(
        Organization(commune=others[n % len(others)], kind=template.kind, name=f"Tổ {n}", search_text=f"to {n}",
                     founded_on=template.founded_on) for n in range(6000))
    own = Organization.objects.bulk_create(
        Organization(commune=ho_phong, kind=template.kind, name=f"Tổ tự quản số {n}", search_text=f"to tu quan so {n}",
                     founded_on=template.founded_on) for n in range(300))
    Member.objects.bulk_create(Member(organization=org, full_name=f"Nguyễn Văn {n}", birth_year=1980,
                                      search_text=f"nguyen van {n}") for n, org in enumerate(own * 3))
    refresh_statistics([Organization, Member])
    client = client_for(provincial_staff)
    for url, table in ((ORGANIZATIONS, "organizations_organization"), (MEMBERS, "organizations_member")):
        with CaptureQueriesContext(connection) as queries:
            body = client.get(url).text
        assert "Tổ tự quản số" in body
        page = next(q["sql"] for q in queries.captured_queries
                    if q["sql"].startswith(f'SELECT "{table}"."id" AS "pk"') and q["sql"].endswith("LIMIT 50"))
        with connection.cursor() as cursor:
            cursor.execute(f"EXPLAIN {page}")
            plan = "\n".join(row[0] for row in cursor.fetchall())
        assert re.search(r"Index (Only )?Scan using \w+ on organizations_organization", plan), plan
        assert re.search(r"Index Cond: \((organizations_organization\.)?commune_id = ANY", plan), plan
        # Nothing read whole and sorted: at most each organization's few members sorted as they come.
        nodes = [line.strip().removeprefix("->").strip() for line in plan.splitlines()]
        assert not any(re.match(r"(Seq Scan|Sort  \(|Bitmap)", node) for node in nodes), plan
