"""A sweep of every URL pattern for scope leaks, on the seeded demo (tests/conftest.py `demo`).

tests/security/test_url_scope.py walks the resolver over a small synthetic world (five personas, one marker
word per place, GETs). This sweep walks it over the demo's real rows as the demo's own commune officer
`hophong` (data entry, Phường Hộ Phòng of Thị xã Giá Rai, 2018 layout). Every pattern that names an object
is asked, by GET and, where the view takes it, by POST with plausible form data, for rows outside Hộ Phòng
in two places:

- "neighbour": the commune of the same district with the most organizations (the district officer's,
  not hers), the district's own report, an import of the district officer;
- "successor": today's Phường Giá Rai (2025 layout), the ward Hộ Phòng became, whose records entered since
  01/07/2025 are not Hộ Phòng's (a 2018 scope does not roll down into the 2025 ward, which took in other
  communes too), an import of the ward's officer.

A refusal is 403 or 404 (the portal's convention: another unit's record "does not exist"; a role's
refusal is 403), never a redirect to the sign-in page, and the answer shows none of the foreign rows'
identifying text (names, citizen ids, decision numbers; rows made here carry TOKEN) and changes nothing.
Every list, export and picker is asked with crafted unit filters (?commune=, ?district=, ?unit=, typed
names; ?export=csv|xlsx): it shows nothing of the foreign place and exports no row the officer's own
export lacks.

The commune officer may not enter the admin at all (Django's admin sends a signed-in non-staff officer to
its own sign-in page: the admin's convention, also accepted by tests/security/test_admin.py). So the
admin's object pages are walked a second time as the demo's administrator `quantri` (Tỉnh Bạc Liêu, 2018
layout, second factor given) for rows of today's Cà Mau outside Bạc Liêu.

Every URL pattern is walked here or listed in SKIPPED with its reason: a pattern added tomorrow fails
test_every_url_pattern_is_walked_or_skipped until it is added here.
"""

import csv
import io
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from types import SimpleNamespace

import pytest
from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.db.models import Count
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone
from openpyxl import load_workbook

from accounts.models import AccessLog, User
from accounts.permissions import ScopedAdminMixin, in_scope
from accounts.scope import units_in_scope
from antq_portal.exports import FOOTER_MARK
from approvals.models import Status, Submission
from commendations.models import Decision, Person, Recipient
from geography.models import AdministrativeUnit, Layout
from imports.models import ImportJob
from imports.registries import registries
from models_registry.models import (
    CrimePreventionModel,
    Deployment,
    DeploymentResult,
    FieldOfWork,
    Recognition,
    ResultIndicator,
)
from organizations.models import Member, Organization, OrganizationRating, Rating
from reports.models import Report, ReportStatus
from reports.periods import QUARTER, ReportingPeriod
from tests.conftest import verify_second_factor

pytestmark = pytest.mark.django_db

OFFICER, ADMINISTRATOR = "hophong", "quantri"
TOKEN = "NGOAIPHAMVI"  # in every row this file makes outside the commune officer's scope
OTHER_TOKEN = "NGOAITINH"  # in every row it makes outside the administrator's province
PDF = b"%PDF-1.4\n% " + TOKEN.encode() + b"\n%%EOF\n"
REFUSED = frozenset({403, 404})
PLACES = ("neighbour", "successor")
REGISTRIES = ("organizations", "models", "commendations")


# --- The URL patterns ---------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Pattern:
    key: str  # "namespace:name", or "namespace:[route]" for an unnamed pattern
    route: str
    namespace: str | None
    name: str | None


def _walk(resolver, namespace=None, prefix=""):
    for entry in resolver.url_patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            yield from _walk(entry, entry.namespace or namespace, route)
        elif isinstance(entry, URLPattern):
            if entry.name:
                key = f"{namespace}:{entry.name}" if namespace else entry.name
            else:
                key = f"{namespace}:[{route}]" if namespace else f"[{route}]"
            yield Pattern(key, route, namespace, entry.name)


PATTERNS = list(_walk(get_resolver()))
ADMIN_ROUTE = reverse("admin:index").lstrip("/")
CATCH_ALL = f"admin:[{ADMIN_ROUTE}(?P<url>.*)$]"

# Patterns with nothing of a unit to leak, and why they are not walked.
SKIPPED = {
    "accounts:login": "the sign-in page: a signed-in officer is sent on; no unit's data",
    "accounts:logout": "signs the officer out (POST); no unit's data",
    "accounts:otp_verify": "the officer's own second factor; no unit's data",
    "accounts:otp_setup": "the officer's own second factor (enrolment); no unit's data",
    "accounts:password_change": "the officer's own password; no unit's data",
    "set_language": "sets the language cookie; no unit's data",
    "healthz": "database, broker and worker health, no unit's data (tests/ops/test_health.py)",
    "admin:login": "the admin's sign-in page; no unit's data",
    "admin:logout": "signs out of the admin; no unit's data",
}


# --- Who asks -----------------------------------------------------------------------------------------------

@pytest.fixture
def officer(demo) -> User:
    return User.objects.select_related("unit__parent").get(username=OFFICER)


@pytest.fixture
def as_officer(client, officer):
    client.force_login(officer)
    return client


# --- The foreign rows ---------------------------------------------------------------------------------------

def _inside_text(user) -> str:
    """Every text the user may legitimately be shown: a foreign row's name that also names a row in scope
    (demo names repeat: "Tổ an ninh nhân dân khóm 1" in every ward) tells nothing, and is no marker."""
    orgs = in_scope(user, Organization)
    decisions = Decision.objects.visible_to(user) | Decision.objects.visible_to(user, archived=True)
    rows = [
        *orgs.values_list("name", "leader_name", "hamlet", "decision_signer"),
        *in_scope(user, Member).values_list("full_name", "citizen_id"),
        *Person.objects.visible_to(user).values_list("full_name"),
        *in_scope(user, Deployment).values_list("place", "notes", "host_organization__name"),
        *decisions.values_list("number", "signer"),
        *CrimePreventionModel.objects.values_list("name"),  # every officer reads every model
        *Recognition.objects.values_list("decision_number"),
        *units_in_scope(user).values_list("name"),
    ]
    recipients = Recipient.objects.visible_to(user).select_related("person", "organization")
    names = [r.display_name for r in recipients]
    # The import templates' example rows, read by every importer ("Nguyễn Minh Chẳng", commended in the demo).
    examples = [str(v) for spec in registries().values() for row in spec.example_rows for v in row.values()]
    return "\n".join([*(str(v) for row in rows for v in row if v), *names, *examples, user.get_full_name()])


