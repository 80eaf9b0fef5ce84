"""The JSON schema of the ClusterConfig for a k0s release, and walking a config against it.

Schemas are generated per minor release (scripts/gen_schemas.py, schemas/SOURCES.json).
jsonschema is imported only when a config is validated; each validator is built once.
"""

import json
import math
from collections.abc import Iterator
from functools import cache
from typing import TYPE_CHECKING, Any, NamedTuple

from k0slint.k0s.package_data import read_text
from k0slint.k0s.placeholders import is_placeholder
from k0slint.k0s.releases import Release
from k0slint.yaml.nodes import MappingNode, Node, PlainData, ScalarNode, SequenceNode, YamlPath

if TYPE_CHECKING:
    from jsonschema.protocols import Validator

FIRST_MINOR, LAST_MINOR = (1, 26), (1, 36)
SchemaNode = dict[str, Any]


def minor_of(release: Release) -> str:
    key = max(FIRST_MINOR, min(LAST_MINOR, release.version.minor_key))
    return f"{key[0]}.{key[1]}"


@cache
def load_schema(minor: str) -> SchemaNode:
    text = read_text("k0slint.schemas", f"k0s-{minor}.json")
    schema: SchemaNode = json.loads(text)
    return schema


def all_minors() -> list[str]:
    return [f"1.{minor}" for minor in range(FIRST_MINOR[1], LAST_MINOR[1] + 1)]


@cache
def validator(minor: str) -> "Validator":
    from jsonschema import Draft7Validator

    return Draft7Validator(load_schema(minor))


def properties(node: SchemaNode | None) -> dict[str, SchemaNode]:
    if not node:
        return {}
    found: dict[str, SchemaNode] = node.get("properties", {})
    return found


def child_schema(node: SchemaNode | None, key: str | int) -> SchemaNode | None:
    """The schema of a child: a property, a list item, or a map value."""
    if not node:
        return None
    if isinstance(key, int):
        items = node.get("items")
        return items if isinstance(items, dict) else None
    if key in properties(node):
        return properties(node)[key]
    extra = node.get("additionalProperties")
    return extra if isinstance(extra, dict) else None


def at_path(schema: SchemaNode, path: YamlPath) -> SchemaNode | None:
    node: SchemaNode | None = schema
    for key in path:
        node = child_schema(node, key)
    return node


class UnknownKey(NamedTuple):
    """A key that is not a field of its mapping at this release."""

    key_node: ScalarNode
    name: str
    path: YamlPath  # config-relative path of the mapping holding it
    strict: bool
    known: tuple[str, ...]


class CaseMismatch(NamedTuple):
    """A key k0s matches to a field only because its JSON decoder ignores case."""

    key_node: ScalarNode
    name: str
    field: str
    path: YamlPath


def _folded(fields: dict[str, SchemaNode]) -> dict[str, str]:
    """Field names by their lower case: k0s's JSON decoder matches keys ignoring case."""
    return {name.lower(): name for name in fields}


def walk_fields(
    config: MappingNode, schema: SchemaNode, release: Release | None = None
) -> Iterator[UnknownKey | CaseMismatch]:
    """Keys of `config` that are not fields (by name) of the schema at `release`, depth first."""
    stack: list[tuple[Node, SchemaNode | None, YamlPath]] = [(config, schema, ())]
    while stack:
        node, node_schema, path = stack.pop()
        if not node_schema:
            continue
        if isinstance(node, SequenceNode):
            item_schema = child_schema(node_schema, 0)
            stack.extend(
                (item, item_schema, (*path, index))
                for index, item in enumerate(node.items)
                if not isinstance(item, ScalarNode)
            )
            continue
        if not isinstance(node, MappingNode):
            continue
        fields = properties(node_schema)
        strict = node_schema.get("additionalProperties") is False
        for name, (key_node, value) in node.entries.items():
            canonical = name if name in fields or not fields else _folded(fields).get(name.lower())
            field = fields.get(canonical) if canonical is not None else None
            if canonical in _PATCH_LEVEL_NAMES and release and introduced_in_patch(release, path, canonical):
                canonical = None
            if field is not None and "$comment" in field:
                canonical = None  # a key k0s forgives: unknown all the same
            if canonical is None:
                yield UnknownKey(key_node, name, path, strict, tuple(fields))
                continue
            if canonical != name:
                yield CaseMismatch(key_node, name, canonical, path)
            if not isinstance(value, ScalarNode):
                child = field if field is not None else child_schema(node_schema, canonical)
                stack.append((value, child, (*path, canonical)))


