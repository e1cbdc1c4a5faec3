"""manage.py load_boundaries: official outlines (GeoJSON or zipped Shapefile) matched to units by code,
stored once, and the Voronoi cells of the other communes fitted around them."""

import json
import zipfile
from io import StringIO

import pytest
import shapefile
import shapely
from django.core.management import CommandError, call_command

from geography.models import AdministrativeUnit, Layout, ShapeSource, UnitShape
from geography.shapes import unit_shapes


def _square(unit: AdministrativeUnit, half: float = 0.01) -> shapely.Polygon:
    return shapely.box(unit.longitude - half, unit.latitude - half, unit.longitude + half, unit.latitude + half)


def _run(*args) -> str:
    out = StringIO()
    call_command("load_boundaries", *map(str, args), stdout=out)
    return out.getvalue()


def test_a_geojson_outline_is_stored_and_the_neighbours_cells_fit_around_it(tmp_path, bac_lieu, ho_phong):
    communes = list(AdministrativeUnit.objects.communes_under(bac_lieu).values_list("pk", flat=True))
    unit_shapes(communes)  # cells computed before the outline arrives must not survive it
    outline = _square(ho_phong)
    path = tmp_path / "xa.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"MA_XA": ho_phong.code}, "geometry": shapely.geometry.mapping(outline)},
        {"type": "Feature", "properties": {"MA_XA": "99999"}, "geometry": shapely.geometry.mapping(outline)},
    ]}), encoding="utf-8")

    assert "Đã nạp 1 ranh giới; không khớp mã: 1" in _run(path, "--layout", Layout.LEGACY)

    assert UnitShape.objects.get(unit=ho_phong).source == ShapeSource.BOUNDARY
    shapes = unit_shapes(communes)
    assert shapes[ho_phong.pk].equals_exact(outline, 1e-6)
    for pk, cell in shapes.items():
        if pk != ho_phong.pk:
            assert cell.intersection(outline).area < 1e-9


def test_a_zipped_shapefile_with_numeric_codes(tmp_path, bac_lieu, gia_rai):
    base = tmp_path / "huyen"
    with shapefile.Writer(str(base), shapeType=shapefile.POLYGON) as writer:
        writer.field("MA_HUYEN", "N", 5)
        writer.poly([list(_square(gia_rai, 0.1).exterior.coords)])
        writer.record(int(gia_rai.code))
    archive = tmp_path / "huyen.zip"
    with zipfile.ZipFile(archive, "w") as bundle:
        for suffix in (".shp", ".shx", ".dbf"):
            bundle.write(base.with_suffix(suffix), f"huyen{suffix}")

    _run(archive, "--layout", Layout.LEGACY)

    assert UnitShape.objects.get(unit=gia_rai).source == ShapeSource.BOUNDARY


def test_a_file_in_a_projected_system_is_refused(tmp_path, bac_lieu, ho_phong):
    path = tmp_path / "vn2000.geojson"
    path.write_text(json.dumps({"type": "Feature", "properties": {"code": ho_phong.code}, "geometry":
                                shapely.geometry.mapping(shapely.box(550000, 1010000, 551000, 1011000))}))
    with pytest.raises(CommandError, match="WGS84"):
        _run(path)
    assert not UnitShape.objects.exists()