def _markers(candidates, inside: str) -> list[str]:
    return [c for c in dict.fromkeys(str(c) for c in candidates if c) if len(c) >= 6 and c not in inside]


_PICKED: dict = {}


def _outside(model, user, queryset=None):
    queryset = model._base_manager.all() if queryset is None else queryset
    return queryset.exclude(pk__in=in_scope(user, model).values("pk"))


def _place(officer: User, place: str):
    """(the foreign commune, the unit of its report, the officer who imported there, the period)."""
    unit = officer.unit
    if place == "neighbour":
        commune = (AdministrativeUnit.objects.communes().filter(parent_id=unit.parent_id).exclude(pk=unit.pk)
                   .annotate(n=Count("organizations")).order_by("-n", "path").first())
        return commune, unit.parent, User.objects.get(username="giarai"), ReportingPeriod(QUARTER, 2018, 3)
    commune = unit.successions.get(is_default=True).new_unit
    return commune, commune, User.objects.get(username="phuonggiarai"), ReportingPeriod(QUARTER, 2025, 4)


def _pick(officer: User, place: str) -> dict:
    """The demo rows of `place` outside the officer's scope (ids), and their identifying texts. Read once per
    process: the demo does not change between tests."""
    if (officer.pk, place) in _PICKED:
        return _PICKED[officer.pk, place]
    inside = _inside_text(officer)
    commune, report_unit, importer, period = _place(officer, place)
    orgs = list(Organization.objects.filter(commune=commune, archived_at__isnull=True)
                .filter(members__citizen_id__regex=r"^\d{12}$").distinct().order_by("pk"))
    org = next((o for o in orgs if _markers([o.name], inside)), orgs[0])
    member = org.members.exclude(citizen_id="").order_by("pk").first()
    deployments = Deployment.objects.filter(archived_at__isnull=True, model__archived_at__isnull=True)
    deployment = (deployments.filter(commune=commune).order_by("pk").first()
                  or _outside(Deployment, officer, deployments).order_by("pk").first())
    person = (Person.objects.filter(commune=commune).order_by("pk").first()
              or _outside(Person, officer).order_by("pk").first())
    hidden = Decision.objects.filter(archived_at__isnull=True).exclude(
        pk__in=Decision.objects.visible_to(officer).values("pk"))
    decision = (hidden.filter(recipients__commune=commune).order_by("pk").first()
                or hidden.order_by("pk").first())
    not_hers = Recipient.objects.exclude(pk__in=Recipient.objects.visible_to(officer).values("pk"))
    shared = (Decision.objects.visible_to(officer).filter(recipients__in=not_hers).distinct().order_by("pk")
              .first())
    recognition = (Recognition.objects.exclude(model__founding_unit__in=units_in_scope(officer))
                   .order_by("pk").first())
    own_org = (Organization.objects.visible_to(officer).filter(members__isnull=False).distinct()
               .order_by("pk").first())
    candidates = [org.name, org.leader_name, org.hamlet, org.decision_signer]
    for m in org.members.order_by("pk")[:8]:
        candidates += [m.full_name, m.citizen_id]
    candidates += [deployment.place, deployment.notes, getattr(deployment.host_organization, "name", "")]
    candidates += [person.full_name, decision.number, decision.signer]
    candidates += [r.display_name for r in decision.recipients.all()[:8]]
    candidates += [r.display_name for r in not_hers.filter(decision=shared)[:8]]
    picked = {
        "commune": commune.pk, "report_unit": report_unit.pk, "importer": importer.pk, "period": period,
        "org": org.pk, "member": member.pk, "deployment": deployment.pk, "model": deployment.model_id,
        "person": person.pk, "decision": decision.pk, "shared_decision": shared.pk,
        "recognition": recognition.pk, "own_org": own_org.pk,
        "own_deployment": Deployment.objects.visible_to(officer).order_by("pk").first().pk,
        "markers": [TOKEN, *_markers(candidates, inside)],
    }
    # What makes the sweep worth its name: a foreign citizen id and names to look for.
    assert member.citizen_id in picked["markers"] and len(picked["markers"]) >= 8, picked["markers"]
    _PICKED[officer.pk, place] = picked
    return picked


def _stored(instance, field: str, name: str, content: bytes) -> None:
    getattr(instance, field).save(name, ContentFile(content), save=False)


def _world(officer: User, place: str) -> SimpleNamespace:
    """The picked demo rows and rows made here: an archived organization and deployment, a rendered report
    with its files, an import with its file and errors, a submission of the reporting chain and the decision's
    scan, all outside the officer's scope (and a report of her own)."""
    p = _pick(officer, place)
    f = SimpleNamespace(officer=officer, place=place, period=p["period"], markers=p["markers"])
    f.commune = AdministrativeUnit.objects.select_related("parent").get(pk=p["commune"])
    f.report_unit = AdministrativeUnit.objects.get(pk=p["report_unit"])
    importer = User.objects.get(pk=p["importer"])
    for name, model in (("org", Organization), ("member", Member), ("deployment", Deployment),
                        ("model", CrimePreventionModel), ("person", Person), ("decision", Decision),
                        ("shared_decision", Decision), ("recognition", Recognition), ("own_org", Organization),
                        ("own_deployment", Deployment)):
        setattr(f, name, model._base_manager.get(pk=p[name]))
    now = timezone.now()
    f.archived_org = Organization.objects.create(name=f"Tổ đã lưu trữ {TOKEN}", kind=f.org.kind,
                                                 commune=f.commune, hamlet=f.org.hamlet, archived_at=now)
    f.archived_deployment = Deployment.objects.create(model=f.model, commune=f.commune,
                                                      place=f"Ấp lưu trữ {TOKEN}", archived_at=now)
    period = dict(as_of=date(2018, 7, 11), since=date(2018, 1, 1), until=date(2018, 7, 11))
    f.report = Report.objects.create(kind="provincial_tally", unit=f.report_unit, status=ReportStatus.DONE,
                                     signer_name=f"Người ký {TOKEN}", **period)
    _stored(f.report, "pdf", "bao-cao.pdf", PDF)
    _stored(f.report, "figures_file", "so-lieu.json", json.dumps({"ky": TOKEN}).encode())
    f.report.save()
    f.own_report = Report.objects.create(kind="provincial_tally", unit=officer.unit, status=ReportStatus.DONE,
                                         **period)
    f.job = ImportJob(registry="organizations", original_name=f"{TOKEN}.csv", created_by=importer,
                      status=ImportJob.Status.DONE, progress=100,
                      errors=[{"row": 2, "column": "Tên", "message": f"Lỗi {TOKEN}"}])
    upload = f"Họ tên;CCCD\n{f.member.full_name};{f.member.citizen_id}\n"
    f.job.file.save("tep.csv", ContentFile(upload.encode()))
    f.submission = Submission.objects.create(
        commune=f.commune, kind=f.period.kind, period=f.period.key, since=f.period.since, until=f.period.until,
        status=Status.SUBMITTED, note=f"Ghi chú {TOKEN}", submitted_by=importer, submitted_at=now)
    _stored(f.decision, "scan", "quyet-dinh.pdf", PDF)
    Decision.objects.filter(pk=f.decision.pk).update(scan=f.decision.scan.name)
    f.indicator = ResultIndicator.objects.order_by("pk").first()
    return f


