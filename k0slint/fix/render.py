"""Write values as YAML text in the style of their surroundings.

Only what a fix inserts or replaces is rendered here; the rest of the file is never
re-serialised. A plain scalar is used only where k0s would read it back as the same string
(k0slint.yaml.scalars); otherwise the value is quoted.
"""

from __future__ import annotations

import re

from k0slint.yaml.nodes import PlainData
from k0slint.yaml.scalars import resolve_plain

_PLAIN = re.compile(r"[A-Za-z0-9_.~/+=][A-Za-z0-9_.~/+=:@-]*\Z")
_DOUBLE_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r", "\0": "\\0"}


def plain_is_safe(value: str) -> bool:
    """Whether `value` can be written unquoted and still read back as this string."""
    return bool(_PLAIN.match(value)) and not value.endswith(":") and resolve_plain(value) == value


def double_quoted(value: str) -> str:
    out = []
    for char in value:
        if char in _DOUBLE_ESCAPES:
            out.append(_DOUBLE_ESCAPES[char])
        elif ord(char) < 0x20 or ord(char) == 0x7F:
            out.append(f"\\x{ord(char):02x}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def single_quoted(value: str) -> str | None:
    if any(ord(char) < 0x20 or ord(char) == 0x7F for char in value):
        return None
    return "'" + value.replace("'", "''") + "'"


def render_string(value: str, style: str | None) -> str:
    """`value` in the quoting `style` (None/"" plain, "'" or '"'), quoting when plain would
    change what it means."""
    if style == '"':
        return double_quoted(value)
    if style == "'":
        return single_quoted(value) or double_quoted(value)
    if plain_is_safe(value):
        return value
    return single_quoted(value) or double_quoted(value)


def render_scalar(value: PlainData, style: str | None) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    assert isinstance(value, str)
    return render_string(value, style)


def render_flow(value: PlainData, style: str | None, key_style: str | None = None) -> str:
    if isinstance(value, dict):
        items = ", ".join(
            f"{render_string(k, key_style)}: {render_flow(v, style, key_style)}" for k, v in value.items()
        )
        return "{" + items + "}"
    if isinstance(value, list):
        return "[" + ", ".join(render_flow(item, style, key_style) for item in value) + "]"
    return render_scalar(value, style)


def render_block_entry(
    key: str, value: PlainData, indent: int, step: int, style: str | None, key_style: str | None = None
) -> list[str]:
    """Lines (without line breaks) of `key: value` in block style at `indent` spaces; values
    quoted in `style`, keys in `key_style` where that keeps their meaning."""
    pad = " " * indent
    head = f"{pad}{render_string(key, key_style)}:"
    if isinstance(value, dict) and value:
        lines = [head]
        for child_key, child in value.items():
            lines.extend(render_block_entry(child_key, child, indent + step, step, style, key_style))
        return lines
    if isinstance(value, list) and value:
        return [head, *(f"{pad}{' ' * step}- {render_flow(item, style, key_style)}" for item in value)]
    return [f"{head} {render_flow(value, style, key_style)}"]
