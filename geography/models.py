import functools
import operator

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from antq_portal.db import Ids  # with it, the `in_ids` lookup is registered
from antq_portal.recent import Recent
from antq_portal.text import fold

from .triggers import TREE


class Layout(models.TextChoices):
    LEGACY = "legacy", _("Trước 01/07/2025 (3 cấp)")
    Y2025 = "2025", _("Từ 01/07/2025 (2 cấp)")


# How figures may be read (dashboard, report request): in the layout valid on their date (""), or in one asked for.
READING_CHOICES = [
    ("", _("Đơn vị hành chính của ngày số liệu")),
    (Layout.Y2025, _("Xã, phường hiện nay (từ 01/07/2025)")),
    (Layout.LEGACY, _("Đơn vị trước 01/07/2025 (ba cấp)")),
]


NATION_CODE = "VN"  # the code of the unit above the provinces ("Toàn quốc"), in both layouts


class Level(models.IntegerChoices):
    # A level is the unit's depth in its own layout's tree; the code never assumes three.
    NATION = 0, _("Toàn quốc")
    PROVINCE = 1, _("Cấp tỉnh")
    DISTRICT = 2, _("Cấp huyện")
    COMMUNE = 3, _("Cấp xã")


class Kind(models.TextChoices):
    PROVINCE = "tinh", _("Tỉnh")
    CENTRAL_CITY = "tp_tw", _("Thành phố trực thuộc trung ương")
    CITY = "thanh_pho", _("Thành phố")
    TOWN = "thi_xa", _("Thị xã")
    URBAN_DISTRICT = "quan", _("Quận")
    DISTRICT = "huyen", _("Huyện")
    COMMUNE = "xa", _("Xã")
    WARD = "phuong", _("Phường")
    TOWNLET = "thi_tran", _("Thị trấn")
    SPECIAL_ZONE = "dac_khu", _("Đặc khu")
    NATION = "toan_quoc", _("Toàn quốc")


class UnitQuerySet(models.QuerySet):
    def subtree(self, unit: "AdministrativeUnit"):
        """The unit and everything under it: one prefix match on an indexed path."""
        return self.filter(path__startswith=unit.path)

    def children_of(self, unit: "AdministrativeUnit"):
        """The units one level below `unit`. Provinces keep no parent (the top of a province's own
        chain: approvals and reports treat a parentless unit as a province), so the national unit's
        children are its layout's provinces."""
        if unit.level == Level.NATION:
            return self.filter(layout=unit.layout, level=Level.PROVINCE)
        return self.filter(parent=unit)

    def communes(self):
        return self.filter(level=Level.COMMUNE)

    def communes_under(self, unit: "AdministrativeUnit"):
        return self.subtree(unit).communes()

    def rolled_up_under(self, unit: "AdministrativeUnit"):
        """Units whose records count under `unit` (see `rolled_up_ids`)."""
        return self.filter(pk__in_ids=rolled_up_ids(unit))

    def covered_by(self, unit: "AdministrativeUnit"):
        """Units wholly inside `unit`: its subtree and, for a 2025 unit, the old communes that roll up
        into it and every old district or province all of whose communes do (Tỉnh Bạc Liêu for today's
        Tỉnh Cà Mau; for one new ward only the old wards it took in whole). What a scope may name."""
        if unit.layout != Layout.Y2025:
            return self.subtree(unit)
        rolled = AdministrativeUnit.objects.rolled_up_under(unit)
        # Kept on the instance: a page asks for its officer's scope several times (filters, pickers).
        if not hasattr(unit, "_wholly_covered"):
            old = set(rolled.filter(layout=Layout.LEGACY, level=Level.COMMUNE).values_list("path", flat=True))
            unit._wholly_covered = _wholly_covered(old)
        return self.filter(Q(pk__in=rolled.values("pk")) | Q(path__in=unit._wholly_covered))

    def search(self, text: str):
        return self.filter(search_name__contains=fold(text))


def _ancestor_paths(path: str) -> list[str]:
    parts = path.strip("/").split("/")
    return ["/".join(parts[:i]) + "/" for i in range(2, len(parts))]


