"""The list filters: also the query-string contract of dashboard links (?commune=…&active_on=2018-07-11)."""

import functools
from datetime import date

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accounts.scope import areas_in_scope, communes_in_scope
from antq_portal.db import Ids
from antq_portal.lists import ListFilterSet
from antq_portal.text import fold
from antq_portal.widgets import DateInput, UnitInput
from geography.lookup import resolve_unit
from geography.models import AdministrativeUnit, Level, kept_with_tree, named, named_ids, units_named

from .models import Member, MemberRole, Organization, OrganizationKind, OrganizationRating, Rating


def unit_option_label(name: str, level: int, parent_id: int | None, parent_name: str | None) -> str:
    """"Phường 1 — Thành phố Bạc Liêu": a unit below the province named with its parent."""
    return name if parent_id is None or level <= Level.PROVINCE else f"{name} — {parent_name}"


class ValueOptions(forms.models.ModelChoiceIterator):
    """A select's options read as values (`fields` after the pk, labelled by `label`), not as model instances
    through a server-side cursor: a province's officer is offered 130 communes and their districts on every
    list page, and building 260 instances was a quarter of the page's time."""

    fields: tuple[str, ...] = ("name",)

    @staticmethod
    def label(*values) -> str:
        return str(values[0])

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        if getattr(self.field, "null_label", None) is not None:  # django-filter's "no value" choice
            yield (self.field.null_value, self.field.null_label)
        for pk, *values in self.queryset.values_list("pk", *self.fields):
            yield forms.models.ModelChoiceIteratorValue(pk, None), self.label(*values)


class UnitOptions(ValueOptions):
    fields = ("name", "level", "parent_id", "parent__name")
    label = staticmethod(unit_option_label)


class KindChoiceField(django_filters.fields.ModelChoiceField):
    """Organization kinds offered by name (as OrganizationKind.__str__ names them), read as values."""

    iterator = ValueOptions


class KindFilter(django_filters.ModelChoiceFilter):
    field_class = KindChoiceField


class CommuneChoiceField(forms.ModelChoiceField):
    """"Phường 1 — Thành phố Bạc Liêu": commune names repeat across districts.

    Where the scope has more units than a select may list (UNIT_SELECT_LIMIT: a national officer's
    10,000 communes), the unit is typed instead (antq_portal.widgets.UnitInput) and read back by the
    one unit parser inside the same scoped queryset; a link's ?commune=<id> still works."""

    iterator = UnitOptions

    def label_from_instance(self, obj) -> str:
        return unit_option_label(obj.name, obj.level, obj.parent_id, obj.parent.name if obj.parent_id else None)

    @property
    def typed(self) -> bool:
        return isinstance(self.widget, UnitInput)

    def to_python(self, value):
        text = str(value).strip() if value not in self.empty_values else ""
        if not self.typed or not text or text.isdigit():
            return super().to_python(value)
        try:
            return resolve_unit(text, within=self.queryset)
        except ValidationError as error:
            raise ValidationError(error.messages[0], code="invalid_choice") from error

    def prepare_value(self, value):
        # Typed: the unit shows as its name with its parent (a link's id too); text that named nothing as typed.
        if not self.typed or value in self.empty_values:
            return super().prepare_value(value)
        if isinstance(value, AdministrativeUnit):
            return value.name_with_parent()
        if str(value).isdigit():
            unit = self.queryset.filter(pk=value).first()
            return unit.name_with_parent() if unit else value
        return value


def _more_than(units, limit: int) -> bool:
    """Whether there are more than `limit` units, counting no further than one past it."""
    return units.order_by()[:limit + 1].count() > limit


def scoped_communes(request):
    if request is None:
        return AdministrativeUnit.objects.none()
    return communes_in_scope(request.user).select_related("parent").order_by("parent__name", "name")


def scoped_districts(request):
    if request is None:
        return AdministrativeUnit.objects.none()
    return areas_in_scope(request.user).select_related("parent")


DATE_WIDGET = DateInput()
UNIT_SELECT_LIMIT = 300  # more units than this in a filter's scope: typed instead of picked from a select


class CommuneFilter(django_filters.ModelChoiceFilter):
    field_class = CommuneChoiceField


def indexed(word: str) -> bool:
    """Whether a trigram index can look `word` up (three letters or more; PostgreSQL's pg_trgm, migration
    organizations 0007): a shorter one, most Vietnamese syllables, is tried on every row of the scope."""
    return len(word) >= 3