@pytest.fixture(scope="module")
def made(demo, django_db_blocker, tmp_path_factory) -> dict:
    """The foreign worlds, made once for the module in a savepoint rolled back after its last test (each test's
    own changes roll back with it), their files in a folder of the module's own."""
    from django.db import transaction
    from django.test import override_settings

    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("media")):
        with transaction.atomic():
            officer = User.objects.select_related("unit__parent").get(username=OFFICER)
            administrator = User.objects.select_related("unit").get(username=ADMINISTRATOR)
            worlds = {place: _world(officer, place) for place in PLACES}
            yield {**worlds, "elsewhere": _elsewhere(administrator)}
            transaction.set_rollback(True)


@pytest.fixture(params=PLACES)
def foreign(request, made) -> SimpleNamespace:
    return made[request.param]


def snapshot(f) -> dict:
    """What a refused request must leave as it found it: the foreign rows and how many rows hang on the place
    (the officer's own rows may change: "own" cases post to them)."""
    rows = {name: type(obj)._base_manager.filter(pk=obj.pk).values().first()
            for name, obj in vars(f).items() if hasattr(obj, "_meta") and name != "officer"
            and not name.startswith("own_")}
    units = [f.commune, f.report_unit]
    counts = {
        "organizations": Organization._base_manager.filter(commune__in=units).count(),
        "members": Member._base_manager.filter(organization__commune__in=units).count(),
        "deployments": Deployment._base_manager.filter(commune__in=units).count(),
        "results": DeploymentResult.objects.filter(deployment__commune__in=units).count(),
        "reports": Report.objects.filter(unit__in=units).count(),
        "submissions": Submission.objects.filter(commune__in=units).count(),
        "recipients": Recipient._base_manager.count(), "decisions": Decision._base_manager.count(),
        "people": Person._base_manager.filter(merged_into__isnull=True).count(),
        "models": CrimePreventionModel._base_manager.count(), "recognitions": Recognition.objects.count(),
    }
    return {"rows": rows, "counts": counts}


# --- Reading answers ----------------------------------------------------------------------------------------

def text_of(response) -> str:
    content = b"".join(response.streaming_content) if response.streaming else response.content
    if content[:2] == b"PK":  # XLSX
        book = load_workbook(io.BytesIO(content), read_only=True)
        return "\n".join("\t".join("" if v is None else str(v) for v in row)
                         for sheet in book.worksheets for row in sheet.iter_rows(values_only=True))
    return content.decode("utf-8", "replace").lstrip("\ufeff")


def exported_rows(response) -> set[tuple]:
    """The data rows of an export (CSV or XLSX), header included, footer ("— Xuất bởi …") and blank rows not."""
    text = text_of(response)
    rows = csv.reader(io.StringIO(text)) if "text/csv" in response["Content-Type"] else (
        line.split("\t") for line in text.splitlines())
    return {tuple(row) for row in rows if any(row) and not row[0].startswith(FOOTER_MARK)}


def leaked(response, markers) -> list[str]:
    body = text_of(response)
    return [marker for marker in markers if marker in body]


def assert_not_sent_to_sign_in(response):
    chain = [url for url, _status in getattr(response, "redirect_chain", [])]
    location = response.get("Location", "")
    sign_in = reverse("accounts:login")
    assert not location.startswith(sign_in) and not any(url.startswith(sign_in) for url in chain), (
        "a signed-in officer sent to the sign-in page")


# --- Pages about one object ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class Case:
    url: str  # URL name
    args: Callable[[SimpleNamespace], dict]  # reverse()'s kwargs, naming a foreign row
    method: str = "get"
    data: Callable[[SimpleNamespace], dict] | None = None  # POST data, or GET query
    expect: frozenset = REFUSED
    label: str = ""
    invalid: str | None = None  # a 200 answer must be the form refusing this field

    @property
    def id(self) -> str:
        return f"{self.url}|{self.method}{'|' + self.label if self.label else ''}"


def pk(name):
    return lambda f: {"pk": getattr(f, name).pk}


def model_pk(f):
    return {"model_pk": f.model.pk}


def nothing(f):
    return {}


def org_form(org, **changes) -> dict:
    """An organization's form: its kind and commune, and texts of our own (a form shown again with its errors
    writes back what was posted, which must not be taken for a leak)."""
    data = {"name": "Tổ tự quản khóm 9", "kind": org.kind_id, "commune": org.commune_id, "hamlet": "Khóm 9",
            "founded_on": "2017-05-01", "leader_name": "Người đứng đầu", "members-TOTAL_FORMS": "0",
            "members-INITIAL_FORMS": "0", "ratings-TOTAL_FORMS": "0", "ratings-INITIAL_FORMS": "0"}
    return {**data, **changes}


def foreign_member_in_own_org(f) -> dict:
    """The officer's own organization, saved with a member form whose hidden id names a member of the foreign
    one (the form is otherwise valid: the organization is saved, the foreign member must not be)."""
    return org_form(f.own_org, **{"members-TOTAL_FORMS": "1", "members-INITIAL_FORMS": "1",
                                  "members-0-id": f.member.pk, "members-0-organization": f.own_org.pk,
                                  "members-0-full_name": "Người đổi tên", "members-0-role": f.member.role,
                                  "members-0-gender": f.member.gender, "members-0-origin": f.member.origin,
                                  "members-0-birth_year": "1980", "members-0-joined_on": "2017-05-01",
                                  "members-0-prior_service_years": "0"})


def deployment_form(commune, **changes) -> dict:
    return {"commune": commune.pk, "place": "Ấp mới", "started_on": "2018-08-01", "notes": "", **changes}


