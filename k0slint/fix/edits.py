"""What a fix is: structural edits to a document (replace a scalar, insert a key),
with a title and how safe it is to apply.

Plain classes with slots, not dataclasses (see k0slint.lint.findings). Edits and fixes
compare by identity; they hold nodes and are never compared by value."""

from enum import Enum

from k0slint.yaml.nodes import MappingNode, PlainData, ScalarNode, YamlPath


class Applicability(str, Enum):
    """Like ruff: `safe` fixes are applied by --fix, `unsafe` only with --unsafe-fixes."""

    SAFE = "safe"
    UNSAFE = "unsafe"


class ReplaceValue:
    """Replace the scalar `node` with `value`."""

    __slots__ = ("node", "value")

    def __init__(self, node: ScalarNode, value: str) -> None:
        self.node = node
        self.value = value

    def __repr__(self) -> str:
        return f"ReplaceValue({self.path!r}, {self.value!r})"

    @property
    def path(self) -> YamlPath:
        return self.node.path


class InsertKey:
    """Add `key: value` to `mapping` (which must not have `key`)."""

    __slots__ = ("key", "mapping", "value")

    def __init__(self, mapping: MappingNode, key: str, value: PlainData) -> None:
        self.mapping = mapping
        self.key = key
        self.value = value

    def __repr__(self) -> str:
        return f"InsertKey({self.path!r}, {self.value!r})"

    @property
    def path(self) -> YamlPath:
        return (*self.mapping.path, self.key)


Edit = ReplaceValue | InsertKey


class Fix:
    __slots__ = ("applicability", "edits", "title")

    def __init__(self, title: str, applicability: Applicability, edits: tuple[Edit, ...]) -> None:
        self.title = title
        self.applicability = applicability
        self.edits = edits

    def __repr__(self) -> str:
        return f"Fix({self.title!r}, {self.applicability.value}, {len(self.edits)} edits)"

    def without_edits(self) -> "Fix":
        """The fix as a report describes it: title and applicability."""
        return Fix(self.title, self.applicability, ())

    def applies(self, *, unsafe: bool) -> bool:
        """Whether --fix applies it (with --unsafe-fixes when `unsafe`)."""
        return self.applicability is Applicability.SAFE or unsafe
