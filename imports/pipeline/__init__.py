"""The one import pipeline: read a file, parse and validate every row, plan, save in one transaction."""

from .core import ImportResult, RowError, analyse, run_import
from .reader import FileRejected

__all__ = ["FileRejected", "ImportResult", "RowError", "analyse", "run_import"]
