"""The tally's answer as typed values: every reader (dashboard, PDF, downloads, charts, compare)
reads a figure by its attribute name, and every figure's label is defined once, here.

`Tally.as_dict()` is the JSON an archived report keeps (and hashes); `Tally.from_dict()` reads
it back, also from reports archived before these types existed (the JSON has not changed).
"""

from dataclasses import dataclass, fields
from datetime import datetime
from typing import Any

from django.utils.translation import gettext_lazy as _

from .periods import Period

# The one place a figure's name meets its label (dashboard, PDF tables, XLSX, compare, command).
FIGURE_LABELS = {
    "organizations": _("Tổ chức quần chúng"),
    "members": _("Thành viên"),
    "models": _("Mô hình phòng, chống tội phạm"),
    "models_ministry": _("Mô hình được Bộ Công an công nhận"),
    "models_province": _("Mô hình được công nhận nhân rộng toàn tỉnh"),
    "models_district": _("Mô hình được công nhận cấp huyện"),
    "deployments": _("Nơi triển khai mô hình"),
    "collectives": _("Tập thể được khen thưởng"),
    "individuals": _("Cá nhân được khen thưởng"),
    "director_collectives": _("Tập thể được Giám đốc Công an tỉnh khen thưởng"),
    "director_individuals": _("Cá nhân được Giám đốc Công an tỉnh khen thưởng"),
}
# The figures every child unit (and commune) of the scope carries.
UNIT_METRICS = ("organizations", "members", "models", "deployments", "collectives", "individuals")


@dataclass(frozen=True)
class Figure:
    """A count and the same count for the period of the same length just before."""

    value: int
    previous: int

    @property
    def delta(self) -> int:
        return self.value - self.previous

    def as_dict(self) -> dict:
        return {"value": self.value, "previous": self.previous, "delta": self.delta}

    @classmethod
    def from_dict(cls, data: dict) -> "Figure":
        return cls(value=data["value"], previous=data["previous"])


ZERO = Figure(0, 0)


@dataclass(frozen=True)
class Totals:
    organizations: Figure
    members: Figure
    models: Figure
    models_ministry: Figure
    models_province: Figure
    models_district: Figure
    deployments: Figure
    collectives: Figure
    individuals: Figure
    director_collectives: Figure
    director_individuals: Figure

    def labelled(self) -> list[tuple[str, Any, Figure]]:
        """(name, label, figure) in reading order."""
        return [(f.name, FIGURE_LABELS[f.name], getattr(self, f.name)) for f in fields(self)]

    def as_dict(self) -> dict:
        return {f.name: getattr(self, f.name).as_dict() for f in fields(self)}

    @classmethod
    def from_dict(cls, data: dict) -> "Totals":
        return cls(**{f.name: Figure.from_dict(data[f.name]) if f.name in data else ZERO for f in fields(cls)})


@dataclass(frozen=True)
class Share:
    """One labelled figure of a breakdown: a kind of organization, a field of work, a level."""

    key: int | str
    label: str
    figure: Figure
    level: int | None = None  # recognition levels only: the level's number beside its key

    @property
    def value(self) -> int:
        return self.figure.value

    @property
    def previous(self) -> int:
        return self.figure.previous

    @property
    def delta(self) -> int:
        return self.figure.delta

    def as_dict(self, id_key: str) -> dict:
        head = {"level": self.level, "key": self.key} if id_key == "level" else {id_key: self.key}
        return {**head, "label": self.label, **self.figure.as_dict()}

    @classmethod
    def from_dict(cls, data: dict, id_key: str) -> "Share":
        key = data["key"] if id_key == "level" else data[id_key]
        return cls(key=key, label=data["label"], figure=Figure.from_dict(data), level=data.get("level"))


def _shares(rows: list[Share], id_key: str) -> list[dict]:
    return [row.as_dict(id_key) for row in rows]


def _read_shares(rows: list[dict], id_key: str) -> list[Share]:
    return [Share.from_dict(row, id_key) for row in rows]


