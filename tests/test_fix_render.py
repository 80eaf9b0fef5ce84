"""Rendering inserted values (k0slint.fix.render): every type, nested, in each quoting style."""

from __future__ import annotations

import pytest

from k0slint.fix.render import double_quoted, plain_is_safe, render_block_entry, render_flow, single_quoted
from k0slint.yaml.nodes import PlainData


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("a\x01b", '"a\\x01b"'),
        ("a\x7fb", '"a\\x7fb"'),
        ("a\x80b", '"a\x80b"'),
        ("a\x1fb\tc\0", '"a\\x1fb\\tc\\0"'),
        ('q"\\', '"q\\"\\\\"'),
    ],
)
def test_double_quoted_escapes_control_characters(value: str, expected: str) -> None:
    assert double_quoted(value) == expected


def test_single_quoting_refuses_control_characters_only() -> None:
    assert single_quoted("a\x7fb") is None
    assert single_quoted("a\x1fb") is None
    assert single_quoted("a\x80b") == "'a\x80b'"
    assert single_quoted("it's") == "'it''s'"


def test_a_plain_value_must_not_end_with_a_colon() -> None:
    assert not plain_is_safe("registry:")
    assert plain_is_safe("registry:5000")


@pytest.mark.parametrize(
    ("value", "style", "key_style", "expected"),
    [
        (None, None, None, "null"),
        (True, None, None, "true"),
        (False, "'", None, "false"),
        (1, None, None, "1"),
        (1.5, '"', None, "1.5"),
        ("a\x01", None, None, '"a\\x01"'),
        ({"k": "v", "on": "1"}, None, None, "{k: v, 'on': '1'}"),
        ({"k": "v"}, '"', "'", "{'k': \"v\"}"),
        ({"k": ["v", {"m": None}]}, "'", None, "{k: ['v', {m: null}]}"),
        (["x", True, "yes"], None, None, "[x, true, 'yes']"),
        ([{"k": "v"}], None, '"', '[{"k": v}]'),
        ([], None, None, "[]"),
        ({}, None, None, "{}"),
        ({"k": {"m": "v"}}, None, "'", "{'k': {'m': v}}"),
    ],
)
def test_render_flow(value: PlainData, style: str | None, key_style: str | None, expected: str) -> None:
    assert render_flow(value, style, key_style) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("v", ["  'key': 'v'"]),
        ({"a": {"b": "1"}}, ["  'key':", "     'a':", "        'b': '1'"]),
        (["1", {"k": "v"}], ["  'key':", "     - '1'", "     - {'k': 'v'}"]),
        ([], ["  'key': []"]),
        ({}, ["  'key': {}"]),
        ({"k": None}, ["  'key':", "     'k': null"]),
    ],
)
def test_render_block_entry_quotes_keys_and_values_in_their_styles(
    value: PlainData, expected: list[str]
) -> None:
    assert render_block_entry("key", value, 2, 3, "'", "'") == expected
