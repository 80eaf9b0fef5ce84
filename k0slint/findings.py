"""Findings and fixes: the frozen values rules produce and reporters print."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

from k0slint.nodes import MappingNode, Node, PlainData, ScalarNode, YamlPath


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 3, "warning": 2, "info": 1}[self.value]


class Applicability(str, Enum):
    """Like ruff: `safe` fixes are applied by --fix, `unsafe` only with --unsafe-fixes."""

    SAFE = "safe"
    UNSAFE = "unsafe"
    DISPLAY_ONLY = "display-only"


@dataclass(frozen=True, eq=False)
class ReplaceValue:
    """Replace the scalar `node` with `value`."""

    node: ScalarNode
    value: str

    @property
    def path(self) -> YamlPath:
        return self.node.path


@dataclass(frozen=True, eq=False)
class InsertKey:
    """Add `key: value` to `mapping` (which must not have `key`)."""

    mapping: MappingNode
    key: str
    value: PlainData

    @property
    def path(self) -> YamlPath:
        return (*self.mapping.path, self.key)


@dataclass(frozen=True, eq=False)
class DeleteKey:
    """Remove `key` and its value from `mapping`."""

    mapping: MappingNode
    key: str

    @property
    def path(self) -> YamlPath:
        return (*self.mapping.path, self.key)


Edit = ReplaceValue | InsertKey | DeleteKey


@dataclass(frozen=True, eq=False)
class Fix:
    title: str
    applicability: Applicability
    edits: tuple[Edit, ...]

    def applies(self, *, unsafe: bool) -> bool:
        """Whether --fix applies it (with --unsafe-fixes when `unsafe`)."""
        if self.applicability is Applicability.SAFE:
            return True
        return unsafe and self.applicability is Applicability.UNSAFE


@dataclass(frozen=True)
class Location:
    """A span in a file: 1-based lines and columns, end column exclusive."""

    file: str
    line: int
    column: int
    end_line: int
    end_column: int

    @classmethod
    def of(cls, file: str, node: Node) -> Location:
        return cls(file, node.line, node.column, node.end_line, node.end_column)


@dataclass(frozen=True)
class RelatedLocation:
    location: Location
    message: str
    path: YamlPath = ()


@dataclass(frozen=True)
class Finding:
    code: str
    name: str
    severity: Severity
    message: str
    location: Location
    path: YamlPath = ()
    document: int = 0
    fix: Fix | None = field(default=None, compare=False)
    related: tuple[RelatedLocation, ...] = ()

    @property
    def file(self) -> str:
        return self.location.file

    @property
    def line(self) -> int:
        return self.location.line

    @property
    def column(self) -> int:
        return self.location.column

    @property
    def end_line(self) -> int:
        return self.location.end_line

    @property
    def end_column(self) -> int:
        return self.location.end_column

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.file, self.line, self.column, self.code)
