"""A quick yes/no check of a config against k0slint's schemas, so that jsonschema (~100 ms to
import, the reference validator) runs only for configs that have a violation to describe.

It answers one question with jsonschema's Draft 7 semantics: would the validator report any
error other than `additionalProperties: false` at a field (unknown fields are K0S003/K0S004's
business)? It knows the keywords scripts/gen_schemas.py emits; a schema with any other keyword
is not checked here (`checker` returns None) and goes to jsonschema. tests/test_fastschema.py
holds it to jsonschema's verdict on every case.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache
from typing import Any

from k0slint.k0s.schema import SchemaNode, load_schema

_ANNOTATIONS = frozenset({"$schema", "$id", "$comment", "title", "description", "default", "examples"})
_KEYWORDS = frozenset(
    {
        "type",
        "properties",
        "additionalProperties",
        "items",
        "enum",
        "const",
        "minimum",
        "maximum",
        "pattern",
        "anyOf",
        "if",
        "then",
        "else",
        "required",
    }
)


def is_type(value: Any, kind: str) -> bool:
    """JSON Schema's `type` test of one value (booleans are not numbers; 1.0 is an integer)."""
    if kind == "string":
        return isinstance(value, str)
    if kind == "object":
        return isinstance(value, dict)
    if kind == "array":
        return isinstance(value, list)
    if kind == "boolean":
        return isinstance(value, bool)
    if kind == "null":
        return value is None
    if isinstance(value, bool):
        return False
    if kind == "integer":
        return isinstance(value, int) or (isinstance(value, float) and value.is_integer())
    if kind == "number":
        return isinstance(value, int | float)
    raise ValueError(kind)


def _equal(one: Any, other: Any) -> bool:
    """JSON equality as jsonschema has it: booleans are not numbers, 1 equals 1.0."""
    if isinstance(one, bool) or isinstance(other, bool):
        return isinstance(one, bool) and isinstance(other, bool) and one == other
    if isinstance(one, dict) and isinstance(other, dict):
        return one.keys() == other.keys() and all(_equal(one[key], other[key]) for key in one)
    if isinstance(one, list) and isinstance(other, list):
        return len(one) == len(other) and all(map(_equal, one, other))
    if isinstance(one, dict | list) or isinstance(other, dict | list):
        return False
    return bool(one == other)


def _supported(schema: Any) -> bool:
    if isinstance(schema, bool):
        return True
    if not isinstance(schema, dict):
        return False
    for keyword, value in schema.items():
        if keyword in _ANNOTATIONS or keyword.startswith("x-kubernetes-"):
            continue
        if keyword not in _KEYWORDS:
            return False
        if keyword == "properties" and not all(map(_supported, value.values())):
            return False
        if keyword in ("additionalProperties", "items", "if", "then", "else") and not _supported(value):
            return False
        if keyword == "anyOf" and not all(map(_supported, value)):
            return False
        if keyword == "type" and not all(
            kind in ("string", "object", "array", "boolean", "null", "integer", "number")
            for kind in ([value] if isinstance(value, str) else value)
        ):
            return False
    return True


Check = Callable[[Any], bool]


def _always(value: Any) -> bool:
    return True


def _never(value: Any) -> bool:
    return False


def _all(checks: list[Check]) -> Check:
    if not checks:
        return _always
    if len(checks) == 1:
        return checks[0]

    def check(value: Any) -> bool:
        for one in checks:  # noqa: SIM110 - faster than all() over a generator
            if not one(value):
                return False
        return True

    return check


_PYTHON_TYPES = {"string": str, "object": dict, "array": list, "boolean": bool, "null": type(None)}


def _type_check(kinds: list[str]) -> Check:
    """`is_type` for any of `kinds`, with the isinstance checks worked out once."""
    exact = tuple(_PYTHON_TYPES[kind] for kind in kinds if kind in _PYTHON_TYPES)
    numbers = [kind for kind in kinds if kind not in _PYTHON_TYPES]
    if not numbers:
        return lambda value: isinstance(value, exact)
    return lambda value: isinstance(value, exact) or any(is_type(value, kind) for kind in numbers)


