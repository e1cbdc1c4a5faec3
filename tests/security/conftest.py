"""One data set for the whole scope-breaking suite, built once per module (not per case).

Three places hold the same records: Phường Hộ Phòng (Giá Rai) inside every persona's scope, Phường 1
(Bạc Liêu city) outside the commune and district officers' scope, and a commune of another province
outside everyone's. Each outside record carries a marker word; no response may show it."""

from dataclasses import dataclass, field
from datetime import UTC, date, datetime

import pytest

from accounts.roles import Role
from accounts.services import officer_create
from geography.loaders import ensure_province
from geography.models import AdministrativeUnit, Kind, Layout, Level

ARCHIVED = datetime(2020, 1, 1, tzinfo=UTC)
PASSWORD = "mat-khau-thu-nghiem-2018"
HOME, CITY, ELSEWHERE = "HOPHONGNHA", "PHUONGMOTKHAC", "TINHKHACXA"
PERSONAS = ("commune", "district", "reporting", "leadership", "administrator")
# Markers a persona must never see: the records of the places outside their scope.
OUTSIDE_MARKERS = {"commune": (CITY, ELSEWHERE), "district": (CITY, ELSEWHERE), "reporting": (ELSEWHERE,),
                   "leadership": (ELSEWHERE,), "administrator": (ELSEWHERE,)}


@dataclass
class Place:
    tag: str
    commune: AdministrativeUnit
    objects: dict = field(default_factory=dict)

    def __getitem__(self, name):
        return self.objects[name]


@dataclass
class World:
    home: Place
    city: Place
    elsewhere: Place
    users: dict
    jobs: dict

    def outside_for(self, persona: str) -> Place:
        return self.city if persona in ("commune", "district") else self.elsewhere


def _other_province() -> AdministrativeUnit:
    def unit(code, name, kind, level, parent, path):
        return AdministrativeUnit.objects.create(code=code, name=name, short_name=name.split(" ", 1)[1], kind=kind,
                                                 level=level, layout=Layout.LEGACY, parent=parent, path=path,
                                                 key=f"k{code}")
    province = unit("99", "Tỉnh Thử Nghiệm", Kind.PROVINCE, Level.PROVINCE, None, "legacy/99/")
    district = unit("999", "Huyện Thử Nghiệm", Kind.DISTRICT, Level.DISTRICT, province, "legacy/99/999/")
    return unit("99999", "Xã Thử Nghiệm", Kind.COMMUNE, Level.COMMUNE, district, "legacy/99/999/99999/")


