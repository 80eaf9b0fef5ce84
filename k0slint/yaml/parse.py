"""Parse YAML text into k0slint nodes, one document at a time.

The lint path composes with libyaml through PyYAML's C parser, with tag resolution left to
`k0slint.yaml.scalars` (PyYAML's own resolver is YAML 1.1 as PyYAML reads it, not as k0s does,
and it is most of the composer's cost). Where PyYAML was built without libyaml, the same
composer runs in pure Python. Nothing is ever constructed from a tag: custom tags and
`!!python/...` stay text.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import yaml
from yaml import events as pyyaml_events
from yaml import nodes as pyyaml_nodes
from yaml.composer import Composer
from yaml.parser import Parser
from yaml.reader import Reader
from yaml.scanner import Scanner

from k0slint.yaml.nodes import MappingNode, Node, Scalar, ScalarNode, SequenceNode, YamlPath
from k0slint.yaml.scalars import json_key, resolve_plain, resolve_tagged
from k0slint.yaml.source import position

MAX_DEPTH = 200
_LIBYAML_DEPTH_LIMIT = "exceeded maximum nesting depth"
MAX_ALIAS_NODES = 100_000
_MERGE_TAG = "tag:yaml.org,2002:merge"
_NO_TOKEN = "found character that cannot start any token"


class _NoResolver:
    """Leaves every tag unresolved; `k0slint.yaml.scalars` decides what a scalar means."""

    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        return None

    def ascend_resolver(self) -> None:
        return None

    def resolve(self, kind: Any, value: Any, implicit: Any) -> None:
        return None


class _PureComposer(Reader, Scanner, Parser, Composer, _NoResolver):
    def __init__(self, stream: str) -> None:
        Reader.__init__(self, stream)
        Scanner.__init__(self)
        Parser.__init__(self)
        Composer.__init__(self)


try:
    from yaml._yaml import CParser

    class _CComposer(CParser, _NoResolver):
        pass

    LIBYAML = True
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    _CComposer = _PureComposer  # type: ignore[misc,assignment]
    LIBYAML = False


class YamlError(Exception):
    """YAML that cannot be read: a syntax error or a limit k0slint keeps. Positions 1-based."""

    def __init__(self, message: str, line: int, column: int) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column


class ParsedDocument:
    """One YAML document of a file. `root` is None for an empty document; `duplicate_keys`
    counts the keys that repeat one of their mapping (0: no mapping has any)."""

    __slots__ = ("aliased_spans", "duplicate_keys", "index", "root")

    def __init__(
        self, index: int, root: Node | None, aliased_spans: list[tuple[int, int]], duplicate_keys: int = 0
    ) -> None:
        self.index = index
        self.root = root
        self.aliased_spans = aliased_spans
        self.duplicate_keys = duplicate_keys


def parse_documents(text: str, *, pure: bool = False) -> Iterator[ParsedDocument]:
    """Yield the documents of `text` one by one; raise YamlError where reading stops.

    `pure` forces PyYAML's Python composer (what runs where libyaml is missing).
    """
    try:
        composer = _PureComposer(text) if pure else _CComposer(text)
    except yaml.reader.ReaderError as error:  # PyYAML's reader checks the whole text first
        raise _reader_error(error, text, pure) from None
    index = 0
    try:
        while composer.check_node():
            raw = composer.get_node()
            converter = _Converter(index, text)
            document = ParsedDocument(
                index,
                converter.convert(raw, (), 0) if raw is not None else None,
                converter.aliased_spans,
                converter.duplicate_keys,
            )
            del raw, converter  # PyYAML's tree is garbage now: not held while rules read this one
            yield document
            index += 1
    except yaml.MarkedYAMLError as error:
        if error.problem and _LIBYAML_DEPTH_LIMIT in error.problem:
            raise _too_deep(text) from None
        raise _syntax_error(error, text) from None
    except yaml.reader.ReaderError as error:
        raise _reader_error(error, text, pure) from None
    except RecursionError:  # PyYAML's Python composer recurses per level
        raise _too_deep(text) from None
    finally:
        dispose = getattr(composer, "dispose", None)
        if dispose is not None:
            dispose()


def _too_deep(text: str) -> YamlError:
    """k0slint's own depth limit, where the converter meets it, for a text refused before: by
    libyaml's limit (1,000 levels, only in some of the PyYAML releases k0slint allows, with its
    own message and position) or by the recursion of PyYAML's Python composer. PyYAML's Python
    parser reads events without recursion and without a limit of its own."""
    parser = _PureComposer(text)
    open_collections = 0
    while parser.check_event():
        event = parser.get_event()  # type: ignore[no-untyped-call]
        if isinstance(event, pyyaml_events.CollectionEndEvent):
            open_collections -= 1
        elif isinstance(event, pyyaml_events.NodeEvent) and open_collections > MAX_DEPTH:
            mark = event.start_mark
            line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
            return YamlError(f"nesting is deeper than {MAX_DEPTH} levels", line, column)
        elif isinstance(event, pyyaml_events.CollectionStartEvent):
            open_collections += 1
    return YamlError(f"nesting is deeper than {MAX_DEPTH} levels", 1, 1)  # pragma: no cover


def _syntax_error(error: yaml.MarkedYAMLError, text: str) -> YamlError:
    mark = error.problem_mark or error.context_mark
    problem = error.problem or "invalid YAML"
    if problem == _NO_TOKEN and mark and text[mark.index : mark.index + 1] == "\t":
        problem = "found a tab character that cannot start any token; YAML indents with spaces only"
    message = f"{error.context} {problem}" if error.context and not error.problem_mark else problem
    if error.context and error.problem_mark and error.context_mark:
        message = f"{problem} ({error.context} at line {error.context_mark.line + 1})"
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    return YamlError(message, line, column)


def _reader_error(error: yaml.reader.ReaderError, text: str, pure: bool) -> YamlError:
    """libyaml gives the offset in UTF-8 bytes, PyYAML's reader in characters."""
    offset = error.position
    if not pure:
        offset = len(text.encode("utf-8")[:offset].decode("utf-8", "ignore"))
    character = error.character if isinstance(error.character, int) else ord(error.character)
    return YamlError(f"character U+{character:04X} is not allowed in YAML", *position(text, offset))


