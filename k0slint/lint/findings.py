"""Findings and fixes: the values rules produce and reporters print.

Records are NamedTuples or plain classes with slots, not dataclasses: a one-file hook run
creates every class it imports, and a dataclass costs ~0.6 ms to create (benchmarks/README.md).
Edits and fixes compare by identity; they hold nodes and are never compared by value."""

from enum import Enum
from typing import NamedTuple

from k0slint.fix.edits import Fix
from k0slint.yaml.nodes import Node, YamlPath


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


class Location(NamedTuple):
    """A span in a file: 1-based lines and columns, end column exclusive."""

    file: str
    line: int
    column: int
    end_line: int
    end_column: int

    @classmethod
    def of(cls, file: str, node: Node) -> "Location":
        return cls(file, node.line, node.column, node.end_line, node.end_column)


class RelatedLocation(NamedTuple):
    location: Location
    message: str
    path: YamlPath = ()


class Finding(NamedTuple):
    code: str
    name: str
    severity: Severity
    message: str
    location: Location
    path: YamlPath = ()
    document: int = 0
    fix: Fix | None = None
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