def validation_data(
    config: MappingNode, schema: SchemaNode, non_finite: list[ScalarNode] | None = None
) -> PlainData:
    """The config as k0s's JSON decoder sees it: field names matched ignoring case,
    integral floats as integers (json.Marshal prints 6443.0 as 6443). Templated values and
    infinities become null, which every field accepts; the infinities (and NaNs) are added to
    `non_finite` when given."""
    return _normalise(config, schema, non_finite if non_finite is not None else [])


def _normalise(node: Node, node_schema: SchemaNode | None, non_finite: list[ScalarNode]) -> PlainData:
    if isinstance(node, MappingNode):
        fields = properties(node_schema)
        out: dict[str, PlainData] = {}
        for name, (_, value) in node.entries.items():
            canonical = name if name in fields else _folded(fields).get(name.lower(), name)
            child = fields.get(canonical)
            if child is None:
                child = child_schema(node_schema, canonical)
            out[canonical] = _normalise(value, child, non_finite)
        return out
    if isinstance(node, SequenceNode):
        item_schema = child_schema(node_schema, 0)
        return [_normalise(item, item_schema, non_finite) for item in node.items]
    assert isinstance(node, ScalarNode)
    scalar = node.value
    if isinstance(scalar, float):
        if not math.isfinite(scalar):
            non_finite.append(node)
            return None  # no JSON form: reported on its own
        return int(scalar) if scalar.is_integer() else scalar
    if isinstance(scalar, str) and is_placeholder(scalar):
        return None  # filled in later: any type may come
    return scalar


# Fields a minor's schema lists that exist only from a patch release of that minor.
# (k0s source: Chart.ForceUpgrade - PR backports, first in v1.28.14, v1.29.9, v1.30.5;
# KonnectivitySpec.ExternalAddress - first in v1.31.13, v1.32.10, v1.33.6, v1.34.1.)
PATCH_LEVEL_FIELDS: dict[tuple[str, ...], dict[tuple[int, int], tuple[int, int, int]]] = {
    ("spec", "extensions", "helm", "charts", "[]", "forceUpgrade"): {
        (1, 28): (1, 28, 14),
        (1, 29): (1, 29, 9),
        (1, 30): (1, 30, 5),
    },
    ("spec", "konnectivity", "externalAddress"): {
        (1, 31): (1, 31, 13),
        (1, 32): (1, 32, 10),
        (1, 33): (1, 33, 6),
    },
}
_PATCH_LEVEL_NAMES = frozenset(path[-1] for path in PATCH_LEVEL_FIELDS)
# strictyaml.YamlUnmarshalStrictIgnoringFields(in, out, "interval", "podSecurityPolicy")
# (internal/pkg/strictyaml/strictyaml.go) means to drop the strict decoder's error for an
# unknown key of either name, wherever it stands. It loops over the two names and sets the
# error to nil on a match, so a match on `interval` dereferences the nil error at the next
# name: k0s panics and does not load the config. Only `podSecurityPolicy`, the last name, is
# really forgiven. Seen by running k0s's own code at v1.27.2 - v1.33.8+k0s.1 (conformance/,
# finding F1); the function is the same in every release.
FORGIVEN_KEYS = (("podSecurityPolicy",),)
FORGIVEN_FIELDS = frozenset(path[-1] for path in FORGIVEN_KEYS)
PANICKING_FIELDS = frozenset({"interval"})