def _wholly_covered(commune_paths: set[str]) -> list[str]:
    """The ancestors of `commune_paths` (old communes) none of whose communes lies outside the set."""
    ancestors = {a for path in commune_paths for a in _ancestor_paths(path)}
    if not ancestors:
        return []
    roots = {"/".join(a.split("/")[:2]) + "/" for a in ancestors}
    everything = (AdministrativeUnit.objects.filter(level=Level.COMMUNE)
                  .filter(functools.reduce(operator.or_, (Q(path__startswith=r) for r in roots)))
                  .values_list("path", flat=True))
    partial = {a for path in everything if path not in commune_paths for a in _ancestor_paths(path)}
    return sorted(ancestors - partial)


def named(word: str, commune_field: str = "commune") -> Q:
    """THE "this commune is called so" rule for searches: rows whose commune (through `commune_field`;
    "" for units themselves) bears `word` (folded) in its name or in its name in the other layout
    (`other_names`), so "Hộ Phòng" finds records kept under the 2025 ward it became, and the 2025 name
    finds the old ward's records."""
    prefix = f"{commune_field}__" if commune_field else ""
    return Q(**{f"{prefix}search_name__contains": word}) | Q(**{f"{prefix}other_names__contains": word})


def units_named(word: str) -> Ids:
    """The units `named` finds for `word`, as ids (one query)."""
    return Ids(AdministrativeUnit.objects.filter(named(word, "")).values_list("pk", flat=True))


def named_ids(word: str, commune_field: str = "commune", *, units: Ids | None = None) -> Q:
    """`named`, with the units so called resolved to ids first (`units`, when already resolved): a search
    that ORs it with a word in the row's own text can then take each side along an index (the searches'
    trigram indexes) instead of reading every row of the scope to try both."""
    units = units_named(word) if units is None else units
    return Q(**{f"{commune_field}__in_ids": units}) if units else Q(pk__in=[])


def place_names(ids) -> dict[int, str]:
    """"Phường 1, Thành phố Bạc Liêu" for each commune of `ids`, as lists name a row's place (commune names
    repeat across districts): one query for a page's or an export chunk's rows, instead of joining each row
    to its commune and district."""
    lookup = "pk__in_ids" if isinstance(ids, Ids) else "pk__in"
    rows = AdministrativeUnit.objects.filter(**{lookup: ids}).values_list("pk", "name", "parent__name")
    return {pk: place_name(name, parent) for pk, name, parent in rows}


def places_under(unit: "AdministrativeUnit") -> dict[int, str]:
    """`place_names` of every commune an officer of `unit` sees rows in (`rolled_up_ids`), kept with the unit
    tree (whose writes rename them): a list page names its rows' communes without a query."""
    return kept_with_tree(unit, ("places",), lambda: place_names(rolled_up_ids(unit)))


def place_name(commune: str, district: str | None) -> str:
    return f"{commune}, {district}" if district else commune


def refresh_other_names(new_units) -> int:
    """Writes each commune's names in the other layout, for the 2025 communes `new_units` and the old
    communes they were made from (after the loaders record the successions). Returns how many changed."""
    successions = (UnitSuccession.objects.filter(new_unit__in=new_units)
                   .select_related("old_unit__parent", "new_unit__parent"))
    names: dict[int, list[str]] = {}
    units: dict[int, AdministrativeUnit] = {}
    for succession in successions:
        old, new = succession.old_unit, succession.new_unit
        units[old.pk], units[new.pk] = old, new
        names.setdefault(new.pk, []).append(old.name_with_parent())
        if succession.is_default:
            names.setdefault(old.pk, []).append(new.name_with_parent())
    changed = []
    for pk, unit in units.items():
        other = fold(" ; ".join(sorted(set(names.get(pk, [])))))
        if unit.other_names != other:
            unit.other_names = other
            changed.append(unit)
    AdministrativeUnit.objects.bulk_update(changed, ["other_names"], batch_size=1000)
    return len(changed)


def rolled_up_ids(unit: "AdministrativeUnit") -> Ids:
    """THE rollup rule, resolved into ids: the unit's subtree plus, for a unit of the 2025 layout,
    the old communes whose default successor lies in it.

    Resolved once per unit instance (a request reads its user's unit, a tally its unit, many
    times). Every figure then filters on a literal list the planner estimates right; the rule as
    an OR over two outer joins inside each figure's query made it expect 2 communes where there
    were 72 and nested-loop through millions of rows. Across requests, the ids are kept in the
    process under the unit tree's token (`tree_token`), which the database sets anew on every write
    to the units or successions: a national officer's 10,795 units are then one token read, not
    resolved on every page; one query either way.
    """
    return _rolled_up(unit)[1]


