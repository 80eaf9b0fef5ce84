"""Turn structural edits (replace a scalar, insert a key) into text edits.

Positions come from the composed nodes (libyaml marks: character offsets into the decoded
text). Everything the edits do not cover keeps its bytes: comments, blank lines, quoting,
indentation, line endings.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from k0slint.fix.edits import Edit, Fix, InsertKey, ReplaceValue
from k0slint.fix.render import render_block_entry, render_flow, render_string
from k0slint.yaml.nodes import (
    MappingNode,
    Node,
    PlainData,
    ScalarNode,
    SequenceNode,
    every_node,
    string_scalar,
)

_BLOCK_KEY = re.compile(r"^( *)(?:- +)*[^#\s][^#]*:[ \t]*(?:#.*)?$")


class SpliceError(Exception):
    """The edit cannot be written into this text without guessing; the fix is not applied."""


@dataclass(frozen=True)
class TextEdit:
    """Replace text[start:end] (character offsets, no BOM) by `text`."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Layout:
    """What inserted text must look like in this file."""

    newline: str
    step: int

    @classmethod
    def of(cls, text: str) -> Layout:
        crlf, lf = text.count("\r\n"), text.count("\n")
        newline = "\r\n" if crlf and crlf == lf else ("\r" if not lf and "\r" in text else "\n")
        return cls(newline, _indent_step(text))


def _indent_step(text: str) -> int:
    """The most common indentation added under a `key:` line; 2 if the file has none."""
    steps: Counter[int] = Counter()
    lines = text.splitlines()
    for line, following in itertools.pairwise(lines):
        match = _BLOCK_KEY.match(line)
        if not match or not following.strip() or following.lstrip().startswith("#"):
            continue
        parent = len(line) - len(line.lstrip(" "))
        child = len(following) - len(following.lstrip(" "))
        if child > parent:
            steps[child - parent] += 1
    return steps.most_common(1)[0][0] if steps else 2


def splice(edit: Edit, text: str, layout: Layout) -> TextEdit:
    if isinstance(edit, ReplaceValue):
        return _replace(edit, text)
    return _insert(edit, text, layout)


def _replace(edit: ReplaceValue, text: str) -> TextEdit:
    node = edit.node
    if node.style in ("|", ">"):
        raise SpliceError("replacing a block scalar is not supported")
    if "\n" in edit.value or "\r" in edit.value:
        raise SpliceError("a replacement value must be one line")
    start = _after_properties(text, node.start_offset, node.end_offset)
    rendered = render_string(edit.value, node.style)
    if start == node.end_offset and not text[start - 1].isspace():
        rendered = " " + rendered  # an empty value right after `key:`, `&anchor` or `!tag`
    return TextEdit(start, node.end_offset, rendered)


def _after_properties(text: str, start: int, end: int) -> int:
    """Where the scalar itself starts: after an anchor (`&name`) or tag (`!tag`) before it."""
    while start < end and text[start] in "&!":
        while start < end and not text[start].isspace():
            start += 1
        while start < end and text[start] in " \t":
            start += 1
    return start


def _content_end(mapping: MappingNode) -> int:
    """Offset just after the last token written inside block `mapping`: the last scalar or
    flow collection (a block collection's end mark lies past trailing comments)."""
    inside = [
        node.end_offset
        for node in every_node(mapping)
        if node is not mapping
        and (isinstance(node, ScalarNode) or getattr(node, "flow", False))
        and mapping.start_offset <= node.start_offset < mapping.end_offset
    ]
    return max(inside, default=mapping.start_offset)


def _shared_quote(nodes: list[Node]) -> str | None:
    """The quote style all string scalars among `nodes` share, if they share one."""
    styles = {scalar.style for node in nodes if (scalar := string_scalar(node)) is not None}
    return styles.pop() if len(styles) == 1 and next(iter(styles)) in ("'", '"') else None


