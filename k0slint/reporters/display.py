"""Text as one readable line: control characters escaped, very long values shortened.

For the formats a person or a CI log reads line by line (text, github, junit, gitlab); JSON and
SARIF carry messages whole, escaped by JSON itself. A message quotes values from the file, and
a value may hold a line break (`"quay.io/k0sproject/pushgateway-ttl\\nX"`), a terminal escape
sequence or a megabyte of text.
"""

from __future__ import annotations

import unicodedata

# A run of text without a space longer than this is shortened to its start and end.
MAX_RUN = 120
KEEP = 50  # characters kept at each end of a shortened run

_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
# Bidirectional formatting characters reorder what a terminal shows ("Trojan Source").
_BIDI = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def _escaped(char: str) -> str:
    if char in _NAMED:
        return _NAMED[char]
    if char in _BIDI or unicodedata.category(char) in ("Cc", "Zl", "Zp"):
        code = ord(char)
        return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"
    return char


def escape(text: str) -> str:
    """`text` with every control character (C0, DEL, C1), line or paragraph separator and
    bidirectional formatting character written as a backslash escape (`\\n`, `\\x1b`, `\\u2028`)."""
    if text.isprintable():
        return text
    return "".join(map(_escaped, text))


def _shortened(run: str) -> str:
    if len(run) <= MAX_RUN:
        return escape(run)
    left = len(run) - 2 * KEEP
    return f"{escape(run[:KEEP])}…[{left} characters shortened]…{escape(run[-KEEP:])}"


def one_line(text: str) -> str:
    """`text` on one line: escaped, and each run of more than MAX_RUN characters without a space
    (an image reference, a quoted value) kept to its first and last KEEP characters, with how
    many were left out between them."""
    if len(text) <= MAX_RUN and text.isprintable():
        return text
    return " ".join(_shortened(run) for run in text.split(" "))
