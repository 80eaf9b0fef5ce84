"""Read a file's bytes and decode them the way a YAML parser must (YAML 1.2, 5.2)."""

import bisect
import codecs
import re
from typing import NamedTuple

_BOMS = (
    (codecs.BOM_UTF32_LE, None),
    (codecs.BOM_UTF32_BE, None),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Line breaks as libyaml counts them for its marks (YAML 1.1, 5.4): CR LF, CR, LF, NEL, LS, PS.
# Patterns that most runs never use are left to re's own cache: compiled on first use.
LINE_BREAK = "\r\n|[\r\n\x85\u2028\u2029]"


class SourceError(Exception):
    """A file that cannot be linted: one line, with the position where reading stopped."""

    def __init__(self, message: str, line: int = 1, column: int = 1) -> None:
        super().__init__(f"{line}:{column}: {message}")
        self.message = message
        self.line = line
        self.column = column


class SourceText(NamedTuple):
    """Decoded text of a file. `text` has no BOM; `bom` and `encoding` say how to write it back."""

    path: str
    text: str
    bom: bytes
    encoding: str

    def encode(self, text: str) -> bytes:
        return self.bom + text.encode(self.encoding)


def decode(path: str, data: bytes) -> SourceText:
    bom, encoding = _detect(data)
    body = data[len(bom) :]
    try:
        text = body.decode(encoding)
    except UnicodeDecodeError as error:
        kind = "UTF-8" if encoding == "utf-8" else "UTF-16"
        offset = error.start + len(bom)
        line, column = _position(body[: error.start], encoding)
        raise SourceError(
            f"not valid {kind} text (byte 0x{data[offset]:02x} at offset {offset}); "
            "k0s reads UTF-8 and UTF-16 only",
            line,
            column,
        ) from None
    nul = text.find("\x00")
    if nul != -1:
        raise SourceError("binary file (contains NUL bytes)", *position(text, nul))
    return SourceText(path, text, bom, encoding)


class LineIndex:
    """Character offsets in one text to 1-based lines and columns, as libyaml counts them."""

    def __init__(self, text: str) -> None:
        self.starts = [0, *(match.end() for match in re.finditer(LINE_BREAK, text))]

    def position(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self.starts, offset) - 1
        return line + 1, offset - self.starts[line] + 1


def position(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of the character at `offset` in `text`, as libyaml counts them."""
    return LineIndex(text[:offset]).position(offset)


def _position(body: bytes, encoding: str) -> tuple[int, int]:
    """1-based line and column of the character after `body`, the decodable prefix."""
    prefix = body.decode(encoding, "replace")
    return position(prefix, len(prefix))


def _detect(data: bytes) -> tuple[bytes, str]:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            if encoding is None:
                raise SourceError("UTF-32 text; k0s reads UTF-8 and UTF-16 only")
            return bom, encoding
    if len(data) >= 2 and data[0] == 0 and data[1] != 0:
        return b"", "utf-16-be"
    if len(data) >= 2 and data[0] != 0 and data[1] == 0:
        return b"", "utf-16-le"
    return b"", "utf-8"