def model_form(f) -> dict:
    return {"name": "Mô hình đổi tên", "field": f.model.field_id, "founding_unit": f.officer.unit_id,
            "founded_on": "2018-01-01"}


def step(name):
    return lambda f: {"period": f.period.key, "commune_id": f.commune.pk, "step": name}


def download(fmt):
    return lambda f: {"pk": f.report.pk, "fmt": fmt}


def step_data(f) -> dict:
    return {"confirm": "on", "note": "Nộp thay", "reason": "Trả lại"}


def report_form(unit) -> dict:
    return {"kind": "provincial_tally", "unit": unit.pk, "as_of": "2018-07-11", "signer_name": "Người ký",
            "layout": ""}


BY_DESIGN = frozenset({200})

CASES = [
    # Organizations and their members (members have no page of their own: they show on their organization's).
    Case("organizations:organization_detail", pk("org")),
    Case("organizations:organization_detail", pk("archived_org"), data=lambda f: {"archived": "1"},
         label="archived"),
    Case("organizations:organization_update", pk("org")),
    Case("organizations:organization_update", pk("org"), "post", lambda f: org_form(f.org)),
    Case("organizations:organization_update", pk("own_org"), "post",
         lambda f: org_form(f.own_org, commune=f.commune.pk), BY_DESIGN, "own moved out", invalid="commune"),
    Case("organizations:organization_update", pk("own_org"), "post", foreign_member_in_own_org,
         frozenset({302}), "own claims a foreign member"),
    Case("organizations:organization_archive", pk("org"), "post"),
    Case("organizations:organization_restore", pk("archived_org"), "post"),
    Case("organizations:organization_create", nothing, "post",
         lambda f: org_form(f.org, commune=f.commune.pk), BY_DESIGN, "in the foreign commune",
         invalid="commune"),
    # Models: every officer reads every model (its deployments are what is scoped); the province writes them.
    Case("models_registry:model_detail", pk("model"), expect=BY_DESIGN,
         label="read by all, deployments scoped"),
    Case("models_registry:model_update", pk("model")),
    Case("models_registry:model_update", pk("model"), "post", model_form),
    Case("models_registry:model_archive", pk("model"), "post"),
    Case("models_registry:model_restore", pk("model"), "post"),
    Case("models_registry:recognition_create", model_pk),
    Case("models_registry:recognition_create", model_pk, "post",
         lambda f: {"level": "1", "authority": "UBND", "decision_number": "1/QĐ", "decided_on": "2018-01-01"}),
    Case("models_registry:recognition_update", pk("recognition")),
    Case("models_registry:recognition_update", pk("recognition"), "post",
         lambda f: {"level": "1", "authority": "UBND", "decision_number": "2/QĐ", "decided_on": "2018-01-01"}),
    # Any model may be deployed in the officer's communes; the form offers their communes and teams only.
    Case("models_registry:deployment_create", model_pk, data=lambda f: {"commune": f.commune.pk},
         expect=BY_DESIGN, label="host teams of a foreign commune"),
    Case("models_registry:deployment_create", model_pk, "post", lambda f: deployment_form(f.commune),
         BY_DESIGN, "in the foreign commune", invalid="commune"),
    Case("models_registry:deployment_detail", pk("deployment")),
    Case("models_registry:deployment_detail", pk("archived_deployment"), label="archived"),
    Case("models_registry:deployment_update", pk("deployment")),
    Case("models_registry:deployment_update", pk("deployment"), "post",
         lambda f: deployment_form(f.commune, place="Ấp đổi tên")),
    Case("models_registry:deployment_update", pk("own_deployment"), "post",
         lambda f: deployment_form(f.commune), BY_DESIGN, "own moved out", invalid="commune"),
    Case("models_registry:deployment_update", pk("own_deployment"), "post",
         lambda f: deployment_form(f.officer.unit, host_organization=f.org.pk), BY_DESIGN,
         "own hosted by a foreign team", invalid="host_organization"),
    Case("models_registry:deployment_archive", pk("deployment"), "post"),
    Case("models_registry:deployment_restore", pk("archived_deployment"), "post"),
    Case("models_registry:deployment_results", pk("deployment"), data=lambda f: {"year": "2018"}),
    Case("models_registry:deployment_results", pk("deployment"), "post",
         lambda f: {"year": "2018", f"indicator_{f.indicator.pk}": "9"}),
    # Commendations: a decision is read by the communes it honours, each seeing its own recipients only.
    Case("commendations:decision_detail", pk("decision")),
    Case("commendations:decision_detail", pk("shared_decision"), expect=BY_DESIGN,
         label="honours her commune too: her recipients only"),
    Case("commendations:decision_update", pk("decision")),
    Case("commendations:decision_update", pk("decision"), "post",
         lambda f: {"number": "1/QĐ", "decided_on": "2018-05-10", "recipients-TOTAL_FORMS": "0",
                    "recipients-INITIAL_FORMS": "0"}),
    Case("commendations:decision_archive", pk("decision"), "post"),
    Case("commendations:decision_scan", pk("decision")),
    Case("commendations:link_search", lambda f: {"kind": "thanh-vien"},
         data=lambda f: {"q": f.member.full_name}, expect=BY_DESIGN, label="a foreign member's name"),
    Case("commendations:link_search", lambda f: {"kind": "to-chuc"}, data=lambda f: {"q": f.org.name},
         expect=BY_DESIGN, label="a foreign team's name"),
    Case("commendations:link_search", lambda f: {"kind": "noi-trien-khai"},
         data=lambda f: {"q": f.commune.short_name}, expect=BY_DESIGN, label="a foreign commune's name"),
    Case("commendations:person_detail", pk("person")),
    Case("commendations:person_merge", pk("person")),
    Case("commendations:person_merge", pk("person"), "post", lambda f: {"other": f.person.pk}),
    Case("commendations:person_split", pk("person")),
    Case("commendations:person_split", pk("person"), "post",
         lambda f: {"full_name": "Người tách", "birth_year": "1980"}),
    # Reports of another unit (the district's, the ward's) and their files.
    Case("reports:report_detail", pk("report")),
    Case("reports:report_status", pk("report")),
    Case("reports:report_download", pk("report")),
    *[Case("reports:report_download_format", download(fmt), label=fmt) for fmt in ("pdf", "json", "xlsx")],
    Case("reports:report_retry", pk("report"), "post"),
    Case("reports:report_reproduce", pk("report"), "post"),
    Case("reports:report_create", nothing, "post", lambda f: report_form(f.commune), BY_DESIGN,
         "for the foreign commune", invalid="unit"),
    Case("reports:report_create", nothing, "post", lambda f: report_form(f.report_unit), BY_DESIGN,
         "for the report's unit", invalid="unit"),
    Case("reports:report_compare", nothing, data=lambda f: {"a": f.report.pk, "b": f.report.pk}, label="both"),
    Case("reports:report_compare", nothing, data=lambda f: {"a": f.own_report.pk, "b": f.report.pk},
         label="own against foreign"),
    Case("reports:dashboard_unit", lambda f: {"unit_id": f.commune.pk}, label="commune"),
    Case("reports:dashboard_unit", lambda f: {"unit_id": f.report_unit.pk}, label="report unit"),
    Case("reports:dashboard_unit", lambda f: {"unit_id": f.commune.parent_id}, label="parent"),
    Case("reports:dashboard_unit", lambda f: {"unit_id": f.officer.unit.parent_id}, label="her district"),
    # Imports: an officer sees their own imports only.
    Case("imports:job_detail", pk("job")),
    Case("imports:job_file", pk("job")),
    Case("imports:job_progress", pk("job")),
    Case("imports:job_errors", pk("job")),
    Case("imports:job_confirm", pk("job"), "post"),
    Case("imports:job_discard", pk("job"), "post"),
    # The reporting chain: a commune's period, its steps and the province's acceptance.
    Case("approvals:commune_period", lambda f: {"period": f.period.key, "commune_id": f.commune.pk}),
    *[Case("approvals:commune_period_step", step(name), "post", step_data, label=name)
      for name in ("submit", "approve", "return", "reopen")],
    Case("approvals:period_accept", lambda f: {"period": f.period.key}, "post",
         lambda f: {"unit": f.commune.pk}, label="commune"),
    Case("approvals:period_accept", lambda f: {"period": f.period.key}, "post",
         lambda f: {"unit": f.commune.parent_id}, label="parent"),
]


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_an_object_outside_the_commune_is_refused_and_left_alone(as_officer, foreign, case):
    url = reverse(case.url, kwargs=case.args(foreign))
    data = case.data(foreign) if case.data else {}
    before = snapshot(foreign)
    response = getattr(as_officer, case.method)(url, data)
    assert_not_sent_to_sign_in(response)
    assert response.status_code in case.expect, (url, response.status_code)
    assert leaked(response, foreign.markers) == [], url
    if case.invalid and response.status_code == 200:
        assert set(response.context["form"].errors) == {case.invalid}, response.context["form"].errors
    assert snapshot(foreign) == before, url