def _rolled_up(unit: "AdministrativeUnit") -> tuple[str, Ids, str | None]:
    """(path, ids, the tree's token they were read with) of `unit`, resolved once per instance."""
    cached = getattr(unit, "_rolled_up", None)
    if cached is None or cached[0] != unit.path:
        db = unit._state.db or "default"
        key = (db, unit.pk, unit.path, unit.layout)
        kept = _KEPT_ROLLUPS.get(key)
        seen = unit.__dict__.pop(_SEEN_TOKEN, None)  # the token read with the officer (tree_token_seen)
        if kept is not None and seen == kept[0]:
            token, ids = kept  # the tree unchanged since they were kept: no query
        else:
            token, ids = _resolve(unit, db, kept_under=kept[0] if kept else None)
            if kept is not None and token == kept[0]:
                ids = kept[1]
            elif token:
                _ = ids.runs  # worked out once, kept with the ids
                _KEPT_ROLLUPS.put(key, (token, ids))
        cached = unit._rolled_up = (unit.path, ids, token)
    return cached


def kept_with_tree(unit: "AdministrativeUnit", question: tuple, compute, *, current: bool = False):
    """What `compute()` answers about the units under `unit` (whether a filter's communes are too many to
    list, the tally's rows), kept in the process under the unit tree's token: any write to the units or
    successions sets a new token, and the answer is computed again.

    The token is the one read with the unit's ids (`rolled_up_ids`, no query of its own: right for what a
    request asks of its officer's unit, loaded for that request), or with `current`, the tree's token now
    (one query: for a unit instance that may outlive a change of the tree, a worker's or a test's).
    Without a token (none set yet), computed every time."""
    db = unit._state.db or "default"
    token = tree_token(db) if current else _rolled_up(unit)[2]
    if token is None:
        return compute()
    key = (db, token, unit.pk, question)
    answer = _KEPT_ANSWERS.get(key)
    if answer is None:
        answer = compute()
        _KEPT_ANSWERS.put(key, answer)
    return answer


def _resolve(unit: "AdministrativeUnit", db: str, *, kept_under: str | None) -> tuple[str | None, Ids]:
    """The tree's token and, unless it is still `kept_under`, the unit's ids: one statement, one snapshot
    (the token and the ids it stands for are read together, never a newer tree under an older token)."""
    from django.db import connections

    own = AdministrativeUnit.objects.using(db).filter(path__startswith=unit.path).order_by().values_list("pk", flat=True)
    if unit.layout == Layout.Y2025:
        successors = (UnitSuccession.objects.using(db).filter(is_default=True, new_unit__path__startswith=unit.path)
                      .order_by().values_list("old_unit_id", flat=True))
        own = own.union(successors, all=True)
    # Successions lead into the 2025 layout only: a pre-2025 unit's subtree is all it counts (without the
    # join that found none, half the time of the country's list).
    sql, params = own.query.sql_with_params()
    unless_kept = ""
    if kept_under:
        unless_kept, params = f" WHERE COALESCE(({TREE_TOKEN_SQL}), '') <> %s", [*params, kept_under]
    with connections[db].cursor() as cursor:
        cursor.execute(f"SELECT NULL, token FROM ({TREE_TOKEN_SQL}) t UNION ALL SELECT u.*, NULL FROM ({sql}) u{unless_kept}",
                       params)
        rows = cursor.fetchall()
    token = next((row[1] for row in rows if row[0] is None), None)
    return token, Ids(sorted({row[0] for row in rows if row[0] is not None}), everywhere=unit.level == Level.NATION)


# The units whose ids a process keeps (the officers' units and the dashboards' units it served lately).
_KEPT_ROLLUPS = Recent(size=512)
_KEPT_ANSWERS = Recent(size=2048)  # kept_with_tree's, a few per unit
# The one row the triggers write; also read as a part of another statement (the officer's, accounts.backends).
TREE_TOKEN_SQL = TREE.sql
_SEEN_TOKEN = "_tree_token_seen"


