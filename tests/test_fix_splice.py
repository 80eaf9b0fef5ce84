"""Splicing edits into text (k0slint.fix.splice): the cases the golden files do not show."""

from __future__ import annotations

import pytest

from k0slint.fix.edits import Applicability, Fix, InsertKey, ReplaceValue
from k0slint.fix.locate import LocatedEdit, located_edits
from k0slint.fix.splice import Layout, SpliceError, TextEdit, apply_text_edits, splice, text_edits
from k0slint.yaml.nodes import MappingNode, PlainData, ScalarNode, walk
from k0slint.yaml.parse import parse_documents


def _root(text: str) -> MappingNode:
    (document,) = list(parse_documents(text))
    assert isinstance(document.root, MappingNode)
    return document.root


def _insert(text: str, path: tuple[str, ...], key: str, value: PlainData) -> str:
    mapping = walk(_root(text), path)
    assert isinstance(mapping, MappingNode)
    return apply_text_edits(text, [splice(InsertKey(mapping, key, value), text, Layout.of(text))])


def _replace(text: str, path: tuple[str, ...], value: str) -> str:
    node = walk(_root(text), path)
    assert isinstance(node, ScalarNode)
    return apply_text_edits(text, [splice(ReplaceValue(node, value), text, Layout.of(text))])


@pytest.mark.parametrize(
    ("text", "newline", "step"),
    [
        ("a:\n  b: 1\n", "\n", 2),
        ("a:\r\n    b: 1\r\n", "\r\n", 4),
        ("a:\r    b: 1\r", "\r", 4),  # CR-only line endings
        ("a:\r\n  b: 1\nc: 1\r\n", "\n", 2),  # mixed: LF wins
        ("a: 1\n", "\n", 2),  # no nested mapping: the default step
        ("a:\n\n   b: 1\n", "\n", 2),  # a blank line after the key does not count
        ("a:\n   # note\n   b: 1\n", "\n", 2),  # nor does a comment
        ("a:\n   b: 1\nc:\n   d: 1\ne:\n  f: 1\n", "\n", 3),  # the most common step
        ("- a:\n    b: 1\n", "\n", 4),  # from the line's indentation, not the dash
        ("a: # note\n    b: 1\n", "\n", 4),
        ("a:\nb: 1\n", "\n", 2),  # not deeper: no step
        ("x: 1\na:\n    b: 1\n", "\n", 4),  # a line that is no `key:` is skipped, not the end
        ("e:\n  f: 1\na:\n   b: 1\nc:\n   d: 1\n", "\n", 3),  # counted, not the first seen
        ("x: 1\na:\n  b:\n    c: 1\n  d:\n    e: 1\n", "\n", 2),  # relative to the parent line
    ],
)
def test_layout(text: str, newline: str, step: int) -> None:
    assert Layout.of(text) == Layout(newline, step)


def test_insert_with_cr_only_line_endings() -> None:
    assert _insert("a:\r  b: 1\rc: 2\r", ("a",), "new", "v") == "a:\r  b: 1\r  new: v\rc: 2\r"
    assert _insert("a:\r  b: 1", ("a",), "new", {"x": "1"}) == "a:\r  b: 1\r  new:\r    x: '1'"


@pytest.mark.parametrize("style", ["|", ">-", "|+"])
def test_insert_before_a_block_scalar_at_the_end_of_the_file(style: str) -> None:
    text = f"a:\n  b: 1\n  c: {style}\n    text"
    assert _insert(text, ("a",), "new", "v") == f"a:\n  new: v\n  b: 1\n  c: {style}\n    text"
    assert (
        _insert(text, ("a",), "new", {"x": "1"}) == f"a:\n  new:\n    x: '1'\n  b: 1\n  c: {style}\n    text"
    )