class _Compiler:
    """Turns a schema into nested closures, each node the first time a value reaches it, so
    that checking many configs does not look keywords up in every schema node it passes."""

    def __init__(self) -> None:
        self.done: dict[tuple[int, bool], Check] = {}
        self.keep: list[Any] = []  # the schemas whose ids key `done`

    def compile(self, schema: Any, lenient: bool) -> Check:
        if schema is True:
            return _always
        if schema is False:
            return _never
        key = (id(schema), lenient)
        found = self.done.get(key)
        if found is None:
            self.keep.append(schema)
            found = self.done[key] = self._build(schema, lenient)
        return found

    def _build(self, schema: SchemaNode, lenient: bool) -> Check:
        checks: list[Check] = []
        kind = schema.get("type")
        if kind is not None:
            checks.append(_type_check([kind] if isinstance(kind, str) else list(kind)))
        if "enum" in schema:
            options = schema["enum"]
            checks.append(lambda value: any(_equal(value, item) for item in options))
        if "const" in schema:
            constant = schema["const"]
            checks.append(lambda value: _equal(value, constant))
        if "minimum" in schema or "maximum" in schema:
            low, high = schema.get("minimum"), schema.get("maximum")

            def in_range(value: Any) -> bool:
                if not isinstance(value, int | float) or isinstance(value, bool):
                    return True
                return (low is None or value >= low) and (high is None or value <= high)

            checks.append(in_range)
        if "pattern" in schema:
            search = _pattern(schema["pattern"]).search
            checks.append(lambda value: not isinstance(value, str) or search(value) is not None)
        if "required" in schema or "properties" in schema or "additionalProperties" in schema:
            checks.append(self._object(schema, lenient))
        if "items" in schema:
            item = self._lazy(schema["items"], lenient)
            checks.append(lambda value: not isinstance(value, list) or all(map(item, value)))
        if "anyOf" in schema:
            branches = [self._lazy(branch, False) for branch in schema["anyOf"]]
            checks.append(lambda value: any(branch(value) for branch in branches))
        if "if" in schema:
            condition = self._lazy(schema["if"], False)
            then = self._lazy(schema.get("then", True), lenient)
            otherwise = self._lazy(schema.get("else", True), lenient)
            checks.append(lambda value: then(value) if condition(value) else otherwise(value))
        return _all(checks)

    def _lazy(self, schema: Any, lenient: bool) -> Check:
        """A check compiled the first time it runs: a one-file run compiles only what it visits."""
        compiled: list[Check] = []

        def check(value: Any) -> bool:
            if not compiled:
                compiled.append(self.compile(schema, lenient))
            return compiled[0](value)

        return check

    def _object(self, schema: SchemaNode, lenient: bool) -> Check:
        required = tuple(schema.get("required", ()))
        properties: SchemaNode = schema.get("properties", {})
        fields: dict[str, Check] = {}
        extra_schema = schema.get("additionalProperties", True)
        closed = extra_schema is False
        extra = self._lazy(extra_schema, lenient)

        def check(value: Any) -> bool:
            if not isinstance(value, dict):
                return True
            for key in required:
                if key not in value:
                    return False
            for key, item in value.items():
                field = fields.get(key)
                if field is None and key in properties:
                    field = fields[key] = self.compile(properties[key], lenient)
                if field is not None:
                    if not field(item):
                        return False
                elif closed:
                    if not lenient:
                        return False
                elif not extra(item):
                    return False
            return True

        return check


@cache
def _pattern(text: str) -> re.Pattern[str]:
    return re.compile(text)


def valid(schema: Any, value: Any, lenient: bool) -> bool:
    """Whether `value` passes `schema`; `lenient` skips `additionalProperties: false`, which
    jsonschema reports under that keyword except inside `anyOf` and `if` (their errors are
    their own). Compiles `schema` on every call: `checker` keeps its compiled schema."""
    return _Compiler().compile(schema, lenient)(value)


@cache
def checker(minor: str) -> Callable[[Any], bool] | None:
    """A check for the schema of `minor`, or None when it uses a keyword not handled here."""
    schema = load_schema(minor)
    if not _supported(schema):
        return None
    return _Compiler().compile(schema, True)