class _Converter:
    def __init__(self, doc: int, text: str) -> None:
        self.doc = doc
        self.text = text
        self.seen: set[int] = set()
        self.aliased_spans: list[tuple[int, int]] = []
        self.alias_budget = MAX_ALIAS_NODES
        self.in_alias = 0
        self.duplicate_keys = 0
        # Without `*` in the text there is no alias: no node can be met twice.
        self.may_alias = "*" in text

    def convert(self, raw: pyyaml_nodes.Node, path: YamlPath, depth: int) -> Node:
        if depth > MAX_DEPTH:
            mark = raw.start_mark
            raise YamlError(f"nesting is deeper than {MAX_DEPTH} levels", mark.line + 1, mark.column + 1)
        if self.may_alias:
            ident = id(raw)
            if ident in self.seen:
                return self._convert_alias(raw, path, depth)
            self.seen.add(ident)
            if self.in_alias:
                self._spend_alias_budget(raw)
        if isinstance(raw, pyyaml_nodes.ScalarNode):
            return self._scalar(raw, path)
        if isinstance(raw, pyyaml_nodes.MappingNode):
            return self._mapping(raw, path, depth)
        assert isinstance(raw, pyyaml_nodes.SequenceNode)
        return self._sequence(raw, path, depth)

    def _convert_alias(self, raw: pyyaml_nodes.Node, path: YamlPath, depth: int) -> Node:
        if not self.in_alias:
            self.aliased_spans.append((raw.start_mark.index, raw.end_mark.index))
        self._spend_alias_budget(raw)
        self.seen.discard(id(raw))
        self.in_alias += 1
        try:
            return self.convert(raw, path, depth)
        finally:
            self.in_alias -= 1
            self.seen.add(id(raw))

    def _spend_alias_budget(self, raw: pyyaml_nodes.Node) -> None:
        self.alias_budget -= 1
        if self.alias_budget < 0:
            mark = raw.start_mark
            raise YamlError(
                f"aliases expand to more than {MAX_ALIAS_NODES} nodes (an alias bomb?)",
                mark.line + 1,
                mark.column + 1,
            )

    def _scalar(self, raw: pyyaml_nodes.ScalarNode, path: YamlPath) -> ScalarNode:
        text: str = raw.value
        tag = raw.tag
        style = raw.style
        value: Scalar
        if tag is None:
            value = text if style else resolve_plain(text)
        elif tag == "!":
            value = text
        else:
            value = resolve_tagged(tag, text)
        return ScalarNode(self.doc, path, raw.start_mark, raw.end_mark, tag, value, text, style or None)

    def _mapping(self, raw: pyyaml_nodes.MappingNode, path: YamlPath, depth: int) -> Node:
        if raw.flow_style and any(not isinstance(key, pyyaml_nodes.ScalarNode) for key, _ in raw.value):
            # `{{ value }}` unquoted: a template that happens to be YAML; keep it as its text.
            text = self.text[raw.start_mark.index : raw.end_mark.index]
            return ScalarNode(self.doc, path, raw.start_mark, raw.end_mark, None, text, text, None)
        node = MappingNode(self.doc, path, raw.start_mark, raw.end_mark, raw.tag, bool(raw.flow_style))
        entries = node.entries
        seen_raw_keys: set[tuple[str, str | None, bool]] = set()
        convert = self.convert
        inner = depth + 1
        for raw_key, raw_value in raw.value:
            if (raw_key.tag == _MERGE_TAG or raw_key.value == "<<") and _is_merge_key(raw_key):
                self._merge(node, raw_value, path, depth)
                continue
            key = convert(raw_key, path, inner)
            if not isinstance(key, ScalarNode):
                continue
            name = json_key(key.value)
            if name is None:
                continue
            signature = (key.raw, key.tag, bool(key.style))
            if signature in seen_raw_keys:
                node.duplicates.append(key)
                self.duplicate_keys += 1
            seen_raw_keys.add(signature)
            entries[name] = (key, convert(raw_value, (*path, name), inner))
        return node

    def _merge(self, node: MappingNode, raw_value: pyyaml_nodes.Node, path: YamlPath, depth: int) -> None:
        sources = raw_value.value if isinstance(raw_value, pyyaml_nodes.SequenceNode) else [raw_value]
        for source in reversed(sources):
            if not isinstance(source, pyyaml_nodes.MappingNode):
                mark = source.start_mark
                raise YamlError(
                    "a merge key (<<) needs a mapping or a list of mappings",
                    mark.line + 1,
                    mark.column + 1,
                )
            merged = self.convert(source, path, depth)
            if isinstance(merged, MappingNode):
                node.entries.update(merged.entries)

    def _sequence(self, raw: pyyaml_nodes.SequenceNode, path: YamlPath, depth: int) -> SequenceNode:
        node = SequenceNode(self.doc, path, raw.start_mark, raw.end_mark, raw.tag, bool(raw.flow_style))
        convert = self.convert
        inner = depth + 1
        node.items = [convert(item, (*path, i), inner) for i, item in enumerate(raw.value)]
        return node


def _is_merge_key(raw_key: pyyaml_nodes.Node) -> bool:
    if not isinstance(raw_key, pyyaml_nodes.ScalarNode):
        return False
    if raw_key.tag == _MERGE_TAG:
        return True
    return raw_key.tag is None and not raw_key.style and raw_key.value == "<<"