class RegistryFilterSet(ListFilterSet):
    """Shared by the organization and member lists; `org` is the path to the Organization."""

    org = ""

    q = django_filters.CharFilter(label=_("Tìm kiếm"), method="filter_q")
    district = CommuneFilter(label=_("Huyện, thị xã, thành phố"), queryset=scoped_districts, method="filter_under")
    commune = CommuneFilter(label=_("Xã, phường, thị trấn"), queryset=scoped_communes, method="filter_under")
    kind = KindFilter(label=_("Loại tổ chức"), queryset=OrganizationKind.objects.all(), method="filter_kind")
    active_on = django_filters.DateFilter(label=_("Đang hoạt động vào ngày"), method="filter_active_on",
                                          widget=DATE_WIDGET)

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        # Choices with a single answer are no choice: a commune officer is shown neither district
        # nor commune, a district officer no district. The filters stay (hidden), so a crafted
        # ?commune= outside the scope is still refused as an invalid choice.
        unit = getattr(getattr(request, "user", None), "unit", None)
        hidden = {Level.NATION: [], Level.PROVINCE: [], Level.DISTRICT: ["district"]}.get(unit.level if unit else Level.PROVINCE,
                                                                        ["district", "commune"])
        for name in hidden:
            self.filters[name].extra["widget"] = forms.HiddenInput
        # Too many to list (a national officer's districts; the communes of the country or of a big
        # province): typed, with suggestions. Counted only where it may be so, and only up to one past
        # the limit (the country's 10,000 communes are not counted to learn that they are more than 300).
        own = unit.level if unit else Level.NATION
        for name, level, may_be_long in (("district", "area", own == Level.NATION),
                                         ("commune", "commune", own <= Level.PROVINCE)):
            if name in hidden or not may_be_long:
                continue
            # The scope's units are composed only when the answer is not kept.
            too_many = functools.partial(lambda name: _more_than(self.filters[name].get_queryset(request),
                                                                 UNIT_SELECT_LIMIT), name)
            # The same answer until the unit tree changes: kept with it, not counted on every page.
            if kept_with_tree(unit, ("too many to list", name, UNIT_SELECT_LIMIT), too_many) if unit else too_many():
                url = f"{reverse('geography:unit_search')}?level={level}"
                self.filters[name].extra["widget"] = UnitInput(url)

    def filter_q(self, queryset, name, value):
        for word in fold(value).split():
            queryset = queryset.filter(self.search_q(word))
        return queryset

    @classmethod
    def search_q(cls, word: str, *, units: Ids | None = None) -> Q:
        """What one folded word of the search box matches (the record pickers search the same way): the
        organization's text, or its commune's name. A word a trigram index serves (`indexed`) finds the
        communes so named first (`units`, when already found), so that the organizations' text is looked
        up in the index; a shorter one is tried on every row of the scope, both ways at once."""
        commune = f"{cls.org}commune"
        named_so = named_ids(word, commune, units=units) if indexed(word) else named(word, commune)
        return Q(**{f"{cls.org}search_text__contains": word}) | named_so

    def filter_under(self, queryset, name, value):
        return queryset.under(value)

    def filter_kind(self, queryset, name, value):
        return queryset.filter(**{f"{self.org}kind": value})

    def filter_active_on(self, queryset, name, value):
        return queryset.active_on(value)

    @property
    def count_day(self) -> date:
        """The date member counts refer to: the chosen "active on" date, else today."""
        data = getattr(self.form, "cleaned_data", None) or {}
        return data.get("active_on") or date.today()


class OrganizationFilterSet(RegistryFilterSet):
    rating = django_filters.ChoiceFilter(label=_("Xếp loại"), choices=Rating.choices, method="filter_rating")
    rating_year = django_filters.NumberFilter(label=_("Năm xếp loại"), method="filter_rating_year")

    class Meta:
        model = Organization
        fields: list[str] = []

    def filter_rating(self, queryset, name, value):
        ratings = OrganizationRating.objects.filter(organization=OuterRef("pk"), rating=value)
        year = self.form.cleaned_data.get("rating_year")
        if year:
            ratings = ratings.filter(year=year)
        return queryset.filter(Exists(ratings))

    def filter_rating_year(self, queryset, name, value):
        if self.form.cleaned_data.get("rating"):
            return queryset  # filter_rating already applied the year
        return queryset.filter(Exists(OrganizationRating.objects.filter(organization=OuterRef("pk"), year=value)))

    def filter_queryset(self, queryset):
        # Sorting by the member count needs it on every row; otherwise the list counts its page's
        # rows only (OrganizationListView.prepare_rows), never the rows a deep page skips.
        if self.data.get("sort", "").removeprefix("-") == "members":
            queryset = queryset.with_member_count(self.count_day)
        return super().filter_queryset(queryset)


class MemberFilterSet(RegistryFilterSet):
    org = "organization__"

    role = django_filters.ChoiceFilter(label=_("Chức danh"), choices=MemberRole.choices)

    class Meta:
        model = Member
        fields: list[str] = []

    # An indexed word found in at most this many organizations finds their members by the organizations' ids
    # (both sides along an index: a word nothing has read the country's 2.7 million members, 1.6 s); a
    # commoner word through the join, where the search's count stops at its floor long before.
    ORGANIZATIONS_BY_ID_UP_TO = 1_000

    @classmethod
    def search_q(cls, word: str, *, units: Ids | None = None) -> Q:
        """A member's own text, or an organization the organization search finds for `word` (same rule)."""
        if not indexed(word):
            return super().search_q(word) | Q(search_text__contains=word)
        units = units_named(word) if units is None else units
        found = list(Organization.objects.filter(OrganizationFilterSet.search_q(word, units=units)).order_by()
                     .values_list("pk", flat=True)[: cls.ORGANIZATIONS_BY_ID_UP_TO + 1])
        if len(found) > cls.ORGANIZATIONS_BY_ID_UP_TO:
            by_organization = super().search_q(word, units=units)
        else:
            by_organization = Q(organization__in_ids=Ids(found)) if found else Q(pk__in=[])
        return by_organization | Q(search_text__contains=word)

    def filter_active_on(self, queryset, name, value):
        # A membership counts on a day when it and its organization are both active then.
        active_orgs = Organization.objects.active_on(value).values("pk")
        return queryset.active_on(value).filter(organization__in=active_orgs)