def _styles(mapping: MappingNode, value: PlainData) -> tuple[str | None, str | None]:
    """(value quote style, key quote style) the entries like the inserted one share.

    A scalar follows the sibling values of `mapping`; the scalars of an inserted mapping or
    list follow the values one level down in the siblings (`pushgateway: {image, version}`
    beside `coredns: {image, version}` takes coredns's quoting, not that of `repository`),
    and the direct siblings only where no sibling has values at that depth."""
    keys: list[Node] = [key for key, _ in mapping.entries.values()]
    values: list[Node] = [value for _, value in mapping.entries.values()]
    if isinstance(value, dict | list):
        nested = [child for sibling in values for child in _children(sibling)]
        if any(string_scalar(node) is not None for node in nested):
            values = nested
    return _shared_quote(values), _shared_quote(keys)


def _children(node: Node) -> list[Node]:
    if isinstance(node, MappingNode):
        return [value for _, value in node.entries.values()]
    if isinstance(node, SequenceNode):
        return list(node.items)
    return []


def _insert(edit: InsertKey, text: str, layout: Layout) -> TextEdit:
    mapping = edit.mapping
    if edit.key in mapping.entries:
        raise SpliceError(f"{edit.key!r} is already there")
    style, key_style = _styles(mapping, edit.value)
    if mapping.flow:
        return _insert_flow(edit, text, style, key_style)
    keys = [key for key, _ in mapping.entries.values()]
    if not keys:
        raise SpliceError("cannot find the indentation of an empty block mapping")
    indent = keys[0].column - 1
    step = _local_step(mapping) or layout.step
    lines = render_block_entry(edit.key, edit.value, indent, step, style, key_style)
    block = layout.newline.join(lines)
    position = _content_end(mapping)
    if position > 0 and text[position - 1] in "\r\n":
        return TextEdit(position, position, block + layout.newline)
    if position == len(text) and _ends_in_block_scalar(mapping, position):
        # A line break after a block scalar at the very end would become part of its value:
        # put the new entry before the first one instead.
        first = min(key.start_offset for key in keys)
        return TextEdit(first, first, block[indent:] + layout.newline + " " * indent)
    line_end = _line_end(text, position)
    return TextEdit(line_end, line_end, layout.newline + block)


def _ends_in_block_scalar(mapping: MappingNode, position: int) -> bool:
    return any(
        isinstance(node, ScalarNode) and node.style in ("|", ">") and node.end_offset == position
        for node in every_node(mapping)
    )


def _local_step(mapping: MappingNode) -> int | None:
    """How much deeper this mapping's own nested block mappings sit, if it has any."""
    indent = next(iter(mapping.entries.values()))[0].column - 1
    for _, value in mapping.entries.values():
        if isinstance(value, MappingNode) and not value.flow and value.entries:
            child = next(iter(value.entries.values()))[0].column - 1
            if child > indent:
                return child - indent
    return None


def _line_end(text: str, position: int) -> int:
    ends = [index for index in (text.find("\n", position), text.find("\r", position)) if index != -1]
    return min(ends) if ends else len(text)


def _insert_flow(edit: InsertKey, text: str, style: str | None, key_style: str | None) -> TextEdit:
    mapping = edit.mapping
    entry = f"{render_string(edit.key, key_style)}: {render_flow(edit.value, style, key_style)}"
    closing = mapping.end_offset - 1
    if text[closing] != "}":
        raise SpliceError("flow mapping does not end with '}'")
    if not mapping.entries:
        return TextEdit(closing, closing, entry)
    position = max(value.end_offset for _, value in mapping.entries.values() if value.end_offset <= closing)
    return TextEdit(position, position, f", {entry}")


def text_edits(fix: Fix, text: str, layout: Layout | None = None) -> list[TextEdit]:
    """The text edits of `fix` in `text`; raises SpliceError if one cannot be written."""
    layout = layout or Layout.of(text)
    return [splice(edit, text, layout) for edit in fix.edits]


def apply_text_edits(text: str, edits: Sequence[TextEdit]) -> str:
    out = []
    position = 0
    for edit in sorted(edits, key=lambda e: (e.start, e.end)):
        out.append(text[position : edit.start])
        out.append(edit.text)
        position = edit.end
    out.append(text[position:])
    return "".join(out)
