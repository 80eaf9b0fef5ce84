"""The YAML node tree that rules read: values with their exact place in the file.

Every node keeps the marks of its first and last character (0-based line, column and
character offset, as libyaml reports them) and its YAML path inside its document.
Lines and columns given out are 1-based; end columns are exclusive.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Protocol

Key = str | int
YamlPath = tuple[Key, ...]
Scalar = str | int | float | bool | None
PlainData = Scalar | dict[str, "PlainData"] | list["PlainData"]


class MarkLike(Protocol):
    @property
    def index(self) -> int: ...
    @property
    def line(self) -> int: ...
    @property
    def column(self) -> int: ...


class Mark:
    """A position made by k0slint itself (for text it parsed out of a scalar)."""

    __slots__ = ("column", "index", "line")

    def __init__(self, index: int, line: int, column: int) -> None:
        self.index = index
        self.line = line
        self.column = column

    def __repr__(self) -> str:
        return f"Mark(index={self.index}, line={self.line}, column={self.column})"


class Node:
    """Base of all nodes. `doc` is the index of the YAML document in its file."""

    __slots__ = ("_end", "_start", "doc", "path", "tag")

    def __init__(self, doc: int, path: YamlPath, start: MarkLike, end: MarkLike, tag: str | None):
        self.doc = doc
        self.path = path
        self._start = start
        self._end = end
        self.tag = tag

    @property
    def line(self) -> int:
        return self._start.line + 1

    @property
    def column(self) -> int:
        return self._start.column + 1

    @property
    def end_line(self) -> int:
        return self._end.line + 1

    @property
    def end_column(self) -> int:
        return self._end.column + 1

    @property
    def start_offset(self) -> int:
        return self._start.index

    @property
    def end_offset(self) -> int:
        return self._end.index

    @property
    def start_mark(self) -> MarkLike:
        return self._start

    @property
    def end_mark(self) -> MarkLike:
        return self._end

    def relocate(self, start: MarkLike, end: MarkLike, doc: int, outer_path: YamlPath) -> None:
        """Put a node parsed out of a scalar's text where that text stands in the file:
        its marks, the file's document, and the scalar's path before its own."""
        self._start = start
        self._end = end
        self.doc = doc
        self.path = (*outer_path, *self.path)

    def to_data(self) -> PlainData:
        raise NotImplementedError


class ScalarNode(Node):
    """A scalar. `value` is resolved the way k0s's YAML decoder resolves it; `raw` is the text."""

    __slots__ = ("raw", "style", "value")

    def __init__(
        self,
        doc: int,
        path: YamlPath,
        start: MarkLike,
        end: MarkLike,
        tag: str | None,
        value: Scalar,
        raw: str,
        style: str | None,
    ):
        # Node.__init__ written out: one call fewer for the most common node of all.
        self.doc = doc
        self.path = path
        self._start = start
        self._end = end
        self.tag = tag
        self.value = value
        self.raw = raw
        self.style = style

    def to_data(self) -> PlainData:
        return self.value

    def __repr__(self) -> str:
        return f"ScalarNode({self.value!r} at {self.line}:{self.column})"


class CollectionNode(Node):
    """A mapping or a sequence, in block or flow (`{...}`, `[...]`) style, created empty."""

    __slots__ = ("flow",)

    def __init__(
        self,
        doc: int,
        path: YamlPath,
        start: MarkLike,
        end: MarkLike,
        tag: str | None,
        flow: bool,
    ):
        super().__init__(doc, path, start, end, tag)
        self.flow = flow
        self._start_empty()

    def _start_empty(self) -> None:
        raise NotImplementedError