def _fill(place: Place, officer) -> None:
    from commendations.models import Authority, CommendationForm, Decision, Person, Recipient
    from imports.models import ImportJob
    from models_registry.models import CrimePreventionModel, Deployment, FieldOfWork, Recognition
    from organizations.models import Member, Organization, OrganizationKind
    from reports.models import Report

    tag, commune = place.tag, place.commune
    kind = OrganizationKind.objects.get_or_create(name="Tổ nhân dân tự quản")[0]
    org = Organization.objects.create(name=f"Tổ {tag}", kind=kind, commune=commune, hamlet=f"Ấp {tag}",
                                      leader_name=f"Trưởng {tag}")
    archived = Organization.objects.create(name=f"Tổ cũ {tag}", kind=kind, commune=commune,
                                           archived_at=ARCHIVED)
    member = Member.objects.create(organization=org, full_name=f"Thành viên {tag}", citizen_id="095180001518",
                                   birth_year=1980)
    fieldofwork = FieldOfWork.objects.get_or_create(name="Phòng, chống tội phạm")[0]
    # Models are read by every officer (DESIGN): their names carry no marker, their deployments do.
    model = CrimePreventionModel.objects.create(name=f"Mô hình chung {commune.code}", founding_unit=commune,
                                                field=fieldofwork)
    archived_model = CrimePreventionModel.objects.create(name=f"Mô hình cũ {commune.code}", founding_unit=commune,
                                                         field=fieldofwork, archived_at=ARCHIVED)
    recognition = Recognition.objects.create(model=model, level=1, authority="UBND", decision_number=f"1/{commune.code}",
                                             decided_on=date(2016, 1, 1))
    deployment = Deployment.objects.create(model=model, commune=commune, place=f"Ấp {tag}")
    archived_deployment = Deployment.objects.create(model=model, commune=commune, place=f"Ấp cũ {tag}",
                                                    archived_at=ARCHIVED)
    decision = Decision.objects.create(number=f"1/{tag}", decided_on=date(2018, 5, 10), issuing_unit=commune,
                                       authority=Authority.objects.get_or_create(name="Giám đốc Công an tỉnh")[0],
                                       form=CommendationForm.objects.get_or_create(name="Giấy khen")[0],
                                       kind="dot_xuat", signer=f"Người ký {tag}", reason=f"Lý do {tag}")
    person = Person.objects.create(full_name=f"Người được khen {tag}", commune=commune, birth_year=1970,
                                   identity_key=f"{tag}|{commune.pk}|1970")
    Recipient.objects.create(decision=decision, recipient_type="ca_nhan", person=person, commune=commune)
    report = Report.objects.create(kind="provincial_tally", unit=commune, as_of=date(2018, 7, 11),
                                   since=date(2017, 1, 1), until=date(2018, 7, 11), signer_name=f"Ký {tag}")
    job = ImportJob.objects.create(registry="organizations", original_name=f"{tag}.xlsx", created_by=officer,
                                   status="done", progress=100, errors=[{"row": 2, "column": "Tên", "message": tag}])
    place.objects.update(organization=org, archived_organization=archived, member=member, model=model,
                         archived_model=archived_model, recognition=recognition, deployment=deployment,
                         archived_deployment=archived_deployment, decision=decision, person=person, report=report,
                         job=job)


def _make_world() -> World:
    province = ensure_province("Bạc Liêu")
    units = AdministrativeUnit.objects.subtree(province)
    gia_rai = units.get(name="Thị xã Giá Rai")
    ho_phong = units.get(name="Phường Hộ Phòng", parent=gia_rai)
    phuong_1 = units.get(name="Phường 1", parent__name="Thành phố Bạc Liêu")
    other = _other_province()

    def officer(username, unit, role=Role.DATA_ENTRY):
        return officer_create(username=username, unit=unit, role=role, password=PASSWORD, full_name=username)

    users = {"commune": officer("an_xa", ho_phong), "district": officer("an_huyen", gia_rai),
             "reporting": officer("an_tonghop", province, Role.REPORTING),
             "leadership": officer("an_lanhdao", province, Role.LEADERSHIP),
             "administrator": officer("an_quantri", province, Role.ADMINISTRATOR)}
    users["administrator"].is_superuser = True
    users["administrator"].save()
    home, city, elsewhere = Place(HOME, ho_phong), Place(CITY, phuong_1), Place(ELSEWHERE, other)
    _fill(home, users["commune"])
    _fill(city, officer("an_xa_khac", phuong_1))
    _fill(elsewhere, officer("an_tinh_khac", other.parent.parent, Role.REPORTING))
    from imports.models import ImportJob

    jobs = {persona: ImportJob.objects.create(registry="organizations", original_name="cua-toi.xlsx",
                                              created_by=user, status="done", progress=100)
            for persona, user in users.items()}
    return World(home, city, elsewhere, users, jobs)


def _tear_down() -> None:
    from django.apps import apps

    from accounts.models import User

    # Children before parents; history rows too, so that reused ids show no stranger's history.
    for label in ("commendations.Recipient", "commendations.Person", "commendations.Decision",
                  "models_registry.Recognition", "models_registry.Deployment", "models_registry.CrimePreventionModel",
                  "organizations.Member", "organizations.Organization", "reports.Report", "imports.ImportJob"):
        model = apps.get_model(label)
        model._base_manager.all().delete()
        if hasattr(model, "history"):
            model.history.all().delete()
    User.objects.all().delete()
    for unit in AdministrativeUnit.objects.order_by("-level"):
        unit.delete()


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        built = _make_world()
        try:
            yield built
        finally:
            _tear_down()
