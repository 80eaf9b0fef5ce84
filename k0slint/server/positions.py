"""Between k0slint's positions (1-based lines and columns as libyaml counts them, in
characters) and the protocol's (0-based lines split at CR, LF and CR LF only, columns in the
code units of the negotiated position encoding: UTF-16 unless the client offers another)."""

from __future__ import annotations

import bisect
import re

from lsprotocol import types

from k0slint.yaml.source import LineIndex

_LSP_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def _units(text: str, encoding: str) -> int:
    if encoding == types.PositionEncodingKind.Utf8:
        return len(text.encode("utf-8"))
    if encoding == types.PositionEncodingKind.Utf32:
        return len(text)
    return len(text.encode("utf-16-le")) // 2


class TextPositions:
    """Positions in one text, both ways."""

    def __init__(self, text: str, encoding: str = types.PositionEncodingKind.Utf16) -> None:
        self.text = text
        self.encoding = encoding
        self.yaml_lines = LineIndex(text)
        self.lsp_starts = [0, *(match.end() for match in _LSP_LINE_BREAK.finditer(text))]

    def offset(self, line: int, column: int) -> int:
        """The character offset of a 1-based libyaml line and column."""
        starts = self.yaml_lines.starts
        start = starts[min(max(line, 1), len(starts)) - 1]
        return min(start + max(column, 1) - 1, len(self.text))

    def position(self, offset: int) -> types.Position:
        line = bisect.bisect_right(self.lsp_starts, offset) - 1
        start = self.lsp_starts[line]
        return types.Position(line, _units(self.text[start:offset], self.encoding))

    def range(self, line: int, column: int, end_line: int, end_column: int) -> types.Range:
        return types.Range(
            self.position(self.offset(line, column)), self.position(self.offset(end_line, end_column))
        )

    def offsets_range(self, start: int, end: int) -> types.Range:
        return types.Range(self.position(start), self.position(end))

    def offset_of(self, position: types.Position) -> int:
        """The character offset of a protocol position (clamped to its line)."""
        if position.line >= len(self.lsp_starts):
            return len(self.text)
        start = self.lsp_starts[position.line]
        end = (
            self.lsp_starts[position.line + 1] if position.line + 1 < len(self.lsp_starts) else len(self.text)
        )
        while end > start and self.text[end - 1] in "\r\n":  # past the line's end is its end
            end -= 1
        units = 0
        for index in range(start, end):
            if units >= position.character:
                return index
            units += _units(self.text[index], self.encoding)
        return end
