"""The one list framework: a filtered, sorted, paginated list that exports exactly what it shows.

Each registry declares its `Table` (columns, sort keys, default order) in `<app>/tables.py` next to
its FilterSet; `RegistryListView` binds the FilterSet to the query string (always, even when it
is empty), sorts, paginates and, on `?export=xlsx|csv`, writes the same filtered, sorted rows in the
same columns through `antq_portal.exports.export_response`. One query-string convention everywhere:
`?sort=key` / `?sort=-key`, `?page=`, `?export=`, plus the FilterSet's own filters.
"""

import hashlib
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import partial
from html import escape
from typing import Any
from urllib.parse import urlencode

import django_filters
from django.core.exceptions import EmptyResultSet
from django.core.paginator import EmptyPage, InvalidPage, Page, Paginator
from django.db import connections
from django.db.models import F, QuerySet
from django.utils.formats import localize
from django.utils.functional import cached_property
from django.utils.safestring import SafeData, SafeString, mark_safe
from django.utils.timezone import template_localtime
from django.views.generic import ListView

from antq_portal.exports import export_response

EXPORT_FORMATS = ("xlsx", "csv")
SORT, EXPORT = "sort", "export"


class _OwnFields(dict):
    """The fields of a filterset's form class, made for it alone (`ListFilterSet`): deep-copied, they are the same."""

    def __deepcopy__(self, memo):
        return dict(self)


class ListFilterSet(django_filters.FilterSet):
    """The base of every list's filters. Its form takes the fields its filters made as they are: the filterset
    copies its filters for each request and each filter makes its own field, so the deep copy Django's forms
    make of a class's fields (shared, in a declared form) copied them a second time (0.3 ms of a list page)."""

    def get_form_class(self):
        form_class = super().get_form_class()
        form_class.base_fields = _OwnFields(form_class.base_fields)
        return form_class


@dataclass(frozen=True)
class Column:
    """One column of a list: its header, its cell value (HTML table and export alike) and sort key.

    `label` is a (lazy) string or a function of the view, for headers that name a date.
    `value(row, view)` gives the exported cell and, written as text (`cell_text`), the HTML cell of a list
    whose template writes its cells with `{% list_cells row %}`; `html(row, view)`, safe HTML, gives an HTML
    cell that is more than its value (a link). `sort` is the ordering expression, None when the column
    does not sort.
    """

    key: str
    label: Any
    value: Callable[[Any, Any], Any]
    sort: str | None = None
    numeric: bool = False
    html: Callable[[Any, Any], str] | None = None

    def header(self, view) -> str:
        return str(self.label(view) if callable(self.label) else self.label)

    def cell(self, row, view) -> str:
        """The HTML table's cell, <td> and all."""
        content = self.html(row, view) if self.html else cell_text(self.value(row, view))
        return f'<td class="num">{content}</td>' if self.numeric else f"<td>{content}</td>"


def cell_text(value) -> SafeString | str:
    """A value as a template writes it (`{{ value }}`: escaped, a number 4.354), a date as dd/mm/yyyy
    (`|date:"d/m/Y"`), nothing for None."""
    if value is None:
        return ""
    if isinstance(value, date):
        if isinstance(value, datetime):
            value = template_localtime(value)
        return f"{value.day:02d}/{value.month:02d}/{value.year:04d}"
    if isinstance(value, SafeData):
        return value
    return escape(value if isinstance(value, str) else str(localize(value)))


def cells(view, row) -> SafeString:
    """A row's HTML cells in the order of its table's columns (and headers): a template's {% list_cells %}.
    Written here rather than by a dozen template nodes per row: 50 rows took a third of a list page."""
    return mark_safe("".join(column.cell(row, view) for column in view.table.columns))


def rows(view, objects) -> SafeString:
    """A page's rows, `<tr>` and cells (`cells`): a template's {% list_rows %}, for a list whose rows are their
    cells alone. A template loop of 50 rows cost a list page 0.8 ms of its 12."""
    return mark_safe("".join(f"<tr>{cells(view, row)}</tr>\n" for row in objects))