def tree_token_seen(unit: "AdministrativeUnit", token: str | None) -> None:
    """The tree's token read in the same request as `unit` (TREE_TOKEN_SQL, in a statement that reads other
    things): the unit's kept ids, if kept under that token, are then used without a query of their own (a
    different token, or none kept: resolved as always). Every page of an officer resolves their unit."""
    if token is not None:
        unit.__dict__[_SEEN_TOKEN] = token


def tree_token(db: str = "default") -> str | None:
    """The unit tree's current token (geography/triggers.py), None where none is set (never kept then)."""
    from django.db import connections

    with connections[db].cursor() as cursor:
        cursor.execute(TREE_TOKEN_SQL)
        row = cursor.fetchone()
    return row[0] if row else None


def forget_rollup(unit: "AdministrativeUnit") -> None:
    """Drop the resolved ids (after units or successions under `unit` changed)."""
    unit.__dict__.pop("_rolled_up", None)


def under_unit(queryset: models.QuerySet, unit: "AdministrativeUnit", commune_field: str = "commune"):
    """THE "under this unit" rule: rows whose commune (through `commune_field`) counts under `unit`.

    The same rollup as the tally's (`rolled_up_ids`), so a record kept under a pre-2025 commune is
    found under the 2025 commune it became. Scope, list filters and figure links all call this.
    """
    return queryset.filter(**{f"{commune_field}__in_ids": rolled_up_ids(unit)})


