"""What a recipient row may link to: a mass-organization member, an organization, a model's deployment.

The picker's search endpoint and the form's "chosen" labels read the same definitions, and both
reach records only through `visible_to` (the one scope helper)."""

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Model, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from antq_portal.text import fold
from geography.models import named
from models_registry.models import Deployment
from organizations.filtersets import MemberFilterSet, OrganizationFilterSet
from organizations.models import Member, Organization

from .models import RecipientType

RESULT_LIMIT = 10
MIN_QUERY_LENGTH = 2


def _place(commune) -> str:
    """"Phường 1, Thành phố Bạc Liêu": commune names repeat across districts."""
    return commune.name_with_parent()


def _member_context(member: Member) -> list[str]:
    year = member.birth_year or (member.birth_date.year if member.birth_date else None)
    born = _("sinh năm %(year)s") % {"year": year} if year else _("không rõ năm sinh")
    return [born, member.organization.name, _place(member.organization.commune)]


def _deployment_name(deployment: Deployment) -> str:
    return f"{deployment.model.name} ({deployment.place})" if deployment.place else deployment.model.name


@dataclass(frozen=True)
class LinkKind:
    slug: str  # in the endpoint's URL
    field: str  # the RecipientForm field it fills
    permission: str  # reading the registry it searches
    scoped: Callable[..., QuerySet]  # user -> records the user may see, with what labels need
    word_q: Callable[[str], Q]  # one folded word -> the records it matches
    order_by: tuple[str, ...]
    name: Callable[[Model], str]
    context: Callable[[Model], list[str]]
    empty_text: str  # lazy, translated when shown
    fill: Callable[[Model], dict]  # what choosing it writes into the row's empty boxes

    def search(self, user, text: str) -> QuerySet:
        """Every word (diacritics and case ignored) must match, as in the registry lists."""
        queryset = self.scoped(user)
        for word in fold(text).split():
            queryset = queryset.filter(self.word_q(word))
        return queryset.order_by(*self.order_by)

    def label(self, obj: Model) -> str:
        return " — ".join([self.name(obj), *self.context(obj)])


LINKS = {link.slug: link for link in (
    LinkKind(
        slug="thanh-vien", field="member", permission="organizations.view_member",
        scoped=lambda user: Member.objects.visible_to(user).select_related("organization__commune__parent"),
        word_q=MemberFilterSet.search_q,  # as the member list searches
        order_by=("full_name", "organization__name", "pk"),
        name=lambda member: member.full_name, context=_member_context,
        empty_text=_("Không tìm thấy thành viên nào trong phạm vi của bạn."),
        fill=lambda member: {"recipient_type": RecipientType.INDIVIDUAL.value, "full_name": member.full_name,
                             "birth_year": member.birth_year or (member.birth_date.year if member.birth_date else ""),
                             "commune": member.organization.commune_id},
    ),
    LinkKind(
        slug="to-chuc", field="organization", permission="organizations.view_organization",
        scoped=lambda user: Organization.objects.visible_to(user).select_related("kind", "commune__parent"),
        word_q=OrganizationFilterSet.search_q,  # as the organization list searches
        order_by=("name", "commune__path", "pk"),
        name=lambda org: org.name, context=lambda org: [org.kind.name, _place(org.commune)],
        empty_text=_("Không tìm thấy tổ chức nào trong phạm vi của bạn."),
        fill=lambda org: {"recipient_type": RecipientType.COLLECTIVE.value, "commune": org.commune_id},
    ),
    LinkKind(
        slug="noi-trien-khai", field="deployment", permission="models_registry.view_deployment",
        scoped=lambda user: Deployment.objects.visible_to(user).select_related("model", "commune__parent"),
        word_q=lambda word: Q(model__search_text__contains=word) | named(word),
        order_by=("model__name", "commune__path", "place", "pk"),
        name=_deployment_name, context=lambda deployment: [_place(deployment.commune)],
        empty_text=_("Không tìm thấy nơi triển khai mô hình nào trong phạm vi của bạn."),
        fill=lambda deployment: {"recipient_type": RecipientType.COLLECTIVE.value, "commune": deployment.commune_id},
    ),
)}
LINK_BY_FIELD = {link.field: link for link in LINKS.values()}


def _pk(value) -> int | None:
    if isinstance(value, Model):
        return value.pk
    try:
        return int(str(value).strip())
    except (TypeError, ValueError):
        return None


class LinkLabels:
    """The labels of the records a whole formset links to.

    Rows say which IDs they hold as they are built; the first label asked for reads them all, one
    query per kind, so a form with fifty rows costs what a form with one does. A record the user
    may not see has no label, whatever ID a forged POST carries."""

    def __init__(self, user):
        self.user = user
        self._wanted: dict[str, set[int]] = defaultdict(set)
        self._read: dict[str, set[int]] = defaultdict(set)
        self._labels: dict[str, dict[int, str]] = defaultdict(dict)

    def want(self, field: str, value) -> None:
        pk = _pk(value)
        if pk is not None:
            self._wanted[field].add(pk)

    def label(self, field: str, value) -> str | None:
        pk = _pk(value)
        if pk is None:
            return None
        self.want(field, pk)
        missing = self._wanted[field] - self._read[field]
        if missing:
            link = LINK_BY_FIELD[field]
            for obj in link.scoped(self.user).filter(pk__in=missing):
                self._labels[field][obj.pk] = link.label(obj)
            self._read[field] |= missing
        return self._labels[field].get(pk)