# --- Lists, exports, pickers and pages without an object ----------------------------------------------------

# (URL name, its kwargs, the query parameter asking for an export)
LISTS = [
    ("home", {}, None),
    ("accounts:access_log", {}, "export"),
    ("organizations:organization_list", {}, "export"),
    ("organizations:member_list", {}, "export"),
    ("organizations:organization_create", {}, None),
    ("models_registry:model_list", {}, "export"),
    ("models_registry:model_create", {}, None),
    ("models_registry:deployment_list", {}, "export"),
    ("commendations:decision_list", {}, "export"),
    ("commendations:decision_create", {}, None),
    ("commendations:recipient_list", {}, "export"),
    ("commendations:people", {}, "export"),
    ("reports:report_list", {}, "export"),
    ("reports:report_create", {}, None),
    ("reports:report_compare", {}, None),
    ("reports:dashboard", {}, None),
    ("imports:import_start", {}, None),
    ("imports:job_list", {}, "export"),
    *[("imports:export", {"registry": registry}, "dinh_dang") for registry in REGISTRIES],
    # A template holds no data: any importer reads any registry's columns.
    *[("imports:template", {"registry": registry}, None) for registry in REGISTRIES],
    ("approvals:overview", {}, None),
    ("approvals:freshness", {}, None),
    ("geography:unit_search", {}, None),
]


def crafted(f) -> list[dict]:
    """Query strings naming the foreign place: by id, then by typed name (the unit pickers read both)."""
    typed = f"{f.commune.name}, {f.commune.parent.name}"
    return [{"commune": f.commune.pk, "district": f.commune.parent_id, "unit": f.commune.pk,
             "organization": f.org.pk, "model": f.model.pk, "decision": f.decision.pk},
            {"commune": typed, "district": f.commune.parent.name, "unit": f.report_unit.pk,
             "q": f.commune.short_name, "level": "any"}]


@pytest.mark.parametrize("name,kwargs,export", LISTS,
                         ids=[f"{name}{'|' + kw['registry'] if kw else ''}" for name, kw, _export in LISTS])
def test_lists_and_exports_show_nothing_of_the_foreign_place_when_asked_for_it(as_officer, foreign, name,
                                                                             kwargs, export):
    url = reverse(name, kwargs=kwargs)
    plain = as_officer.get(url, follow=True)
    assert_not_sent_to_sign_in(plain)
    assert plain.status_code in {200, 403}, (url, plain.status_code)
    assert leaked(plain, foreign.markers) == []
    exporting = export and plain.status_code == 200
    own = {fmt: exported_rows(as_officer.get(url, {export: fmt})) for fmt in ("csv", "xlsx") if exporting}
    crafted_params = crafted(foreign)
    for params in crafted_params:
        response = as_officer.get(url, params, follow=True)
        assert_not_sent_to_sign_in(response)
        # Refused (a unit outside the scope reads as not found), or shown without the foreign place.
        assert response.status_code in {200, 400, 403, 404}, (url, params, response.status_code)
        assert leaked(response, foreign.markers) == [], (url, params)
        if exporting:
            for fmt in ("csv", "xlsx") if params is crafted_params[0] else ("csv",):
                exported = as_officer.get(url, {**params, export: fmt})
                assert exported.status_code in {200, 400, 404}, (url, params, fmt)
                assert leaked(exported, foreign.markers) == [], (url, params, fmt)
                if exported.status_code == 200:
                    assert exported_rows(exported) <= own[fmt], (url, params, fmt)


@pytest.mark.parametrize("level", [None, "commune", "area", "any"])
def test_unit_suggestions_stay_inside_the_officers_scope(as_officer, officer, level):
    """geography.views.unit_search: "Nothing outside the scope is ever suggested" (its docstring)."""
    allowed = {unit.name_with_parent() for unit in units_in_scope(officer).select_related("parent")}
    ward = officer.unit.successions.get(is_default=True).new_unit
    url = reverse("geography:unit_search")
    found = set()
    for typed in ("Phường", "Giá Rai", "Láng Tròn", "Bạc Liêu", "Cà Mau", "Hộ Phòng, Giá Rai", ward.name,
                  officer.unit.parent.name, "xã"):
        params = {"q": typed, **({"level": level} if level else {})}
        results = as_officer.get(url, params).json()["results"]
        assert set(results) <= allowed, (typed, sorted(set(results) - allowed))
        found.update(results)
    if level in (None, "commune", "any"):  # the control: her own ward is suggested
        assert officer.unit.name_with_parent() in found