def test_insert_at_the_end_of_a_file_without_a_final_line_break() -> None:
    assert _insert("a:\n  b: 1", ("a",), "new", "v") == "a:\n  b: 1\n  new: v"
    assert _insert("a:\n  b: 'x' # note", ("a",), "new", "v") == "a:\n  b: 'x' # note\n  new: 'v'"
    assert _insert("a:\r  b: 1 # note\rc: 1", ("a",), "new", "v") == "a:\r  b: 1 # note\r  new: v\rc: 1"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a: {b: 1, c: 2}  # c\n", "a: {b: 1, c: 2, new: v}  # c\n"),
        ("a: {b: 1, c: [1, 2]}\n", "a: {b: 1, c: [1, 2], new: v}\n"),
        ("a: {c: {d: 1}, b: 1}\n", "a: {c: {d: 1}, b: 1, new: v}\n"),
        ('a: {"b": "1", "c": "2"}\n', 'a: {"b": "1", "c": "2", "new": "v"}\n'),
        ("a: {'b': x}\n", "a: {'b': x, 'new': v}\n"),
        ("a: {\n  b: 1,\n  c: 2\n}\n", "a: {\n  b: 1,\n  c: 2, new: v\n}\n"),
    ],
)
def test_insert_into_a_flow_mapping_after_its_last_entry(text: str, expected: str) -> None:
    assert _insert(text, ("a",), "new", "v") == expected


def test_insert_a_list_and_a_mapping_into_a_flow_mapping() -> None:
    assert _insert("a: {b: 1}\n", ("a",), "new", ["x", "1"]) == "a: {b: 1, new: [x, '1']}\n"
    assert _insert("a: {b: 1}\n", ("a",), "new", {"x": None, "y": True}) == (
        "a: {b: 1, new: {x: null, 'y': true}}\n"
    )


def test_rename_a_key_that_is_not_the_last_of_a_flow_mapping() -> None:
    text = "a: {b: 1, c: 2, d: 3}\n"
    mapping = walk(_root(text), ("a",))
    assert isinstance(mapping, MappingNode)
    key, _ = mapping.entries["c"]
    edit = splice(ReplaceValue(key, "renamed"), text, Layout.of(text))
    assert apply_text_edits(text, [edit]) == "a: {b: 1, renamed: 2, d: 3}\n"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a: &x old\nb: *x\n", "a: &x new\nb: *x\n"),
        ("a: !!str old\n", "a: !!str new\n"),
        ("a: &x !!str old\n", "a: &x !!str new\n"),
        ("a: &x\t'old'\n", "a: &x\t'new'\n"),
        ('a: "old"\n', 'a: "new"\n'),
        ("a: Xold\n", "a: new\n"),
        ("a: &x Xold\n", "a: &x new\n"),
        ("a: &x\nb: 1\n", "a: &x new\nb: 1\n"),  # an empty anchored value
        ("a: [&x]\n", "a: [&x new]\n"),
        ("a: [&x ]\n", "a: [&x new ]\n"),
        ("a: !!str\n", "a: !!str new\n"),
        ("a: [&x\t]\n", "a: [&x new\t]\n"),
        ("a: !\n", "a: ! new\n"),
        ("a:\nb: 1\n", "a: new\nb: 1\n"),  # an empty value
        ("a: [old]\n", "a: [new]\n"),
    ],
)
def test_replace_keeps_anchor_tag_and_quotes(text: str, expected: str) -> None:
    path: tuple[str | int, ...] = ("a", 0) if text.startswith("a: [") else ("a",)
    node = walk(_root(text), path)
    assert isinstance(node, ScalarNode)
    assert apply_text_edits(text, [splice(ReplaceValue(node, "new"), text, Layout.of(text))]) == expected


def test_what_cannot_be_spliced_without_guessing() -> None:
    with pytest.raises(SpliceError) as one_line:
        _replace("a: x\n", ("a",), "one\ntwo")
    assert str(one_line.value) == "a replacement value must be one line"
    with pytest.raises(SpliceError, match="a replacement value must be one line"):
        _replace("a: x\n", ("a",), "one\rtwo")
    with pytest.raises(SpliceError) as block:
        _replace("a: >\n  x\n", ("a",), "y")
    assert str(block.value) == "replacing a block scalar is not supported"
    with pytest.raises(SpliceError, match="'b' is already there"):
        _insert("a: {b: 1}\n", ("a",), "b", "v")
    with pytest.raises(SpliceError, match="'b' is already there"):
        _insert("a:\n  b: 1\n", ("a",), "b", "v")


def test_a_nested_insert_follows_the_mapping_not_the_file() -> None:
    text = "x:\n    y: 1\na:\n  b:\n   c: 1\n  d: 2\n"
    assert Layout.of(text).step == 4
    assert _insert(text, ("a",), "new", {"k": "v"}) == text + "  new:\n   k: v\n"
    flat = "x:\n    y: 1\na:\n  b: {c: 1}\n"
    assert _insert(flat, ("a",), "new", {"k": "v"}) == flat + "  new:\n      k: v\n"