@dataclass(frozen=True)
class Table:
    columns: tuple[Column, ...]
    default_sort: tuple[str, ...]  # ordering expressions when no valid ?sort= is given
    noun: Any  # what the total counts: "tổ chức" in "Tìm thấy 4.354 tổ chức"
    filename: str  # of the export, without extension
    tie_break: tuple[str, ...] = field(default=())  # after a clicked sort, before the pk
    # The fields its rows are read with (`QuerySet.only`), pages and exports alike: what the columns show and the
    # view checks (a row's commune). Empty: every field. A page's 50 organizations built from 11 columns instead
    # of 21 and their kinds from one: 1.6 ms instead of 2.9. A column reading a field left out costs a query
    # per row, which the lists' pinned query counts catch.
    reads: tuple[str, ...] = field(default=())

    def column(self, key: str) -> Column | None:
        return next((c for c in self.columns if c.key == key and c.sort), None)

    def order(self, queryset: QuerySet, sort: str) -> QuerySet:
        """Sort by a column (missing values last both ways; SQLite and PostgreSQL disagree otherwise),
        ties broken by the table's own keys and the pk so that pages never overlap."""
        column = self.column(sort.removeprefix("-"))
        if column is None:
            return queryset.order_by(*self.default_sort, "pk")
        expression = F(column.sort)
        expression = expression.desc(nulls_last=True) if sort.startswith("-") else expression.asc(nulls_last=True)
        return queryset.order_by(expression, *self.tie_break, "pk")