# --- The admin ----------------------------------------------------------------------------------------------

ADMIN_PATTERNS = [p for p in PATTERNS if p.namespace == "admin" and p.key not in SKIPPED]
# Admin pages not of one model, and how they are asked for.
ADMIN_SITE = {
    "admin:index": lambda w: reverse("admin:index"),
    "admin:password_change": lambda w: reverse("admin:password_change"),
    "admin:password_change_done": lambda w: reverse("admin:password_change_done"),
    "admin:autocomplete": lambda w: reverse("admin:autocomplete") + (
        f"?term={w.org.name[:6]}&app_label=models_registry&model_name=deployment&field_name=host_organization"),
    "admin:jsi18n": lambda w: reverse("admin:jsi18n"),
    "admin:view_on_site": lambda w: reverse("admin:view_on_site", args=[
        ContentType.objects.get_for_model(Organization).pk, w.org.pk]),
    "admin:app_list": lambda w: reverse("admin:app_list", kwargs={"app_label": "organizations"}),
    # The admin's last pattern answers every other address under it: an organization's page without its slash.
    CATCH_ALL: lambda w: f"{reverse('admin:index')}organizations/organization/{w.org.pk}/change",
}


def _label(model) -> str:
    return model._meta.label_lower


def _admin_model(pattern: Pattern):
    rest = pattern.route.removeprefix(ADMIN_ROUTE)
    for model in admin.site._registry:
        if rest.startswith(f"{model._meta.app_label}/{model._meta.model_name}/"):
            return model
    return None


def _admin_kind(pattern: Pattern, model) -> str:
    if pattern.name is None:
        return "redirect"  # <path:object_id>/: to the object's change page
    return pattern.name.removeprefix(f"{model._meta.app_label}_{model._meta.model_name}_")


OBJECT_KINDS = {"history", "delete", "change", "simple_history", "redirect", "config", "qrcode",
                "auth_user_password_change"}
ADMIN_KINDS = OBJECT_KINDS | {"changelist", "add"}


def _history_id(obj) -> int:
    history = getattr(obj, "history", None)
    last = history.order_by("-history_id").first() if history is not None else None
    return last.history_id if last else 1


def admin_url(pattern: Pattern, obj) -> str:
    if pattern.key in ADMIN_SITE:
        raise LookupError(pattern.key)
    model = _admin_model(pattern)
    kind = _admin_kind(pattern, model)
    object_id = obj.pk if obj is not None else 999999
    if kind in ("changelist", "add"):
        return reverse(pattern.key)
    if kind in ("history", "delete", "change"):
        return reverse(pattern.key, args=[object_id])
    if kind == "simple_history":
        return reverse(pattern.key, args=[object_id, _history_id(obj)])
    if kind in ("config", "qrcode"):
        return reverse(pattern.key, kwargs={"pk": object_id})
    if kind == "auth_user_password_change":
        return reverse(pattern.key, kwargs={"id": object_id})
    if kind == "redirect":
        return f"{reverse('admin:index')}{model._meta.app_label}/{model._meta.model_name}/{object_id}/"
    raise LookupError(f"an admin pattern of a kind this sweep does not know: {pattern.key}")


def _values(obj):
    return None if obj is None else type(obj)._base_manager.filter(pk=obj.pk).values().first()


def _outside_row(model, user):
    """A row of `model` outside the officer's scope (for a model with one), else any row, else none."""
    queryset = model._base_manager.order_by("pk")
    try:
        queryset = _outside(model, user, queryset)
    except LookupError:  # not a model with a unit of its own
        pass
    if model is User:
        queryset = queryset.exclude(pk=user.pk)
    return queryset.first()


def _admin_group(pattern: Pattern) -> str:
    model = _admin_model(pattern) if pattern.key not in ADMIN_SITE else None
    return _label(model) if model is not None else "site"


ADMIN_GROUPS: dict[str, list[Pattern]] = {}
for _pattern in ADMIN_PATTERNS:
    ADMIN_GROUPS.setdefault(_admin_group(_pattern), []).append(_pattern)


@pytest.mark.parametrize("group", sorted(ADMIN_GROUPS))
def test_the_admin_is_closed_to_the_commune_officer(as_officer, officer, group):
    """Django's admin sends a signed-in officer who is not staff to its own sign-in page, whatever the page
    and whether or not the object exists; a POST (a delete confirmed, a bulk delete) changes nothing. One
    test per admin model (and one for the admin's own pages), every one of its URL patterns."""
    p = _pick(officer, "neighbour")
    w = SimpleNamespace(org=Organization.objects.get(pk=p["org"]))
    for pattern in ADMIN_GROUPS[group]:
        model = _admin_model(pattern)
        obj = _outside_row(model, officer) if model is not None else w.org
        url = ADMIN_SITE[pattern.key](w) if pattern.key in ADMIN_SITE else admin_url(pattern, obj)
        before = _values(obj)
        selected = {"post": "yes", "action": "delete_selected", "_selected_action": [getattr(obj, "pk", 0)]}
        for response in (as_officer.get(url), as_officer.post(url, selected)):
            location = response.get("Location", "")
            if pattern.key == CATCH_ALL and response.status_code == 301:  # the slash added, then the line below
                assert location.endswith("/change/"), location
            else:
                assert response.status_code == 302 and location.startswith(reverse("admin:login")), (
                    pattern.key, url, response.status_code, location)
            assert leaked(response, p["markers"]) == [], (pattern.key, url)
        assert _values(obj) == before, (pattern.key, url)


