"""Text normalisation shared by search, imports and identity matching."""

import re
import unicodedata

_SPACES = re.compile(r"\s+")


def nfc(value: str) -> str:
    """Vietnamese typed on different keyboards (composed or combining marks) compares equal."""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", value or "")).strip()


def fold(value: str) -> str:
    """Lower-case, diacritic-free form: "Phường Hộ Phòng" -> "phuong ho phong".

    Stored beside searchable records so that search ignores diacritics and case on
    SQLite and PostgreSQL alike (neither needs an extension for it).
    """
    text = unicodedata.normalize("NFD", value or "").replace("đ", "d").replace("Đ", "D")
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Mn")
    return _SPACES.sub(" ", text.lower()).strip()