class ListPaginator(Paginator):
    """Pages of a list at national scale.

    The total is counted exactly up to EXACT_UP_TO rows (a count that stops there, so every figure
    a province's dashboard links to opens a list of exactly that many); above that, on PostgreSQL,
    the planner's estimate is shown as "khoảng …" (counting 2.7 million members exactly costs a
    second; the estimate, a plan). A page reads its rows' ids first, in the list's order and with
    only the columns the filters and the order need (an index walk), then those rows with what they
    show: page 500 does not join 25,000 skipped rows. A page past the end shows the last page.

    A list narrowed by words typed in its search box (`searched`) is counted exactly up to
    SEARCHED_EXACT_UP_TO matches, on every database; beyond, "hơn 1.000": no plan estimates how many
    rows a word matches, and counting 100,000 matches of "số 12" reads the country's every
    organization (0.3 s) for a figure nobody pages through.
    """

    EXACT_UP_TO = 100_000
    SEARCHED_EXACT_UP_TO = 1_000
    # A plan expecting this many times EXACT_UP_TO rows is not counted even up to the cap: the capped count
    # of the country's 705,000 organizations reads 100,001 rows to learn what the plan already says.
    PLAINLY_ABOVE = 3

    def __init__(self, *args, searched: bool = False, keep: Callable | None = None, rows: Callable | None = None,
                 values: tuple | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.searched = searched
        self.keep = keep
        # How a page's rows are read by their ids: rows(queryset, ids, values).
        self.rows = rows or (lambda queryset, ids, values: rows_of(queryset, ids))
        # (what they depend on besides the list's SQL, a function of a page's ids giving {attribute: [a value
        # per id]}): values shown on each row (an organization's member count) kept with a kept page's ids.
        self.values = values

    @cached_property
    def count(self) -> int:
        """The total, kept across requests where the list gives `keep` (`_kept`)."""
        if self.keep is None:
            return self._count()
        self._kept()
        return self.__dict__["count"]

    def _kept(self, number: int | None = None) -> dict | None:
        """The total, and page `number`'s ids and values (`_page_kept`) when asked, kept across requests:
        `keep({question: compute})` (the registry lists: reports.kept.kept_many, read in one query while no row
        under the officer's unit was written since). Page 500's ids are an index walk over the 25,000 rows before it; kept, a read.
        Each is kept under the question it answers: the list's SQL (its filters, the officer's scope, its order:
        a list sorted anew is counted once more), and for the ids the page size and number."""
        try:  # the SQL of the ids in the list's order: the total's question too (composing SQL costs 0.3 ms)
            ordered = self.object_list.values("pk").query.sql_with_params()
        except EmptyResultSet:
            self.__dict__.setdefault("count", 0)
            return {"ids": [], "values": {}}
        total = _question(ordered, self.searched, self.EXACT_UP_TO, self.SEARCHED_EXACT_UP_TO, self.PLAINLY_ABOVE)
        asked = {}
        if "count" not in self.__dict__:
            asked[total] = lambda: {"count": self._count(), "estimated": self.estimated, "at_least": self.at_least}
        page = _question(ordered, self.per_page, number, self.values and self.values[0]) if number else None
        if page:
            asked[page] = partial(self._page_kept, number)
        kept = self.keep(asked) if asked else {}
        if total in kept:
            self.estimated, self.at_least = kept[total]["estimated"], kept[total]["at_least"]
            self.__dict__["count"] = kept[total]["count"]
        return kept[page] if page else None

    def _page_kept(self, number: int) -> dict:
        """What a kept page keeps: its ids and the values its rows show (`values`)."""
        ids = self._ids(number)
        return {"ids": ids, "values": self.values[1](ids) if self.values and ids else {}}

    def _count(self) -> int:
        queryset = self.object_list.order_by()
        if self.searched:
            exact = queryset[: self.SEARCHED_EXACT_UP_TO + 1].count()
            self.at_least = exact > self.SEARCHED_EXACT_UP_TO  # "hơn 1.000": a floor, not a count
            return exact  # past the floor, 1,001: there is a page after the 1,000th match
        planned = _planned_rows(queryset) if connections[queryset.db].vendor == "postgresql" else None
        if planned is None or planned <= self.PLAINLY_ABOVE * self.EXACT_UP_TO:
            exact = queryset[: self.EXACT_UP_TO + 1].count()
            if exact <= self.EXACT_UP_TO or planned is None:
                self.estimated = False
                return exact if exact <= self.EXACT_UP_TO else queryset.count()
        self.estimated = True  # to the thousand: "khoảng 705.000"
        return max(self.EXACT_UP_TO + 1, round(planned, -3))

    estimated = at_least = False

    @property
    def open_ended(self) -> bool:
        """Whether rows may lie past the total shown (estimated, or a search counted only so far)."""
        return self.estimated or self.at_least

    def validate_number(self, number):
        if not self.count or not self.open_ended:
            try:
                return super().validate_number(number)
            except EmptyPage:  # a page past the end (an old bookmark, rows since removed): the last page
                if int(number) > self.num_pages:
                    return self.num_pages
                raise
        try:  # an estimated or floored total may fall short of the real one: a page past it is read, maybe empty
            number = int(number)
        except (TypeError, ValueError) as error:
            raise InvalidPage(str(error)) from error
        if number < 1:
            raise InvalidPage("That page number is less than 1")
        return number

    def page(self, number) -> Page:
        asked = _page_number(number) if self.keep is not None else None
        kept = self._kept(asked) if asked else None  # the total read with the page's ids, in one query
        number = self.validate_number(number)
        if number != asked:
            kept = self._kept(number) if self.keep is not None else None
        ids, values = (kept["ids"], kept["values"]) if kept else (self._ids(number), None)
        rows = {row.pk: row for row in self.rows(self.object_list, ids, values)} if ids else {}
        for name, column in (values or {}).items():  # the kept values, in the order of the ids
            for pk, value in zip(ids, column, strict=True):
                if pk in rows:
                    setattr(rows[pk], name, value)
        return self._get_page([rows[pk] for pk in ids if pk in rows], number, self)

    def _ids(self, number: int) -> list:
        bottom = (number - 1) * self.per_page
        return list(self.object_list.values_list("pk", flat=True)[bottom: bottom + self.per_page])


def _question(*parts) -> str:
    return hashlib.sha256(repr(parts).encode()).hexdigest()


def _page_number(number) -> int | None:
    """A page number as asked (?page=500), or None for anything validate_number would refuse or change."""
    try:
        number = int(number)
    except (TypeError, ValueError):
        return None
    return number if number >= 1 else None


def rows_of(queryset: QuerySet, ids: list) -> QuerySet:
    """The rows of `ids`, which `queryset` has just given (its filters and the officer's scope already applied),
    with what they show (select_related, deferred fields, prefetches). Looked up by primary key alone: the
    filters again cost PostgreSQL more to plan than to run (a searched member page: 10 ms planning a 1 ms
    read). A queryset with annotations keeps its filters, which an annotation may count through."""
    if queryset.query.annotations:
        return queryset.order_by().filter(pk__in=ids)
    rows = queryset.model._base_manager.using(queryset.db).filter(pk__in=ids).order_by()  # the page orders them
    rows.query.select_related = queryset.query.select_related
    rows.query.deferred_loading = queryset.query.deferred_loading
    return rows.prefetch_related(*queryset._prefetch_related_lookups)


def _planned_rows(queryset: QuerySet) -> int:
    try:
        sql, params = queryset.values("pk").query.sql_with_params()
    except EmptyResultSet:  # a filter that can match nothing (none(), an empty scope): no rows, no plan
        return 0
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}", params)
        plan = cursor.fetchone()[0]
    plan = json.loads(plan) if isinstance(plan, str) else plan
    return int(plan[0]["Plan"]["Plan Rows"])


