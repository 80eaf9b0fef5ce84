"""Positions between libyaml's lines and columns and the protocol's, both ways."""

from __future__ import annotations

import pytest
from lsprotocol import types

from k0slint.server.positions import TextPositions
from k0slint.yaml.source import LineIndex

# CR LF, a line break only libyaml counts (LS), a two-unit UTF-16 character, an accent.
TEXT = "a: 1\r\nb: x\u2028c: 😀é-z\nd: 4"


@pytest.mark.parametrize(
    ("encoding", "character"),
    [
        (types.PositionEncodingKind.Utf16, 4 + 1 + 3 + 2 + 1),  # 😀 is two UTF-16 units
        (types.PositionEncodingKind.Utf8, 4 + 3 + 3 + 4 + 2),  # LS three bytes, 😀 four, é two
        (types.PositionEncodingKind.Utf32, 4 + 1 + 3 + 1 + 1),
    ],
)
def test_a_libyaml_position_is_the_same_character_for_the_client(
    encoding: types.PositionEncodingKind, character: int
) -> None:
    positions = TextPositions(TEXT, encoding)
    offset = TEXT.index("-z")
    line, column = LineIndex(TEXT).position(offset)
    assert (line, column) == (3, 6)  # libyaml: a line of its own after the LS
    assert positions.position(positions.offset(line, column)) == types.Position(1, character)
    assert positions.offset_of(types.Position(1, character)) == offset


def test_positions_past_a_line_s_end_stay_on_it() -> None:
    positions = TextPositions(TEXT)
    assert positions.offset_of(types.Position(0, 99)) == TEXT.index("\r\n")
    assert positions.offset_of(types.Position(2, 99)) == len(TEXT)
    assert positions.offset_of(types.Position(9, 0)) == len(TEXT)
    assert positions.range(4, 1, 4, 5) == types.Range(types.Position(2, 0), types.Position(2, 4))
