"""The scope-breaking suite, generated from the URL resolver.

Every URL pattern × persona (commune, district, provincial reporting staff, leadership, administrator)
× an object inside and one outside their scope, in Vietnamese and English; every list and export with
filter values naming other units; every import registry's export. It fails on any response showing
another unit's records, on any wrongful refusal, and on any URL pattern with arguments it cannot fill:
a URL added tomorrow must be added to FILL below the day it is added."""

import io

import pytest
from django.conf import settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from openpyxl import load_workbook

from .conftest import OUTSIDE_MARKERS, PERSONAS

pytestmark = pytest.mark.django_db

ALL = set(PERSONAS)
EDITORS = {"commune", "district", "reporting", "administrator"}  # registry records (organizations, deployments)
STAFF = {"reporting", "administrator"}  # models, recognitions, decisions, people
REFUSED = {403, 404}
GET, POST = "get", "post"


def one(name):
    return lambda world, place, persona: {"pk": place[name].pk}


def job(world, place, persona):
    # A persona's own job inside; another officer's job outside.
    return {"pk": (world.jobs[persona] if place is world.home else place["job"]).pk}


# url name -> (how to fill its kwargs, method, who may use it on a record in their scope,
#              whether a record outside the scope is still readable by design, statuses also fine inside)
FILL = {
    "organizations:organization_detail": (one("organization"), GET, ALL, False, ()),
    "organizations:organization_update": (one("organization"), GET, EDITORS, False, ()),
    "organizations:organization_archive": (one("organization"), POST, EDITORS, False, ()),
    "organizations:organization_restore": (one("archived_organization"), POST, STAFF, False, ()),
    # Officers read every model; what is scoped is where it runs (the deployments).
    "models_registry:model_detail": (one("model"), GET, ALL, True, ()),
    "models_registry:model_update": (one("model"), GET, STAFF, False, ()),
    "models_registry:model_archive": (one("model"), POST, STAFF, False, ()),
    "models_registry:model_restore": (one("archived_model"), POST, STAFF, False, ()),
    "models_registry:recognition_create": (lambda w, p, r: {"model_pk": p["model"].pk}, GET, STAFF, False, ()),
    "models_registry:recognition_update": (one("recognition"), GET, STAFF, False, ()),
    "models_registry:deployment_create": (lambda w, p, r: {"model_pk": p["model"].pk}, GET, EDITORS, True, ()),
    "models_registry:deployment_detail": (one("deployment"), GET, ALL, False, ()),
    "models_registry:deployment_update": (one("deployment"), GET, EDITORS, False, ()),
    "models_registry:deployment_archive": (one("deployment"), POST, EDITORS, False, ()),
    "models_registry:deployment_restore": (one("archived_deployment"), POST, EDITORS, False, ()),
    "models_registry:deployment_results": (one("deployment"), GET, EDITORS, False, ()),
    "commendations:decision_detail": (one("decision"), GET, ALL, False, ()),
    "commendations:decision_update": (one("decision"), GET, STAFF, False, ()),
    "commendations:decision_archive": (one("decision"), POST, STAFF, False, ()),
    "commendations:decision_scan": (one("decision"), GET, ALL, False, (404,)),  # the decision has no scan
    "commendations:link_search": (lambda w, p, r: {"kind": "to-chuc"}, GET, ALL, True, ()),
    "commendations:person_detail": (one("person"), GET, ALL, False, ()),
    "commendations:person_merge": (one("person"), GET, STAFF, False, (405,)),
    "commendations:person_split": (one("person"), GET, STAFF, False, (405,)),
    "reports:report_detail": (one("report"), GET, ALL, False, ()),
    "reports:report_status": (one("report"), GET, ALL, False, ()),
    # Not rendered yet: 404 inside is "no file yet", outside it must be 404 all the same.
    "reports:report_download": (one("report"), GET, ALL, False, (404,)),
    "reports:report_download_format": (lambda w, p, r: {"pk": p["report"].pk, "fmt": "json"}, GET, ALL, False,
                                       (404,)),
    "reports:report_retry": (one("report"), POST, ALL, False, ()),
    "reports:report_reproduce": (one("report"), POST, ALL, False, ()),
    "reports:dashboard_unit": (lambda w, p, r: {"unit_id": p.commune.pk}, GET, ALL, False, ()),
    "imports:template": (lambda w, p, r: {"registry": "organizations"}, GET, EDITORS, True, ()),
    "imports:export": (lambda w, p, r: {"registry": "organizations"}, GET, ALL, True, ()),
    "imports:job_detail": (job, GET, ALL, False, ()),
    "imports:job_progress": (job, GET, ALL, False, ()),
    "imports:job_errors": (job, GET, ALL, False, ()),
    # One's own job is one's own to read, whatever the role; confirming a job without a file is
    # refused on the job's page (a redirect), never by another's job opening.
    "imports:job_confirm": (job, POST, EDITORS, False, ()),
    "imports:job_discard": (job, POST, EDITORS, False, ()),
    "imports:job_file": (job, GET, ALL, False, (404,)),  # a saved job's file is deleted
    # The reporting chain: a commune's period opens inside the scope only; who may take which step
    # inside it is tests/approvals/test_views.py's story (403 there is a role's refusal, not a leak).
    "approvals:commune_period": (lambda w, p, r: {"period": "2018-Q3", "commune_id": p.commune.pk}, GET, ALL,
                                 False, ()),
    "approvals:commune_period_step": (lambda w, p, r: {"period": "2018-Q3", "commune_id": p.commune.pk,
                                                       "step": "submit"}, POST, ALL, False, (403, 400)),
}
# Patterns this suite does not walk, and why.
SKIP_NAMESPACES = {"admin"}  # Django's admin: tests/security/test_admin.py
SKIP = {None,
        # A whole period's acceptance names no record of a unit: tests/approvals/test_views.py refuses outsiders.
        "approvals:period_accept"}
