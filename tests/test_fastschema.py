"""k0slint.k0s.fast_schema gives jsonschema's verdict (any error but `additionalProperties: false`) on
every schema test case: the rule tables, the examples, the real corpus and generated data."""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import tests.rules
from k0slint.k0s.documents import recognise
from k0slint.k0s.fast_schema import checker, valid
from k0slint.k0s.schema import all_minors, load_schema, validation_data, validator
from k0slint.testing import Invalid, Valid
from k0slint.yaml.parse import YamlError, parse_documents
from k0slint.yaml.source import SourceError, decode
from tests.helpers import ROOT, corpus_files

MINORS = all_minors()


def reference(minor: str, data: Any) -> bool:
    return reference_verdict(validator(minor).iter_errors(data))


def quick(minor: str, data: Any) -> bool:
    check = checker(minor)
    assert check is not None
    return check(data)


def _texts() -> Iterator[tuple[str, str]]:
    for module_info in pkgutil.iter_modules(tests.rules.__path__):
        module = importlib.import_module(f"tests.rules.{module_info.name}")
        for name, value in vars(module).items():
            if isinstance(value, list):
                for index, case in enumerate(value):
                    if isinstance(case, Valid | Invalid):
                        yield f"{module_info.name}.{name}[{index}]", case.yaml
    for path in sorted((ROOT / "examples").iterdir()):
        yield f"examples/{path.name}", path.read_text()
    for path in corpus_files():
        try:
            yield f"corpus/{path.name}", decode(path.name, path.read_bytes()).text
        except SourceError:
            continue


def _configs() -> list[tuple[str, Any]]:
    found = []
    for name, text in _texts():
        try:
            documents = list(recognise("k0s.yaml", text, parse_documents(text)))
        except YamlError:
            continue
        for index, document in enumerate(documents):
            if document.config is not None:
                found.append((f"{name}#{index}", document.config))
    return found


CONFIGS = _configs()


def test_every_schema_is_handled() -> None:
    assert all(checker(minor) is not None for minor in MINORS)


def test_there_are_enough_cases() -> None:
    assert len(CONFIGS) > 150


@pytest.mark.parametrize("minor", MINORS)
def test_same_verdict_on_every_case(minor: str) -> None:
    schema = load_schema(minor)
    verdicts = {True: 0, False: 0}
    for name, config in CONFIGS:
        data = validation_data(config, schema)
        expected = reference(minor, data)
        assert quick(minor, data) == expected, f"{name} at {minor}: jsonschema says {expected}"
        verdicts[expected] += 1
    assert verdicts[True] and verdicts[False], verdicts


@pytest.mark.parametrize(
    ("schema", "value", "expected"),
    [
        ({"type": "integer"}, True, False),
        ({"type": "integer"}, 3.0, True),
        ({"type": "integer"}, 3.5, False),
        ({"type": "number"}, False, False),
        ({"type": ["string", "null"]}, None, True),
        ({"enum": [1, "a", None]}, True, False),
        ({"enum": [1]}, 1.0, True),
        ({"const": True}, 1, False),
        ({"minimum": 1}, "0", True),
        ({"maximum": 1}, True, True),
        ({"pattern": "^a"}, 5, True),
        ({"pattern": "b"}, "abc", True),
        ({"anyOf": [{"additionalProperties": False}]}, {"x": 1}, False),
        ({"properties": {"a": {"additionalProperties": False}}}, {"a": {"x": 1}}, True),
        ({"if": {"required": ["a"]}, "then": {"additionalProperties": False}}, {"a": 1}, True),
        ({"if": {"additionalProperties": False}, "else": {"required": ["b"]}}, {"a": 1}, False),
        ({"required": ["a"]}, {}, False),
        ({"required": ["a"]}, [], True),
        ({"items": {"type": "string"}}, ["a", 1], False),
        ({"additionalProperties": {"type": "string"}}, {"a": 1}, False),
        ({"enum": [{"a": [1]}]}, {"a": [1.0]}, True),
        ({"enum": [[True]]}, [1], False),
    ],
)
def test_keyword_semantics_match_jsonschema(schema: dict[str, Any], value: Any, expected: bool) -> None:
    from jsonschema import Draft7Validator

    errors = Draft7Validator(schema).iter_errors(value)
    assert reference_verdict(errors) == expected
    assert valid(schema, value, True) == expected


def reference_verdict(errors: Iterator[Any]) -> bool:
    return not any(error.validator != "additionalProperties" for error in errors)


JUNK = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(2**40), 2**40),
    st.floats(allow_nan=False, allow_infinity=False),
    st.sampled_from(
        ["", "a", "1.5", "true", "kuberouter", "calico", "ipv4", "10.0.0.0/16", "Always", "x-y.z"]
    ),
    st.just([]),
    st.just({}),
)


@st.composite
def conforming(draw: st.DrawFn, schema: Any, depth: int = 0) -> Any:
    """Data shaped by `schema`: mostly right, sometimes wrong in one of many ways."""
    if not isinstance(schema, dict) or depth > 6 or draw(st.integers(0, 12)) == 0:
        return draw(JUNK)
    if "anyOf" in schema:
        return draw(conforming(draw(st.sampled_from(schema["anyOf"])), depth + 1))
    if "enum" in schema and draw(st.booleans()):
        return draw(st.sampled_from(schema["enum"]))
    kinds = schema.get("type", "object")
    kind = draw(st.sampled_from(kinds)) if isinstance(kinds, list) else kinds
    if kind == "object":
        fields = schema.get("properties", {})
        names = draw(st.lists(st.sampled_from(sorted(fields)), unique=True, max_size=5)) if fields else []
        out = {name: draw(conforming(fields[name], depth + 1)) for name in names}
        extra = schema.get("additionalProperties")
        if isinstance(extra, dict) or draw(st.integers(0, 5)) == 0:
            for key in draw(st.lists(st.sampled_from(["k1", "k2", "disabled"]), unique=True, max_size=2)):
                out[key] = draw(conforming(extra if isinstance(extra, dict) else None, depth + 1))
        return out
    if kind == "array":
        return draw(st.lists(conforming(schema.get("items"), depth + 1), max_size=3))
    if kind == "integer":
        low, high = schema.get("minimum", -10), schema.get("maximum", 70000)
        return draw(st.one_of(st.integers(low - 2, high + 2), st.just(float(low))))
    if kind == "number":
        return draw(st.floats(allow_nan=False, allow_infinity=False))
    if kind == "boolean":
        return draw(st.booleans())
    if kind == "null":
        return None
    return draw(st.sampled_from(["", "a-b", "A_B", "nginx", "-x", "1.5", "k0s.example", "30s"]))


@pytest.mark.slow
@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_same_verdict_on_generated_data(data: st.DataObject) -> None:
    minor = data.draw(st.sampled_from(MINORS))
    value = data.draw(conforming(load_schema(minor)))
    assert quick(minor, value) == reference(minor, value)
