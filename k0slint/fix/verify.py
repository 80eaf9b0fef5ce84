"""Check that spliced text means the original data plus the promised edits, nothing else.

Edits on YAML written inside a literal block scalar (a config in an Ansible task, helm
values) are checked inside that block: the outer document must be unchanged except for the
block's text, and the block must parse to its old data plus the edits.
"""

from __future__ import annotations

import copy
import math
from collections import defaultdict
from collections.abc import Sequence

from k0slint.fix.edits import Edit, ReplaceValue
from k0slint.yaml.block_scalars import yaml_in_scalar
from k0slint.yaml.nodes import (
    MappingNode,
    Node,
    PlainData,
    ScalarNode,
    YamlPath,
    walk,
    walk_tree,
)
from k0slint.yaml.parse import YamlError, parse_documents


class VerifyError(Exception):
    """The fixed text does not parse to what the edits promised."""


_ANY = object()


def _target(edit: Edit) -> Node:
    return edit.node if isinstance(edit, ReplaceValue) else edit.mapping


def _walk_tree(root: Node) -> list[tuple[Node, YamlPath, str | None]]:
    """(node, path, key name if the node is a mapping key) for every node of the tree."""
    out: list[tuple[Node, YamlPath, str | None]] = []
    for node, path in walk_tree(root):
        out.append((node, path, None))
        if isinstance(node, MappingNode):
            out.extend((key, path, name) for name, (key, _) in node.entries.items())
    return out


def _at(data: PlainData, path: YamlPath) -> PlainData:
    for key in path:
        if isinstance(data, dict) and isinstance(key, str) and key in data:
            data = data[key]
        elif isinstance(data, list) and isinstance(key, int) and 0 <= key < len(data):
            data = data[key]
        else:
            raise VerifyError(f"path {path!r} does not exist")
    return data


def _set(data: PlainData, path: YamlPath, value: object) -> PlainData:
    if not path:
        return value  # type: ignore[return-value]
    parent, key = _at(data, path[:-1]), path[-1]
    if isinstance(parent, dict) and isinstance(key, str):
        parent[key] = value  # type: ignore[assignment]
        return data
    if isinstance(parent, list) and isinstance(key, int):
        parent[key] = value  # type: ignore[call-overload]
        return data
    raise VerifyError(f"path {path!r} does not exist")


def expected_data(root: Node, edits: Sequence[Edit]) -> PlainData:
    """The data `root` must hold once `edits` are applied. Edited text that aliases repeat
    changes every place it appears."""
    data = copy.deepcopy(root.to_data())
    tree = _walk_tree(root)
    for edit in edits:
        target = _target(edit)
        span = (target.start_offset, target.end_offset)
        for node, path, key_name in tree:
            if (node.start_offset, node.end_offset) != span or type(node) is not type(target):
                continue
            data = _apply(data, edit, path, key_name)
    return data


def _apply(data: PlainData, edit: Edit, path: YamlPath, key_name: str | None) -> PlainData:
    if isinstance(edit, ReplaceValue):
        if key_name is None:
            return _set(data, path, edit.value)
        mapping = _at(data, path)
        assert isinstance(mapping, dict)
        renamed = {(edit.value if name == key_name else name): value for name, value in mapping.items()}
        return _set(data, path, renamed)
    if key_name is not None:
        return data
    mapping = _at(data, path)
    if not isinstance(mapping, dict):
        raise VerifyError(f"{path!r} is not a mapping")
    mapping[edit.key] = copy.deepcopy(edit.value)
    return data


def same(left: object, right: object) -> bool:
    """Equality that holds for NaN, tells 1 from 1.0 and True, and lets _ANY match anything."""
    if left is _ANY:
        return True
    if type(left) is not type(right):
        return False
    if isinstance(left, float) and isinstance(right, float):
        return left == right or (math.isnan(left) and math.isnan(right))
    if isinstance(left, dict) and isinstance(right, dict):
        return left.keys() == right.keys() and all(same(left[k], right[k]) for k in left)
    if isinstance(left, list) and isinstance(right, list):
        return len(left) == len(right) and all(same(a, b) for a, b in zip(left, right, strict=True))
    return left == right


def _containing_block(root: Node, target: Node) -> tuple[ScalarNode, YamlPath] | None:
    for node, path, key_name in _walk_tree(root):
        if (
            key_name is None
            and isinstance(node, ScalarNode)
            and node.style == "|"
            and node.start_offset < target.start_offset
            and target.end_offset <= node.end_offset
        ):
            return node, path
    return None


def _split(root: Node, edits: Sequence[Edit]) -> tuple[list[Edit], dict[YamlPath, list[Edit]]]:
    """Edits on this document's own nodes, and edits inside literal blocks, by block path."""
    spans = {(node.start_offset, node.end_offset) for node, _, _ in _walk_tree(root)}
    outer: list[Edit] = []
    inner: dict[YamlPath, list[Edit]] = defaultdict(list)
    for edit in edits:
        target = _target(edit)
        if (target.start_offset, target.end_offset) in spans:
            outer.append(edit)
            continue
        found = _containing_block(root, target)
        if found is None:
            raise VerifyError("an edit targets text k0slint cannot find again")
        inner[found[1]].append(edit)
    return outer, inner


def _check_block(before: str, after: str, old: Node, new: Node, path: YamlPath, edits: list[Edit]) -> None:
    was, now = walk(old, path), walk(new, path)
    if not isinstance(was, ScalarNode) or not isinstance(now, ScalarNode):
        raise VerifyError(f"the block at {path!r} is gone")
    try:
        old_roots, new_roots = yaml_in_scalar(was, before), yaml_in_scalar(now, after)
    except YamlError as error:
        raise VerifyError(f"the block at {path!r} is no longer YAML ({error.message})") from None
    if len(old_roots) != len(new_roots):
        raise VerifyError(f"the block at {path!r} changed its documents")
    for old_root, new_root in zip(old_roots, new_roots, strict=True):
        if not same(expected_data(old_root, edits), new_root.to_data()):
            raise VerifyError(f"the block at {path!r} does not hold what the fixes promised")


def verify(before: str, after: str, edits_by_document: dict[int, list[Edit]]) -> None:
    """Raise VerifyError unless `after` parses to `before` plus the edits, document by document."""
    try:
        old = list(parse_documents(before))
    except YamlError as error:
        message = f"the file is not valid YAML ({error.line}:{error.column}: {error.message}); fix that first"
        raise VerifyError(message) from None
    try:
        new = list(parse_documents(after))
    except YamlError as error:
        message = f"the fixed text is not valid YAML ({error.line}:{error.column}: {error.message})"
        raise VerifyError(message) from None
    if len(old) != len(new):
        raise VerifyError(f"the fixed text has {len(new)} documents instead of {len(old)}")
    for index, (was, now) in enumerate(zip(old, new, strict=True)):
        edits = edits_by_document.get(index, [])
        if was.root is None or now.root is None:
            if (was.root is None) != (now.root is None) or edits:
                raise VerifyError(f"document {index} changed unexpectedly")
            continue
        outer, inner = _split(was.root, edits)
        expected: object = expected_data(was.root, outer) if outer else was.root.to_data()
        for path in inner:
            expected = _set(expected, path, _ANY)  # type: ignore[arg-type]
        if not same(expected, now.root.to_data()):
            raise VerifyError(f"document {index} does not hold what the fixes promised")
        for path, block_edits in inner.items():
            _check_block(before, after, was.root, now.root, path, block_edits)