class AdministrativeUnit(models.Model):
    code = models.CharField(_("mã đơn vị"), max_length=10)
    name = models.CharField(_("tên"), max_length=120)
    short_name = models.CharField(_("tên ngắn"), max_length=100)
    kind = models.CharField(_("loại"), max_length=12, choices=Kind.choices)
    level = models.PositiveSmallIntegerField(_("cấp"), choices=Level.choices)
    layout = models.CharField(_("hệ thống đơn vị"), max_length=8, choices=Layout.choices)
    parent = models.ForeignKey(
        "self", verbose_name=_("đơn vị cấp trên"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="children",
    )
    # Materialised path ("legacy/95/959/31864/"): a subtree is one indexed prefix query.
    path = models.CharField(_("đường dẫn"), max_length=64, unique=True)
    key = models.CharField(_("khóa so khớp"), max_length=120, editable=False)
    search_name = models.CharField(max_length=200, editable=False)
    # Folded names of the same place in the other layout (the old communes a 2025 commune was made from;
    # the 2025 commune an old one became), kept by the unit loaders: searches match either (`named`).
    other_names = models.TextField(editable=False, default="", blank=True)
    latitude = models.FloatField(_("vĩ độ"), null=True, blank=True)
    longitude = models.FloatField(_("kinh độ"), null=True, blank=True)
    min_latitude = models.FloatField(null=True, blank=True)
    min_longitude = models.FloatField(null=True, blank=True)
    max_latitude = models.FloatField(null=True, blank=True)
    max_longitude = models.FloatField(null=True, blank=True)

    objects = UnitQuerySet.as_manager()

    class Meta:
        verbose_name = _("đơn vị hành chính")
        verbose_name_plural = _("đơn vị hành chính")
        ordering = ["path"]
        constraints = [
            models.UniqueConstraint(fields=["layout", "code"], name="unit_code_unique_per_layout"),
        ]
        indexes = [
            models.Index(fields=["layout", "level"], name="unit_layout_level_idx"),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.search_name = fold(self.name)
        super().save(*args, **kwargs)

    @property
    def is_commune(self) -> bool:
        return self.level == Level.COMMUNE

    def ancestors(self) -> list["AdministrativeUnit"]:
        """From the top (the national unit, where it is loaded) down to this unit, in one query."""
        parts = self.path.strip("/").split("/")
        prefixes = ["/".join(parts[:i]) + "/" for i in range(1, len(parts) + 1)]
        return list(AdministrativeUnit.objects.filter(path__in=prefixes).order_by("level"))

    def full_name(self) -> str:
        """"Phường Hộ Phòng, Thị xã Giá Rai, Tỉnh Bạc Liêu": a province names no country above it."""
        units = [u for u in self.ancestors() if u.level != Level.NATION or u.pk == self.pk]
        return ", ".join(unit.name for unit in reversed(units))

    def successor(self) -> "AdministrativeUnit | None":
        """The 2025 commune an old commune became (the default one if it was divided); None for a
        unit of the 2025 layout or when the new layout is not loaded."""
        if self.layout != Layout.LEGACY or self.level != Level.COMMUNE:
            return None
        return AdministrativeUnit.objects.filter(predecessions__old_unit=self, predecessions__is_default=True).first()

    def predecessors(self):
        """The old communes that became (part of) this 2025 commune."""
        return (AdministrativeUnit.objects.filter(successions__new_unit=self).select_related("parent")
                .distinct().order_by("path"))

    def name_with_parent(self) -> str:
        """"Phường Hộ Phòng, Thị xã Giá Rai": how a commune is told apart from its namesakes."""
        return f"{self.name}, {self.parent.name}" if self.parent_id else self.name

    def place_line(self) -> str:
        """How a record's page names its commune across the 2025 change: "Phường Hộ Phòng, Thị xã Giá
        Rai — nay thuộc Phường Giá Rai, Tỉnh Cà Mau", or "Phường Giá Rai, Tỉnh Cà Mau (trước 01/07/2025:
        Phường 1, Thị xã Giá Rai; …)"."""
        own = self.name_with_parent()
        if self.layout == Layout.LEGACY:
            new = self.successor()
            if new is None:
                return own
            now = new.name_with_parent()
            return gettext("%(old)s — nay thuộc %(new)s") % {"old": own, "new": now}
        if self.level != Level.COMMUNE:
            return own
        olds = [old.name_with_parent() for old in self.predecessors()]
        if not olds:
            return own
        return gettext("%(new)s (trước 01/07/2025: %(old)s)") % {"new": own, "old": "; ".join(olds)}



class UnitSuccession(models.Model):
    """Which 2025 commune an old commune became (a divided one has several; one is default)."""

    old_unit = models.ForeignKey(
        AdministrativeUnit, on_delete=models.CASCADE, related_name="successions",
        verbose_name=_("đơn vị cũ"),
    )
    new_unit = models.ForeignKey(
        AdministrativeUnit, on_delete=models.CASCADE, related_name="predecessions",
        verbose_name=_("đơn vị mới"),
    )
    is_default = models.BooleanField(_("đơn vị kế thừa mặc định"), default=True)

    class Meta:
        verbose_name = _("chuyển đổi đơn vị 2025")
        verbose_name_plural = _("chuyển đổi đơn vị 2025")
        constraints = [
            models.UniqueConstraint(fields=["old_unit", "new_unit"], name="unit_succession_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.old_unit} → {self.new_unit}"


class UnitTreeVersion(models.Model):
    """One row: the unit tree's token, set anew by the database on every write to the units or their
    successions (geography/triggers.py); `rolled_up_ids` keeps resolved ids under it."""

    token = models.CharField(max_length=36)

    def __str__(self) -> str:
        return self.token


class ShapeSource(models.TextChoices):
    BOUNDARY = "boundary", _("Ranh giới chính thức")
    VORONOI = "voronoi", _("Ô Voronoi quanh tâm đơn vị")


class UnitShape(models.Model):
    """A unit's outline for the maps, in WGS84 longitude/latitude (WKT), already simplified for the web.

    Official boundaries (manage.py load_boundaries) are stored once; where a unit has none, its Voronoi
    cell among its siblings is computed and kept here with the fingerprint of the points it was built
    from, so it is rebuilt only when the units change (geography.shapes)."""

    unit = models.OneToOneField(AdministrativeUnit, on_delete=models.CASCADE, primary_key=True,
                                related_name="shape", verbose_name=_("đơn vị"))
    source = models.CharField(_("nguồn"), max_length=10, choices=ShapeSource.choices)
    wkt = models.TextField(_("hình (WKT)"))
    fingerprint = models.CharField(max_length=40, blank=True)

    class Meta:
        verbose_name = _("hình đơn vị")
        verbose_name_plural = _("hình đơn vị")

    def __str__(self) -> str:
        return f"{self.unit} ({self.get_source_display()})"