# Pages without arguments that only some personas open.
PLAIN_WHO = {"organizations:organization_create": EDITORS, "models_registry:model_create": STAFF,
             "commendations:decision_create": STAFF, "imports:import_start": EDITORS,
             "accounts:logout": set(), "set_language": set(), "accounts:access_log": {"administrator"},
             # No unit's data; answers 503 where a broker is set and no worker has beaten (tests/ops).
             "healthz": set()}


def _walk(resolver, namespace=None):
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            inner = entry.namespace or namespace
            if inner in SKIP_NAMESPACES:
                continue
            yield from _walk(entry, inner)
        elif isinstance(entry, URLPattern):
            name = f"{namespace}:{entry.name}" if namespace and entry.name else entry.name
            yield name, entry.pattern.converters or entry.pattern.regex.groupindex


PATTERNS = [(name, bool(args)) for name, args in _walk(get_resolver()) if name not in SKIP]
WITH_ARGS = [name for name, has_args in PATTERNS if has_args]
PLAIN = [name for name, has_args in PATTERNS if not has_args]


def test_every_url_pattern_with_arguments_is_known():
    unknown = sorted(set(WITH_ARGS) - set(FILL))
    assert not unknown, f"add these URL patterns to tests/security/test_url_scope.py FILL: {unknown}"
    assert not set(FILL) - set(WITH_ARGS), "FILL names URL patterns that no longer exist"


def text_of(response) -> str:
    content = b"".join(response.streaming_content) if response.streaming else response.content
    if content[:2] == b"PK":  # XLSX
        book = load_workbook(io.BytesIO(content), read_only=True)
        return "\n".join(" ".join(str(v) for v in row if v is not None)
                         for sheet in book.worksheets for row in sheet.iter_rows(values_only=True))
    return content.decode("utf-8", "replace")


def assert_hides(response, persona):
    body = text_of(response)
    for marker in OUTSIDE_MARKERS[persona]:
        assert marker not in body, f"{persona} sees {marker} at {response.request['PATH_INFO']}"


@pytest.fixture
def session(client, world):
    def open_as(persona, language):
        from accounts.two_factor import requires_two_factor
        from tests.conftest import verify_second_factor

        client.force_login(world.users[persona])
        if requires_two_factor(world.users[persona]):
            verify_second_factor(client, world.users[persona])
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
        return client
    return open_as


@pytest.mark.parametrize("language", ["vi", "en"])
@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("name", sorted(FILL))
def test_a_record_inside_opens_and_one_outside_stays_hidden(session, world, name, persona, language):
    fill, method, who, readable_outside, also_fine = FILL[name]
    client = session(persona, language)
    outside = world.outside_for(persona)
    response = getattr(client, method)(reverse(name, kwargs=fill(world, outside, persona)))
    if readable_outside and persona in who:
        assert response.status_code == 200, (name, persona)
    else:
        assert response.status_code in REFUSED, (name, persona, response.status_code)
    assert_hides(response, persona)
    response = getattr(client, method)(reverse(name, kwargs=fill(world, world.home, persona)))
    if persona in who:
        assert response.status_code in {200, 302, *also_fine}, (name, persona, response.status_code)
    else:
        assert response.status_code in {*REFUSED, *also_fine}, (name, persona, response.status_code)
    if response.status_code == 200:
        assert_hides(response, persona)


def _foreign_filters(world, persona) -> str:
    place = world.outside_for(persona)
    commune = place.commune
    return (f"commune={commune.pk}&district={commune.parent_id}&unit={commune.pk}&don_vi={commune.pk}"
            # The search word is the marker without its last letters: a page echoing it shows no marker.
            f"&q={place.tag[:-2]}&organization={place['organization'].pk}&model={place['model'].pk}")


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("name", sorted(PLAIN))
def test_every_page_without_arguments_hides_other_units_even_when_asked_for_them(session, world, name, persona):
    client = session(persona, "vi")
    url = reverse(name)
    who = PLAIN_WHO.get(name, ALL)
    plain = client.get(url)
    if persona in who:
        # A signed-in officer opening the login page or the home page is sent on (302).
        assert plain.status_code in {200, 302}, (name, persona, plain.status_code)
    if plain.status_code != 200:
        return
    assert_hides(plain, persona)
    filtered = client.get(f"{url}?{_foreign_filters(world, persona)}")
    # Refused (a unit outside the scope reads as not found) or shown without the outside's data.
    assert filtered.status_code in {200, 400, 404}, (name, filtered.status_code)
    assert_hides(filtered, persona)
    for fmt in ("xlsx", "csv"):
        exported = client.get(f"{url}?{_foreign_filters(world, persona)}&export={fmt}&dinh_dang={fmt}")
        assert exported.status_code in {200, 400, 404}
        assert_hides(exported, persona)


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
@pytest.mark.parametrize("registry", ["organizations", "models", "commendations"])
@pytest.mark.parametrize("persona", PERSONAS)
def test_every_import_registrys_export_holds_the_scope_only(session, world, persona, registry, fmt):
    response = session(persona, "vi").get(reverse("imports:export", args=[registry]) + f"?dinh_dang={fmt}")
    assert response.status_code == 200
    assert_hides(response, persona)
