"""The record's list of surviving mutants judged equivalent: equivalent.tsv beside this file."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

COLUMNS = ("module", "function", "mutant", "diff", "reason")


@dataclass(frozen=True)
class Equivalent:
    module: str
    function: str
    mutant: str  # mutmut's name, e.g. k0slint.fix.verify.x_same__mutmut_3
    diff: str  # the mutated line
    reason: str


def read_equivalents(path: Path) -> dict[str, Equivalent]:
    """Every row by mutant name; a row that is not five tab-separated fields is an error."""
    rows: dict[str, Equivalent] = {}
    lines = path.read_text(encoding="utf-8").splitlines()
    if not lines or tuple(lines[0].split("\t")) != COLUMNS:
        raise ValueError(f"{path}:1: the header must be {' '.join(COLUMNS)} (tab-separated)")
    for number, line in enumerate(lines[1:], start=2):
        fields = line.split("\t")
        if len(fields) != len(COLUMNS) or not all(field.strip() for field in fields):
            raise ValueError(f"{path}:{number}: expected {len(COLUMNS)} non-empty tab-separated fields")
        entry = Equivalent(*fields)
        if entry.mutant in rows:
            raise ValueError(f"{path}:{number}: {entry.mutant} is listed twice")
        rows[entry.mutant] = entry
    return rows
