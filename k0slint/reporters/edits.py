"""The text edits of each finding's fix, located in its file (for JSON and SARIF)."""

from __future__ import annotations

from collections.abc import Sequence

from k0slint.fix.locate import LocatedEdit, located_edits
from k0slint.fix.splice import Layout
from k0slint.lint.findings import Finding
from k0slint.lint.linter import FileResult
from k0slint.yaml.source import LineIndex


def fix_edits(results: Sequence[FileResult]) -> dict[int, list[LocatedEdit]]:
    """id(finding) -> located text edits, for findings whose fix can be written."""
    out: dict[int, list[LocatedEdit]] = {}
    for result in results:
        if result.source is None:
            continue
        text = result.source.text
        located: tuple[LineIndex, Layout] | None = None
        for finding in result.findings:
            if finding.fix is None:
                continue
            located = located or (LineIndex(text), Layout.of(text))
            edits = located_edits(finding.fix, text, *located)
            if edits is not None:
                out[id(finding)] = edits
    return out


def edits_of(edits: dict[int, list[LocatedEdit]], finding: Finding) -> list[LocatedEdit]:
    return edits.get(id(finding), [])