def schema_path(path: YamlPath) -> tuple[str, ...]:
    return tuple("[]" if isinstance(key, int) else key for key in path)


def introduced_in_patch(release: Release, path: YamlPath, name: str) -> tuple[int, int, int] | None:
    """The patch release that added field `name` of the mapping at `path`, when `release`
    is older than it; None otherwise."""
    if name not in _PATCH_LEVEL_NAMES:
        return None
    first = PATCH_LEVEL_FIELDS.get((*schema_path(path), name), {}).get(release.version.minor_key)
    version = release.version
    if first is not None and (version.major, version.minor, version.patch or 0) < first:
        return first
    return None


def minors_with_field(path: YamlPath, name: str) -> list[str]:
    """Minor releases whose schema has field `name` in the mapping at `path`."""
    out = []
    for minor in all_minors():
        node = at_path(load_schema(minor), path)
        if name in properties(node):
            out.append(minor)
    return out


def json_order(path: YamlPath) -> tuple[tuple[int, str | int], ...]:
    """Sort key for the order Go's JSON decoder meets fields (keys sorted at every level)."""
    return tuple((1, key) if isinstance(key, int) else (0, key) for key in path)


def suggest(name: str, known: tuple[str, ...] | list[str]) -> str | None:
    """The field `name` most likely meant, among `known`."""
    import difflib

    by_fold = {field.lower(): field for field in known}
    if name.lower() in by_fold:
        return by_fold[name.lower()]
    close = difflib.get_close_matches(name.lower(), list(by_fold), n=1, cutoff=0.75)
    return by_fold[close[0]] if close else None


def find_elsewhere(name: str, schema: SchemaNode, under: YamlPath) -> YamlPath | None:
    """A field of this name (ignoring case) deeper below the mapping at `under`, shallowest
    first: a key written a level or two too high (`spec.podCIDR` for `spec.network.podCIDR`)."""
    start = at_path(schema, under)
    queue: list[tuple[SchemaNode, YamlPath]] = [
        (child, (*under, field)) for field, child in properties(start).items()
    ]
    while queue:
        node, path = queue.pop(0)
        for field, child in properties(node).items():
            if field.lower() == name.lower():
                return (*path, field)
            queue.append((child, (*path, field)))
    return None


class JudgedKey(NamedTuple):
    """An unknown key and what k0s does with it: `rejected` (the config is refused),
    `panics` (`interval`: k0s crashes instead of forgiving it, see PANICKING_FIELDS),
    `forgiven` (`podSecurityPolicy`: refused, then the error is dropped),
    `masked` (refused, but a forgiven key met first hides the error), `dropped` (a lenient
    subtree ignores it)."""

    key: UnknownKey
    verdict: str


class FieldReport(NamedTuple):
    judged: tuple[JudgedKey, ...]
    case_mismatches: tuple[CaseMismatch, ...]


def field_report(config: MappingNode, release: Release) -> FieldReport:
    unknown: list[UnknownKey] = []
    cases: list[CaseMismatch] = []
    for item in walk_fields(config, load_schema(minor_of(release)), release):
        (unknown if isinstance(item, UnknownKey) else cases).append(item)  # type: ignore[arg-type]
    strict = sorted((key for key in unknown if key.strict), key=lambda key: json_order((*key.path, key.name)))
    masked = bool(strict) and strict[0].name in FORGIVEN_FIELDS
    judged = []
    for key in unknown:
        if not key.strict:
            verdict = "dropped"
        elif key.name in FORGIVEN_FIELDS:
            verdict = "forgiven"
        elif masked:
            verdict = "masked"
        else:
            verdict = "panics" if key.name in PANICKING_FIELDS else "rejected"
        judged.append(JudgedKey(key, verdict))
    return FieldReport(tuple(judged), tuple(cases))