# The admin, as an administrator of Tỉnh Bạc Liêu (2018), for rows of today's Cà Mau outside it.
# Models whose rows belong to a unit, and which row of the foreign place each is asked for.
ADMIN_UNIT_MODELS = {
    "organizations.organization": "org", "organizations.member": "member",
    "organizations.organizationrating": "rating",
    "models_registry.crimepreventionmodel": "model", "models_registry.recognition": "recognition",
    "models_registry.deployment": "deployment", "models_registry.deploymentresult": "result",
    "commendations.decision": "decision", "commendations.person": "person", "reports.report": "report",
    "imports.importjob": "job", "approvals.submission": "submission", "accounts.user": "user",
    "accounts.accesslog": "access_log", "otp_totp.totpdevice": "device",
    "django_celery_beat.periodictask": "schedule",
    "axes.accessattempt": "attempt", "axes.accesslog": "sign_in", "axes.accessfailurelog": "failure",
}
# Models of the admin without a unit's rows, and why they are not walked as the administrator.
ADMIN_NOT_UNIT_DATA = {
    "auth.group": "the roles' groups, the same for every unit",
    "organizations.organizationkind": "a managed list every unit shares",
    "models_registry.fieldofwork": "a managed list every unit shares",
    "models_registry.resultindicator": "a managed list every unit shares",
    "commendations.authority": "a managed list every unit shares",
    "commendations.commendationform": "a managed list every unit shares",
    "geography.administrativeunit": "the country's administrative units, public names and codes",
    "geography.unitsuccession": "which old unit became which new one, public",
    "django_celery_beat.clockedschedule": "a timing, no unit",
    "django_celery_beat.crontabschedule": "a timing, no unit",
    "django_celery_beat.solarschedule": "a timing, no unit",
    "django_celery_beat.intervalschedule": "a timing, no unit",
}
# Read by every officer (the portal's model pages show every model, its recognitions and its history): their
# admin history pages may open; editing them stays with the founding unit's scope.
READ_BY_ALL = {"models_registry.crimepreventionmodel", "models_registry.recognition"}

SCOPED_ADMIN_PATTERNS = [
    p for p in ADMIN_PATTERNS
    if p.key not in ADMIN_SITE and _admin_model(p) is not None
    and _label(_admin_model(p)) in ADMIN_UNIT_MODELS
    and _admin_kind(p, _admin_model(p)) in OBJECT_KINDS | {"changelist", "add"}
]


def _pick_elsewhere(administrator: User) -> dict:
    """The demo's rows of today's Cà Mau outside the administrator's Tỉnh Bạc Liêu (2018): a team, its member,
    a deployment, a person and a decision of communes made of old Cà Mau communes only (ids), and their
    identifying texts. Read once per process."""
    if (administrator.pk, "elsewhere") in _PICKED:
        return _PICKED[administrator.pk, "elsewhere"]
    from django_celery_beat.models import PeriodicTask

    inside = _inside_text(administrator)
    orgs = _outside(Organization, administrator, Organization.objects.filter(
        commune__layout=Layout.Y2025, archived_at__isnull=True)).exclude(
        commune__predecessions__old_unit__path__startswith=administrator.unit.path)
    org = orgs.filter(members__citizen_id__regex=r"^\d{12}$").distinct().order_by("pk").first()
    deployment = _outside(Deployment, administrator).filter(commune=org.commune).order_by("pk").first()
    person = _outside(Person, administrator).filter(commune__layout=Layout.Y2025).order_by("pk").first()
    hidden = Decision.objects.exclude(pk__in=Decision.objects.visible_to(administrator).values("pk"))
    decision = hidden.order_by("pk").first()
    user = User.objects.get(username="tonghopcamau")
    schedule = PeriodicTask.objects.filter(name__contains=user.unit.name).order_by("pk").first()
    candidates = [org.name, org.leader_name, person.full_name, decision.number, user.username,
                  user.get_full_name(), schedule.name]
    for m in org.members.order_by("pk")[:8]:
        candidates += [m.full_name, m.citizen_id]
    member = org.members.exclude(citizen_id="").order_by("pk").first()
    picked = {"org": org.pk, "member": member.pk, "deployment": deployment.pk, "person": person.pk,
              "decision": decision.pk, "user": user.pk, "schedule": schedule.pk,
              "markers": [OTHER_TOKEN, *_markers(candidates, inside)]}
    assert member.citizen_id in picked["markers"] and user.username in picked["markers"], picked["markers"]
    _PICKED[administrator.pk, "elsewhere"] = picked
    return picked


def _elsewhere(administrator: User) -> SimpleNamespace:
    """The picked rows and rows made here under the same foreign commune, each with a history entry."""
    from axes.models import AccessAttempt, AccessFailureLog
    from axes.models import AccessLog as AxesAccessLog
    from django_celery_beat.models import PeriodicTask
    from django_otp.plugins.otp_totp.models import TOTPDevice

    p = _pick_elsewhere(administrator)
    w = SimpleNamespace(markers=p["markers"], schedule=PeriodicTask.objects.get(pk=p["schedule"]))
    for name, model in (("org", Organization), ("member", Member), ("deployment", Deployment),
                        ("person", Person), ("decision", Decision), ("user", User)):
        setattr(w, name, model._base_manager.get(pk=p[name]))
    w.commune = w.org.commune
    w.rating = OrganizationRating.objects.create(organization=w.org, year=2026, rating=Rating.values[0],
                                                 notes=f"Xếp loại {OTHER_TOKEN}")
    # Every officer reads every model and its recognitions (their texts carry no OTHER_TOKEN); the founding
    # unit's scope alone edits them.
    w.model = CrimePreventionModel.objects.create(name="Mô hình của xã ngoài phạm vi", founding_unit=w.commune,
                                                  field=FieldOfWork.objects.order_by("pk").first())
    w.recognition = Recognition.objects.create(model=w.model, level=1, authority="UBND",
                                               decision_number="1/QĐ-UBND", decided_on=date(2026, 1, 5))
    w.result = DeploymentResult.objects.create(deployment=w.deployment, year=2026, value=7,
                                               indicator=ResultIndicator.objects.order_by("pk").first())
    w.report = Report.objects.create(kind="provincial_tally", unit=w.commune, as_of=date(2026, 1, 5),
                                     since=date(2026, 1, 1), until=date(2026, 1, 5),
                                     signer_name=f"Ký {OTHER_TOKEN}")
    w.job = ImportJob.objects.create(registry="organizations", original_name=f"{OTHER_TOKEN}.xlsx",
                                     created_by=w.user, status=ImportJob.Status.DONE, progress=100)
    period = ReportingPeriod(QUARTER, 2025, 4)
    w.submission = Submission.objects.create(commune=w.commune, kind=period.kind, period=period.key,
                                             since=period.since, until=period.until, status=Status.SUBMITTED,
                                             note=f"Ghi chú {OTHER_TOKEN}")
    w.access_log = AccessLog.objects.create(user=w.user, username=w.user.username, action="export",
                                            target=f"Tệp {OTHER_TOKEN}")
    w.device = TOTPDevice.objects.create(user=w.user, name=f"Điện thoại {OTHER_TOKEN}", confirmed=True)
    sign_in = {"username": w.user.username, "ip_address": "10.9.8.7", "user_agent": f"Trình duyệt {OTHER_TOKEN}",
               "path_info": "/tai-khoan/dang-nhap/"}
    w.attempt = AccessAttempt.objects.create(**sign_in, failures_since_start=3, get_data="", post_data="")
    w.sign_in = AxesAccessLog.objects.create(**sign_in)
    w.failure = AccessFailureLog.objects.create(**sign_in)
    for obj in (w.org, w.member, w.deployment, w.person, w.decision):
        obj.save()  # a history entry to open (the demo writes its rows without)
    return w