def value_of(rows: list[Share], key) -> int:
    return next((row.value for row in rows if row.key == key), 0)


@dataclass(frozen=True)
class Praise:
    """Recipients of one authority, form or kind of commendation."""

    key: int | str
    label: str
    collectives: Figure
    individuals: Figure
    total: Figure

    def as_dict(self, id_key: str) -> dict:
        return {id_key: self.key, "label": self.label, "collectives": self.collectives.as_dict(),
                "individuals": self.individuals.as_dict(), "total": self.total.as_dict()}

    @classmethod
    def from_dict(cls, data: dict, id_key: str) -> "Praise":
        return cls(key=data[id_key], label=data["label"], collectives=Figure.from_dict(data["collectives"]),
                   individuals=Figure.from_dict(data["individuals"]), total=Figure.from_dict(data["total"]))


@dataclass(frozen=True)
class Month:
    month: str  # 2018-07
    label: str  # 07/2018
    collectives: int
    individuals: int


@dataclass(frozen=True)
class Repeated:
    """A person commended more than once in one calendar year."""

    person_id: int
    name: str
    commune_id: int | None
    commune: str
    parent: str
    year: int
    count: int


@dataclass(frozen=True)
class Director:
    authority_id: int
    label: str


@dataclass(frozen=True)
class UnitFigures:
    """A child unit of the scope (or one of its communes, then `child_id` says under which child)."""

    unit_id: int
    code: str
    name: str
    organizations: Figure
    members: Figure
    models: Figure
    deployments: Figure
    collectives: Figure
    individuals: Figure
    level: int | None = None
    layout: str | None = None
    path: str | None = None
    is_commune: bool = False
    child_id: int | None = None
    is_child_row: bool = True

    def as_dict(self) -> dict:
        head = {"unit_id": self.unit_id, "code": self.code, "name": self.name}
        if self.is_child_row:
            head.update(level=self.level, layout=self.layout, path=self.path, is_commune=self.is_commune)
        else:
            head["child_id"] = self.child_id
        return {**head, **{m: getattr(self, m).as_dict() for m in UNIT_METRICS}}

    @classmethod
    def from_dict(cls, data: dict) -> "UnitFigures":
        return cls(unit_id=data["unit_id"], code=data.get("code", ""), name=data["name"],
                   **{m: Figure.from_dict(data[m]) for m in UNIT_METRICS},
                   level=data.get("level"), layout=data.get("layout"), path=data.get("path"),
                   is_commune=data.get("is_commune", False), child_id=data.get("child_id"),
                   is_child_row="child_id" not in data)


@dataclass(frozen=True)
class UnitInfo:
    unit_id: int
    code: str
    name: str
    level: int
    layout: str
    path: str
    is_commune: bool
    full_name: str
    short_name: str

    def as_dict(self) -> dict:
        return {f.name: getattr(self, f.name) for f in fields(self)}

    @classmethod
    def from_dict(cls, data: dict) -> "UnitInfo":
        return cls(**{f.name: data.get(f.name, "") for f in fields(cls)})


@dataclass(frozen=True)
class ByKind:
    by_kind: list[Share]


@dataclass(frozen=True)
class ModelFigures:
    by_level: list[Share]
    by_field: list[Share]


@dataclass(frozen=True)
class CommendationFigures:
    director: Director | None
    by_authority: list[Praise]
    by_form: list[Praise]
    by_kind: list[Praise]
    by_month: list[Month]
    repeated: list[Repeated]

    def as_dict(self) -> dict:
        return {
            "director": vars(self.director).copy() if self.director else None,
            "by_authority": [row.as_dict("authority_id") for row in self.by_authority],
            "by_form": [row.as_dict("form_id") for row in self.by_form],
            "by_kind": [row.as_dict("kind") for row in self.by_kind],
            "by_month": [vars(row).copy() for row in self.by_month],
            "repeated": [vars(row).copy() for row in self.repeated],
        }

    @classmethod
    def from_dict(cls, data: dict) -> "CommendationFigures":
        return cls(
            director=Director(**data["director"]) if data.get("director") else None,
            by_authority=[Praise.from_dict(row, "authority_id") for row in data.get("by_authority", [])],
            by_form=[Praise.from_dict(row, "form_id") for row in data.get("by_form", [])],
            by_kind=[Praise.from_dict(row, "kind") for row in data.get("by_kind", [])],
            by_month=[Month(**row) for row in data.get("by_month", [])],
            repeated=[Repeated(**row) for row in data.get("repeated", [])],
        )