class RegistryListView(ListView):
    """The base of every list. Subclasses give `filterset_class`, `table` and `base_queryset()`."""

    filterset_class = None
    table: Table
    paginate_by = 50
    paginator_class = ListPaginator
    export_chunk = 2000
    kept: tuple[str, ...] = ()  # query parameters besides the filters that filtering keeps (archived=1)

    def base_queryset(self) -> QuerySet:
        raise NotImplementedError

    def get_filterset(self):
        return self.filterset_class(self.request.GET, queryset=self.base_queryset(), request=self.request)

    @property
    def sort(self) -> str:
        value = self.request.GET.get(SORT, "")
        return value if self.table.column(value.removeprefix("-")) else ""

    def get_queryset(self):
        self.filterset = self.get_filterset()
        # An invalid filter (a commune outside the scope, a bad date) shows nothing, never everything;
        # unsorted, as a sort key may name an annotation that only the filtering adds.
        if not self.filterset.is_valid():
            return self.filterset.queryset.none()
        queryset = self.table.order(self.filterset.qs, self.sort)
        return queryset.only(*self.table.reads) if self.table.reads else queryset

    @property
    def kept_params(self) -> list[tuple[str, str]]:
        """What the filter form carries along: the sort and the list's own switches."""
        params = [(key, self.request.GET[key]) for key in self.kept if self.request.GET.get(key)]
        return [(SORT, self.sort)] + params if self.sort else params

    @property
    def reset_query(self) -> str:
        return urlencode([(key, value) for key, value in self.kept_params if key != SORT])

    def prepare_rows(self, rows: list) -> list:
        """Per-row extras computed for the rows shown (the page, or an export chunk) only."""
        return rows

    def get(self, request, *args, **kwargs):
        fmt = request.GET.get(EXPORT)
        if fmt in EXPORT_FORMATS:
            return export_response(fmt, self.table.filename, self.export_headers(), self.export_rows(),
                                   request=request)
        return super().get(request, *args, **kwargs)

    def export_headers(self) -> list[str]:
        if not hasattr(self, "filterset"):
            self.object_list = self.get_queryset()
        return [column.header(self) for column in self.table.columns]

    def export_rows(self) -> Iterable[list]:
        chunk: list = []
        for obj in self.object_list.iterator(chunk_size=self.export_chunk):
            chunk.append(obj)
            if len(chunk) == self.export_chunk:
                yield from self._cells(chunk)
                chunk = []
        yield from self._cells(chunk)

    def _cells(self, chunk: list) -> Iterable[list]:
        for obj in self.prepare_rows(chunk):
            yield [column.value(obj, self) for column in self.table.columns]

    @property
    def searched(self) -> bool:
        """Whether words were typed in the list's search box (its filter `q`): counted up to a floor."""
        return self.filterset.is_valid() and bool((self.filterset.form.cleaned_data.get("q") or "").strip())

    def count_keeper(self) -> Callable | None:
        """How the list's total may be kept across requests (`ListPaginator.count`); None: counted each time."""
        return None

    def page_rows(self, queryset: QuerySet, ids: list, values: dict | None = None) -> QuerySet:
        """A page's rows, read by their ids (`rows_of`); a list may read more with them in the same query.
        `values`: those of `page_values` kept with the page (None when not kept), set on the rows once read."""
        return rows_of(queryset, ids)

    def page_values(self) -> tuple[Any, Callable[[list], dict]] | None:
        """Values a page shows on each row that may be kept with its ids while its total is (`count_keeper`):
        (what they depend on besides the list's SQL, a function of a page's ids giving {attribute: [a value per
        id]}). None: nothing besides the ids."""
        return None

    def get_paginator(self, *args, **kwargs):
        return super().get_paginator(*args, searched=self.searched, keep=self.count_keeper(), rows=self.page_rows,
                                     values=self.page_values(), **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["object_list"] = self.prepare_rows(list(context["object_list"]))
        paginator = context.get("paginator")
        context.update(
            filterset=self.filterset, filter=self.filterset, table=self.table, view=self, sort=self.sort,
            total=paginator.count if paginator else len(context["object_list"]),
            total_estimated=getattr(paginator, "estimated", False),
            total_at_least=paginator.SEARCHED_EXACT_UP_TO if getattr(paginator, "at_least", False) else None,
        )
        return context


def headers(view, sort: str) -> list[dict]:
    """The header cells of a list: label, the link that sorts by it and its aria-sort state."""
    params = view.request.GET.copy()
    for key in ("page", EXPORT):
        params.pop(key, None)
    cells = []
    for column in view.table.columns:
        cell = {"label": column.header(view), "numeric": column.numeric, "url": None, "state": None}
        if column.sort:
            ascending, descending = sort == column.key, sort == f"-{column.key}"
            params[SORT] = f"-{column.key}" if ascending else column.key
            cell.update(url=f"?{params.urlencode()}",
                        state="ascending" if ascending else "descending" if descending else None)
        cells.append(cell)
    return cells
