from datetime import date

import factory

from models_registry.models import (
    CrimePreventionModel,
    Deployment,
    FieldOfWork,
    Recognition,
    RecognitionLevel,
)
from organizations.models import Organization, OrganizationKind


def field(name: str = "Phòng, chống tội phạm") -> FieldOfWork:
    # The managed list is seeded by a data migration.
    return FieldOfWork.objects.get(name=name)


class CrimePreventionModelFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CrimePreventionModel

    name = factory.Sequence(lambda n: f"Mô hình thử nghiệm {n}")
    field = factory.LazyFunction(field)
    founded_on = date(2015, 1, 1)


class RecognitionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Recognition

    level = RecognitionLevel.PROVINCE
    authority = "UBND tỉnh Bạc Liêu"
    decision_number = factory.Sequence(lambda n: f"{n + 1}/QĐ-UBND")
    decided_on = date(2016, 1, 1)


class DeploymentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Deployment

    model = factory.SubFactory(CrimePreventionModelFactory)
    started_on = date(2016, 1, 1)


def organization(name: str, commune) -> Organization:
    kind, _ = OrganizationKind.objects.get_or_create(name="Tổ tự quản về ANTT")
    return Organization.objects.create(name=name, kind=kind, commune=commune)