def test_text_edits_and_their_order() -> None:
    text = "a:\n  b: x\n  c: y\n"
    root = _root(text)
    b, c = walk(root, ("a", "b")), walk(root, ("a", "c"))
    mapping = walk(root, ("a",))
    assert isinstance(b, ScalarNode) and isinstance(c, ScalarNode) and isinstance(mapping, MappingNode)
    fix = Fix(
        "t", Applicability.SAFE, (ReplaceValue(c, "z"), ReplaceValue(b, "w"), InsertKey(mapping, "d", "v"))
    )
    edits = text_edits(fix, text)
    assert edits == [TextEdit(15, 16, "z"), TextEdit(8, 9, "w"), TextEdit(16, 16, "\n  d: v")]
    assert apply_text_edits(text, edits) == "a:\n  b: w\n  c: z\n  d: v\n"
    assert apply_text_edits("abc", [TextEdit(1, 2, "X"), TextEdit(1, 1, "Y")]) == "aYXc"


def test_located_edits_count_lines_and_columns() -> None:
    text = "a:\r\n  b: x\r\n"
    node = walk(_root(text), ("a", "b"))
    assert isinstance(node, ScalarNode)
    fix = Fix("t", Applicability.SAFE, (ReplaceValue(node, "yz"),))
    assert located_edits(fix, text) == [LocatedEdit(2, 6, 2, 7, "yz")]
    mapping = walk(_root(text), ("a",))
    assert isinstance(mapping, MappingNode)
    insert = Fix("t", Applicability.SAFE, (InsertKey(mapping, "c", "v"),))
    assert located_edits(insert, text) == [LocatedEdit(2, 7, 2, 7, "\r\n  c: v")]
    block = walk(_root("a: |\n  x\n"), ("a",))
    assert isinstance(block, ScalarNode)
    assert located_edits(Fix("t", Applicability.SAFE, (ReplaceValue(block, "y"),)), "a: |\n  x\n") is None


def test_edits_describe_themselves() -> None:
    root = _root("a:\n  b: x\n")
    node, mapping = walk(root, ("a", "b")), walk(root, ("a",))
    assert isinstance(node, ScalarNode) and isinstance(mapping, MappingNode)
    replace, insert = ReplaceValue(node, "y"), InsertKey(mapping, "c", {"d": 1})
    assert (replace.path, insert.path) == (("a", "b"), ("a", "c"))
    assert (repr(replace), repr(insert)) == (
        "ReplaceValue(('a', 'b'), 'y')",
        "InsertKey(('a', 'c'), {'d': 1})",
    )
    fix = Fix("title", Applicability.UNSAFE, (replace, insert))
    assert repr(fix) == "Fix('title', unsafe, 2 edits)"
    bare = fix.without_edits()
    assert (bare.title, bare.applicability, bare.edits) == ("title", Applicability.UNSAFE, ())
    assert (fix.applies(unsafe=False), fix.applies(unsafe=True)) == (False, True)
    safe = Fix("t", Applicability.SAFE, ())
    assert (safe.applies(unsafe=False), safe.applies(unsafe=True)) == (True, True)


@pytest.mark.parametrize(
    ("text", "value", "expected"),
    [
        ("a:\n  'b': 1\n", {"k": "v"}, "a:\n  'b': 1\n  'new':\n    'k': v\n"),
        ("a: {'b': 1}\n", {"k": {"m": "v"}}, "a: {'b': 1, 'new': {'k': {'m': v}}}\n"),
        ("a: {'b': 1}\n", [{"k": "v"}], "a: {'b': 1, 'new': [{'k': v}]}\n"),
        ("a:\n  b: X\n", "v", "a:\n  b: X\n  new: v\n"),
        ("a:\n  b: [1,\n    2\n  ]\nc: 1\n", "v", "a:\n  b: [1,\n    2\n  ]\n  new: v\nc: 1\n"),
    ],
)
def test_inserted_keys_follow_the_quoting_of_the_keys_beside_them(
    text: str, value: PlainData, expected: str
) -> None:
    assert _insert(text, ("a",), "new", value) == expected
