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

from k0slint.schema import SchemaNode, load_schema

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


def _is_type(value: Any, kind: str) -> bool:
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


@cache
def _pattern(text: str) -> re.Pattern[str]:
    return re.compile(text)


def valid(schema: Any, value: Any, lenient: bool) -> bool:
    """Whether `value` passes `schema`; `lenient` skips `additionalProperties: false`, which
    jsonschema reports under that keyword except inside `anyOf` and `if` (their errors are
    their own)."""
    if schema is True:
        return True
    if schema is False:
        return False
    kind = schema.get("type")
    if kind is not None:
        kinds = [kind] if isinstance(kind, str) else kind
        if not any(_is_type(value, name) for name in kinds):
            return False
    if "enum" in schema and not any(_equal(value, item) for item in schema["enum"]):
        return False
    if "const" in schema and not _equal(value, schema["const"]):
        return False
    if isinstance(value, int | float) and not isinstance(value, bool):
        if "minimum" in schema and value < schema["minimum"]:
            return False
        if "maximum" in schema and value > schema["maximum"]:
            return False
    if isinstance(value, str) and "pattern" in schema and not _pattern(schema["pattern"]).search(value):
        return False
    if isinstance(value, dict) and not _valid_object(schema, value, lenient):
        return False
    if isinstance(value, list) and "items" in schema:
        items = schema["items"]
        if not all(valid(items, item, lenient) for item in value):
            return False
    if "anyOf" in schema and not any(valid(branch, value, False) for branch in schema["anyOf"]):
        return False
    if "if" in schema:
        branch = schema.get("then", True) if valid(schema["if"], value, False) else schema.get("else", True)
        if not valid(branch, value, lenient):
            return False
    return True


def _valid_object(schema: SchemaNode, value: dict[str, Any], lenient: bool) -> bool:
    if any(key not in value for key in schema.get("required", ())):
        return False
    fields = schema.get("properties", {})
    extra = schema.get("additionalProperties", True)
    for key, item in value.items():
        if key in fields:
            if not valid(fields[key], item, lenient):
                return False
        elif extra is False:
            if not lenient:
                return False
        elif not valid(extra, item, lenient):
            return False
    return True


@cache
def checker(minor: str) -> Callable[[Any], bool] | None:
    """A check for the schema of `minor`, or None when it uses a keyword not handled here."""
    schema = load_schema(minor)
    if not _supported(schema):
        return None
    return lambda data: valid(schema, data, True)