@pytest.fixture
def as_administrator(client, demo):
    administrator = User.objects.select_related("unit").get(username=ADMINISTRATOR)
    assert administrator.unit is not None and not administrator.sees_everything  # scoped to a province
    client.force_login(administrator)
    verify_second_factor(client, administrator)
    return client, administrator


@pytest.mark.parametrize("pattern", SCOPED_ADMIN_PATTERNS, ids=lambda p: p.key)
def test_the_admin_keeps_a_scoped_administrator_in_scope(as_administrator, made, pattern):
    client, _administrator = as_administrator
    model = _admin_model(pattern)
    kind = _admin_kind(pattern, model)
    w = made["elsewhere"]
    obj = getattr(w, ADMIN_UNIT_MODELS[_label(model)])
    url = admin_url(pattern, obj)
    change_url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_change", args=[obj.pk])
    before = _values(obj)
    response = client.get(url)
    assert leaked(response, w.markers) == [], url
    if kind in ("changelist", "add"):
        assert response.status_code in {200, 403}, (url, response.status_code)
        assert change_url not in response.content.decode(), f"{url} links the foreign row"
        selected = {"action": "delete_selected", "_selected_action": [obj.pk], "post": "yes"}
        if kind == "changelist":
            client.post(url, selected)
    else:
        # Refused: not found, forbidden, or the admin's "does not exist" redirect to its index (the redirect
        # pattern sends to the object's change page, asked for on its own).
        location = response.get("Location", "")
        allowed = {reverse("admin:index"), change_url if kind == "redirect" else None}
        read_by_all = _label(model) in READ_BY_ALL and kind in ("history", "simple_history")
        assert response.status_code in REFUSED or (response.status_code == 302 and location in allowed) or (
            read_by_all and response.status_code == 200), (url, response.status_code, location)
        response = client.post(url, {"post": "yes"})
        assert leaked(response, w.markers) == [], url
    assert _values(obj) == before, f"{url} changed the foreign row"


SHARED_ADMIN_PATTERNS = [p for p in ADMIN_PATTERNS if p.key not in ADMIN_SITE and _admin_model(p) is not None
                         and _label(_admin_model(p)) in ADMIN_NOT_UNIT_DATA]


def _shared_row(model, w):
    """The shared row whose pages could show the foreign place's rows: the kind of its team, the authority and
    form of its decision, its commune, the timing of its schedule, its officer's role…; else any row."""
    from django.contrib.auth.models import Group
    from django_celery_beat.models import CrontabSchedule

    from commendations.models import Authority, CommendationForm
    from geography.models import UnitSuccession
    from organizations.models import OrganizationKind

    rows = {OrganizationKind: w.org.kind, FieldOfWork: w.model.field, ResultIndicator: w.result.indicator,
            Authority: w.decision.authority, CommendationForm: w.decision.form, AdministrativeUnit: w.commune,
            UnitSuccession: UnitSuccession.objects.filter(new_unit=w.commune).order_by("pk").first(),
            CrontabSchedule: w.schedule.crontab, Group: w.user.groups.order_by("pk").first()}
    return rows[model] if model in rows else model._base_manager.order_by("pk").first()


@pytest.mark.parametrize("pattern", SHARED_ADMIN_PATTERNS, ids=lambda p: p.key)
def test_the_admins_shared_rows_show_nothing_of_another_province(as_administrator, made, pattern):
    """The lists, units, roles and timings every province shares: an administrator reads them, and none of
    their pages (a delete page's list of the rows that use an entry, a timing's list of its schedules) shows
    another province's rows."""
    client, _administrator = as_administrator
    w = made["elsewhere"]
    url = admin_url(pattern, _shared_row(_admin_model(pattern), w))
    response = client.get(url)
    assert response.status_code in {200, 302, 403}, (url, response.status_code)
    assert leaked(response, w.markers) == [], url


def test_the_administrators_report_list_shows_her_provinces_schedules_only(as_administrator, made):
    client, _administrator = as_administrator
    schedule = made["elsewhere"].schedule
    page = client.get(reverse("reports:report_list")).content.decode()
    assert schedule.name not in page


# --- Every pattern is walked or skipped ---------------------------------------------------------------------

def test_every_url_pattern_is_walked_or_skipped():
    keys = [p.key for p in PATTERNS]
    assert len(keys) == len(set(keys)), "two URL patterns under one key"
    portal = {p.key for p in PATTERNS if p.namespace != "admin"}
    walked = {case.url for case in CASES} | {name for name, _kwargs, _export in LISTS}
    new = portal - walked - set(SKIPPED)
    assert not new, f"URL patterns neither walked nor skipped (add them to this file): {new}"
    assert not (walked | set(SKIPPED)) - set(keys), "this sweep names URL patterns that no longer exist"
    assert {p.key for p in PATTERNS if p.namespace == "admin"} >= set(ADMIN_SITE)
    for pattern in ADMIN_PATTERNS:
        if pattern.key in ADMIN_SITE:
            continue
        model = _admin_model(pattern)
        assert model is not None, f"an admin page this sweep cannot place: {pattern.key}"
        assert _admin_kind(pattern, model) in ADMIN_KINDS, f"an admin page of a new kind: {pattern.key}"
    registered = {_label(model) for model in admin.site._registry}
    assert registered == set(ADMIN_UNIT_MODELS) | set(ADMIN_NOT_UNIT_DATA), (
        "admin models to classify (ADMIN_UNIT_MODELS or ADMIN_NOT_UNIT_DATA): "
        f"{registered ^ (set(ADMIN_UNIT_MODELS) | set(ADMIN_NOT_UNIT_DATA))}")
    unscoped = {_label(model) for model, model_admin in admin.site._registry.items()
                if _label(model) in ADMIN_UNIT_MODELS and not isinstance(model_admin, ScopedAdminMixin)}
    assert not unscoped, f"admins of a unit's rows without accounts.permissions.ScopedAdminMixin: {unscoped}"