class MappingNode(CollectionNode):
    """A mapping, merge keys applied and keys spelled as k0s's JSON decoder sees them.

    `entries` holds the effective (key node, value node) pairs by key; `duplicates` the
    key nodes that repeat an earlier key of the same mapping (k0s rejects those).
    """

    __slots__ = ("_json_keys", "duplicates", "entries")

    def _start_empty(self) -> None:
        self.entries: dict[str, tuple[ScalarNode, Node]] = {}
        self.duplicates: list[ScalarNode] = []
        self._json_keys: tuple[int, dict[str, str]] | None = None

    def get(self, key: str) -> Node | None:
        entry = self.entries.get(key)
        return entry[1] if entry else None

    def json_key(self, key: str) -> str | None:
        """The key Go's encoding/json decodes into the field `key`: matching ignores case,
        and of several matches the last in JSON (sorted) order wins."""
        index = self._json_keys
        if index is None or index[0] != len(self.entries):  # entries are only ever added to
            by_fold: dict[str, str] = {}
            for other in self.entries:
                folded = other.lower()
                known = by_fold.get(folded)
                by_fold[folded] = other if known is None else max(known, other)
            index = self._json_keys = (len(self.entries), by_fold)
        return index[1].get(key.lower())

    def get_json(self, key: str) -> Node | None:
        """`get` with Go's encoding/json field matching (how k0s reads its config)."""
        found = self.json_key(key)
        return self.entries[found][1] if found is not None else None

    def key_node(self, key: str) -> ScalarNode | None:
        entry = self.entries.get(key)
        return entry[0] if entry else None

    def __contains__(self, key: object) -> bool:
        return key in self.entries

    def __iter__(self) -> Iterator[str]:
        return iter(self.entries)

    def __len__(self) -> int:
        return len(self.entries)

    def items(self) -> Iterator[tuple[str, Node]]:
        for key, (_, value) in self.entries.items():
            yield key, value

    def to_data(self) -> PlainData:
        return {key: value.to_data() for key, (_, value) in self.entries.items()}

    def __repr__(self) -> str:
        return f"MappingNode({list(self.entries)} at {self.line}:{self.column})"


class SequenceNode(CollectionNode):
    __slots__ = ("items",)

    def _start_empty(self) -> None:
        self.items: list[Node] = []

    def __iter__(self) -> Iterator[Node]:
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)

    def to_data(self) -> PlainData:
        return [item.to_data() for item in self.items]

    def __repr__(self) -> str:
        return f"SequenceNode({len(self.items)} items at {self.line}:{self.column})"


def every_node(root: Node) -> Iterator[Node]:
    """`root` and every node below it once (merge keys share nodes), keys and repeated keys too,
    in no set order: for jobs on the text, such as moving marks or finding where a span ends.
    `walk_tree` is the walk of the data."""
    stack = [root]
    done: set[int] = set()
    while stack:
        node = stack.pop()
        if id(node) in done:
            continue
        done.add(id(node))
        yield node
        if isinstance(node, MappingNode):
            for key_node, value in node.entries.values():
                stack.extend((key_node, value))
            stack.extend(node.duplicates)
        elif isinstance(node, SequenceNode):
            stack.extend(node.items)


def string_scalar(node: Node | None) -> ScalarNode | None:
    """`node` if it is a scalar that resolves to a string (not a number, boolean or null)."""
    return node if isinstance(node, ScalarNode) and isinstance(node.value, str) else None


def string_value(node: Node | None) -> str | None:
    """The string `node` holds, if it is a scalar that resolves to one (see `string_scalar`)."""
    scalar = string_scalar(node)
    return None if scalar is None else str(scalar.value)


def walk_tree(root: Node) -> Iterator[tuple[Node, YamlPath]]:
    """`root` and every value below it, with the path it is reached by, as the data reads:
    depth first in document order, mapping keys left out, and a node that merge keys share
    met at every place it appears (its own `path` is where it is written)."""
    stack: list[tuple[Node, YamlPath]] = [(root, ())]
    while stack:
        node, path = stack.pop()
        yield node, path
        if isinstance(node, MappingNode):
            stack.extend(reversed([(value, (*path, key)) for key, (_, value) in node.entries.items()]))
        elif isinstance(node, SequenceNode):
            stack.extend(reversed([(item, (*path, index)) for index, item in enumerate(node.items)]))


def walk(node: Node | None, path: YamlPath) -> Node | None:
    """Follow `path` from `node` through mappings (str keys) and sequences (int keys)."""
    return _follow(node, path, MappingNode.get)


def walk_json(node: Node | None, path: YamlPath) -> Node | None:
    """`walk` for ClusterConfig fields: mapping keys match the way k0s's decoder matches them."""
    return _follow(node, path, MappingNode.get_json)


def _follow(node: Node | None, path: YamlPath, get: Callable[[MappingNode, str], Node | None]) -> Node | None:
    current = node
    for key in path:
        if isinstance(current, MappingNode) and isinstance(key, str):
            current = get(current, key)
        elif isinstance(current, SequenceNode) and isinstance(key, int):
            current = current.items[key] if 0 <= key < len(current.items) else None
        else:
            return None
    return current


def format_path(path: YamlPath) -> str:
    """`spec.images.calico.cni`, `spec.extensions.helm.charts[0].values`."""
    out = ""
    for key in path:
        if isinstance(key, int):
            out += f"[{key}]"
        else:
            out += f".{key}" if out else key
    return out
