"""YAML written inside a literal block scalar (`key: |`): parse it with file positions.

Ansible `blockinfile`, cloud-init `write_files`, ConfigMaps and helm chart `values` carry
whole YAML documents as strings. In a literal block every content line is the file line
with the block's indentation removed, so positions map back exactly.
"""

from collections.abc import Iterator
from typing import NamedTuple

from k0slint.yaml.nodes import Mark, Node, ScalarNode, YamlPath, every_node
from k0slint.yaml.parse import ParsedDocument, YamlError, parse_documents


class BlockText(NamedTuple):
    """Where each line of a literal block scalar's value starts in the file."""

    value: str
    line_starts: tuple[int, ...]
    first_line: int
    indent: int

    def mark(self, line: int, column: int) -> Mark:
        """File mark of (0-based) `line`, `column` of the value."""
        if line >= len(self.line_starts):
            return Mark(self.line_starts[-1], self.first_line + len(self.line_starts) - 1, self.indent)
        return Mark(self.line_starts[line] + column, self.first_line + line, self.indent + column)


def block_text(node: ScalarNode, file_text: str) -> BlockText | None:
    """The line map of a literal block scalar, or None if it cannot be mapped exactly."""
    if node.style != "|" or not isinstance(node.value, str):
        return None
    header_end = file_text.find("\n", node.start_offset)
    if header_end == -1:
        return None
    file_lines = file_text[header_end + 1 : node.end_offset].split("\n")
    value_lines = node.value.split("\n")
    indent = next(
        (len(f) - len(v) for f, v in zip(file_lines, value_lines, strict=False) if v.strip()),
        None,
    )
    if indent is None or indent < 0:
        return None
    starts: list[int] = []
    offset = header_end + 1
    for index, value_line in enumerate(value_lines):
        file_line = file_lines[index] if index < len(file_lines) else ""
        if value_line.strip() and file_line.rstrip("\r")[indent:] != value_line.rstrip("\r"):
            return None
        starts.append(offset + min(indent, len(file_line)))
        offset += len(file_line) + 1
    return BlockText(node.value, tuple(starts), node.line, indent)


def parse_block(node: ScalarNode, file_text: str, outer_path: YamlPath) -> Iterator[ParsedDocument]:
    """The YAML documents inside `node`, with file positions; raises YamlError at file positions."""
    block = block_text(node, file_text)
    if block is None:
        return
    try:
        for document in parse_documents(block.value):
            if document.root is not None:
                _relocate(document.root, block, node.doc, outer_path)
            yield ParsedDocument(node.doc, document.root, [], document.duplicate_keys)
    except YamlError as error:
        mark = block.mark(error.line - 1, error.column - 1)
        raise YamlError(error.message, mark.line + 1, mark.column + 1) from None


def _relocate(root: Node, block: BlockText, doc: int, outer_path: YamlPath) -> None:
    for node in every_node(root):
        start, end = node.start_mark, node.end_mark
        node.relocate(block.mark(start.line, start.column), block.mark(end.line, end.column), doc, outer_path)


def yaml_in_scalar(node: ScalarNode, file_text: str) -> list[Node]:
    """The YAML documents written in the string `node`, as nodes with file positions.

    A literal block (`|`) maps exactly; any other string style puts every inner node at the
    string's own position. Raises YamlError if the string is not YAML.
    """
    if not isinstance(node.value, str):
        return []
    if block_text(node, file_text) is not None:
        return [doc.root for doc in parse_block(node, file_text, node.path) if doc.root is not None]
    roots = []
    for document in parse_documents(node.value):
        if document.root is not None:
            _pin(document.root, node)
            roots.append(document.root)
    return roots


def _pin(root: Node, at: ScalarNode) -> None:
    for node in every_node(root):
        node.relocate(at.start_mark, at.end_mark, at.doc, at.path)
