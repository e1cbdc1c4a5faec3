"""English is available through Django's i18n: every string the interface marks for translation has its
English in locale/en (a string added without it shows in Vietnamese on an English page)."""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

PO = Path("locale/en/LC_MESSAGES/django.po")
_ENTRY = re.compile(r'^msgid ((?:".*"\n)+)(?:msgid_plural (?:".*"\n)+)?((?:msgstr(?:\[\d\])? (?:".*"\n)+)+)', re.M)


def _text(quoted: str) -> str:
    return "".join(re.findall(r'"(.*)"', quoted))


def translations(path: Path) -> dict[str, str]:
    """msgid → its English ("" where none, or only a fuzzy guess)."""
    found = {}
    for block in path.read_text(encoding="utf-8").split("\n\n"):
        if block.lstrip().startswith("#~"):
            continue  # obsolete
        match = _ENTRY.search(block + "\n")
        if match and _text(match.group(1)):
            fuzzy = re.search(r"^#,.*\bfuzzy\b", block, re.M)
            found[_text(match.group(1))] = "" if fuzzy else _text(match.group(2))
    return found


@pytest.mark.skipif(shutil.which("xgettext") is None, reason="GNU gettext (Debian's gettext) is not installed")
def test_every_string_marked_for_translation_has_its_english(tmp_path):
    root = Path(settings.BASE_DIR)
    copy = tmp_path / "src"
    shutil.copytree(root, copy, ignore=shutil.ignore_patterns(
        ".*", "build", "var", "test-artifacts", "tests", "bench", "static", "staticfiles", "media", "*.egg-info",
        "__pycache__", "*.mo"))
    (copy / PO).unlink()
    subprocess.run([sys.executable, "manage.py", "makemessages", "-l", "en", "--no-location"], cwd=copy,
                   check=True, capture_output=True)
    kept = translations(root / PO)
    missing = sorted(msgid for msgid in translations(copy / PO) if not kept.get(msgid))
    assert not missing, f"strings without English in {PO} (run `make messages`, then translate): {missing}"


def test_no_translation_function_goes_by_a_name_makemessages_cannot_see():
    """makemessages (xgettext) finds strings by the functions' own names and `_`: "Quý" and "6 tháng" of the
    period kinds, marked with `_lazy(…)`, were never extracted and stayed Vietnamese on English pages."""
    root = Path(settings.BASE_DIR)
    aliased = re.compile(r"from django\.utils\.translation import .*\b(\w*gettext\w*) as (?!_\b)(\w+)")
    found = [f"{path.relative_to(root)}: {match.group(0)}"
             for path in root.rglob("*.py") if not {".venv", "tests", "build"} & set(path.relative_to(root).parts)
             for match in aliased.finditer(path.read_text(encoding="utf-8"))]
    assert not found, found


def test_no_string_is_translated_once_at_import():
    """A module-level `gettext(…)` (a label table, a class attribute) runs once, when the module is imported, in
    the default language: the reporting overview's "Tất cả xã" stayed Vietnamese on English pages. Lazily there."""
    import ast

    root = Path(settings.BASE_DIR)
    found = []
    for path in root.rglob("*.py"):
        if {".venv", "tests", "build", "migrations"} & set(path.relative_to(root).parts):
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        eager = {alias.asname or alias.name for node in tree.body if isinstance(node, ast.ImportFrom)
                 and node.module == "django.utils.translation" for alias in node.names
                 if alias.name in ("gettext", "ngettext", "pgettext", "npgettext")}
        at_import = [statement for node in tree.body if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
                     for statement in (node.body if isinstance(node, ast.ClassDef) else [node])
                     if not isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef))]
        found += [f"{path.relative_to(root)}:{call.lineno}" for statement in at_import for call in ast.walk(statement)
                  if isinstance(call, ast.Call) and isinstance(call.func, ast.Name) and call.func.id in eager]
    assert not found, f"translated at import (use gettext_lazy): {found}"