@dataclass(frozen=True)
class Completeness:
    """How many of the unit's communes had submitted / been approved for the Decree 09 period `period` (key)."""

    period: str
    total: int
    submitted: int
    approved: int

    def as_dict(self) -> dict:
        return {"period": self.period, "total": self.total, "submitted": self.submitted, "approved": self.approved}


@dataclass(frozen=True)
class Basis:
    """What the figures are made of: approved figures only (locked, reproducible) or the live records."""

    approved: bool = False
    completeness: Completeness | None = None

    @property
    def label(self) -> str:
        return str(_("Số liệu đã được duyệt") if self.approved else _("Số liệu hiện có (chưa khóa)"))

    def as_dict(self) -> dict:
        return {"approved": self.approved,
                "completeness": self.completeness.as_dict() if self.completeness else None}

    @classmethod
    def from_dict(cls, data: dict | None) -> "Basis":
        if not data:  # reports archived before the reporting chain: live figures
            return cls()
        completeness = data.get("completeness")
        return cls(approved=data["approved"], completeness=Completeness(**completeness) if completeness else None)


@dataclass(frozen=True)
class Tally:
    unit: UnitInfo
    period: Period
    previous_period: Period
    totals: Totals
    organizations: ByKind
    members: ByKind
    models: ModelFigures
    commendations: CommendationFigures
    children: list[UnitFigures]
    communes: list[UnitFigures] | None = None
    layout: str | None = None  # the layout the rows are in (None: a report archived before it was kept)
    basis: Basis = Basis()
    # Not a figure: set when a dashboard shows a kept tally while a worker counts it again (reports/kept.py).
    counted_at: datetime | None = None

    def as_dict(self) -> dict:
        """The JSON-ready figures (what an archived report keeps and hashes)."""
        result = {
            "unit": self.unit.as_dict(),
            "period": self.period.as_dict(),
            "previous_period": self.previous_period.as_dict(),
            "totals": self.totals.as_dict(),
            "organizations": {"by_kind": _shares(self.organizations.by_kind, "kind_id")},
            "members": {"by_kind": _shares(self.members.by_kind, "kind_id")},
            "models": {"by_level": _shares(self.models.by_level, "level"),
                       "by_field": _shares(self.models.by_field, "field_id")},
            "commendations": self.commendations.as_dict(),
            "children": [row.as_dict() for row in self.children],
            "basis": self.basis.as_dict(),
        }
        if self.communes is not None:
            result["communes"] = [row.as_dict() for row in self.communes]
        if self.layout is not None:
            result["layout"] = self.layout
        return result

    @classmethod
    def from_dict(cls, data: dict) -> "Tally":
        communes = data.get("communes")
        return cls(
            unit=UnitInfo.from_dict(data["unit"]),
            period=Period.from_dict(data["period"]),
            previous_period=Period.from_dict(data["previous_period"]),
            totals=Totals.from_dict(data["totals"]),
            organizations=ByKind(_read_shares(data["organizations"]["by_kind"], "kind_id")),
            members=ByKind(_read_shares(data["members"]["by_kind"], "kind_id")),
            models=ModelFigures(by_level=_read_shares(data["models"]["by_level"], "level"),
                                by_field=_read_shares(data["models"]["by_field"], "field_id")),
            commendations=CommendationFigures.from_dict(data["commendations"]),
            children=[UnitFigures.from_dict(row) for row in data["children"]],
            communes=[UnitFigures.from_dict(row) for row in communes] if communes is not None else None,
            layout=data.get("layout"),
            basis=Basis.from_dict(data.get("basis")),
        )
