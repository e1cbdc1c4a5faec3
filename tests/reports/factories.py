"""Small factories for the registries' records, enough to tally by hand-checkable numbers
(the models registry's own factories serve for models, recognitions and deployments)."""

from datetime import date

import factory

from commendations.models import Authority, CommendationForm, CommendationKind, Decision, Person, Recipient
from organizations.models import Member, Organization, OrganizationKind
from tests.models_registry.factories import CrimePreventionModelFactory as ModelFactory  # noqa: F401
from tests.models_registry.factories import DeploymentFactory, RecognitionFactory  # noqa: F401


class OrganizationKindFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OrganizationKind
        django_get_or_create = ("name",)

    name = "Tổ bảo vệ an ninh, trật tự"


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization

    name = factory.Sequence(lambda n: f"Tổ tự quản số {n}")
    kind = factory.SubFactory(OrganizationKindFactory)
    founded_on = date(2016, 1, 1)


class MemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Member

    organization = factory.SubFactory(OrganizationFactory)
    full_name = factory.Sequence(lambda n: f"Nguyễn Văn Thành {n}")
    joined_on = date(2016, 1, 1)


class AuthorityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Authority
        django_get_or_create = ("name",)

    name = "Giám đốc Công an tỉnh"


class CommendationFormFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CommendationForm
        django_get_or_create = ("name",)

    name = "Giấy khen"


class DecisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Decision

    number = factory.Sequence(lambda n: f"{n}/QĐ-CAT-PV05")
    decided_on = date(2017, 5, 10)
    authority = factory.SubFactory(AuthorityFactory)
    form = factory.SubFactory(CommendationFormFactory)
    kind = CommendationKind.AD_HOC


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    full_name = factory.Sequence(lambda n: f"Phạm Quốc Việt {n}")


class RecipientFactory(factory.django.DjangoModelFactory):
    """An individual by default; pass recipient_type="tap_the", person=None, group_name=… for a collective."""

    class Meta:
        model = Recipient

    decision = factory.SubFactory(DecisionFactory)
    recipient_type = "ca_nhan"
    person = factory.SubFactory(PersonFactory, commune=factory.SelfAttribute("..commune"))
