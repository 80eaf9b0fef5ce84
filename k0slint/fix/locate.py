"""Character offsets to 1-based lines and columns, with line breaks counted as libyaml does."""

from __future__ import annotations

from dataclasses import dataclass

from k0slint.fix.edits import Fix
from k0slint.fix.splice import Layout, SpliceError, splice
from k0slint.yaml.source import LineIndex


@dataclass(frozen=True)
class LocatedEdit:
    """A text edit as lines and columns: replace start..end (end exclusive) by `text`."""

    start_line: int
    start_column: int
    end_line: int
    end_column: int
    text: str


def located_edits(
    fix: Fix, text: str, index: LineIndex | None = None, layout: Layout | None = None
) -> list[LocatedEdit] | None:
    """The text edits of `fix` in `text`, or None where a fix cannot be written there.

    Pass `index` and `layout` when locating many fixes in one text: each costs a pass over it.
    """
    index = index or LineIndex(text)
    layout = layout or Layout.of(text)
    out = []
    try:
        for edit in fix.edits:
            spliced = splice(edit, text, layout)
            start, end = index.position(spliced.start), index.position(spliced.end)
            out.append(LocatedEdit(*start, *end, spliced.text))
    except SpliceError:
        return None
    return out
