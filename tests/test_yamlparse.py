from __future__ import annotations

import math

import pytest

from k0slint.yaml.nodes import MappingNode, ScalarNode, SequenceNode, walk
from k0slint.yaml.parse import MAX_DEPTH, YamlError, parse_documents
from k0slint.yaml.scalars import json_key, resolve_plain
from tests.helpers import node_shape


def parse_one(text: str) -> MappingNode:
    (document,) = list(parse_documents(text))
    assert isinstance(document.root, MappingNode)
    return document.root


# gopkg.in/yaml.v2 resolve() on plain scalars, as k0s reads them through sigs.k8s.io/yaml.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("yes", True), ("Yes", True), ("on", True), ("ON", True), ("y", True), ("true", True),
        ("no", False), ("off", False), ("n", False), ("False", False),
        ("~", None), ("null", None), ("", None),
        ("6443", 6443), ("-1", -1), ("+7", 7), ("0x1F", 31), ("0o17", 15), ("017", 15),
        ("0b101", 5), ("1_000", 1000), ("08", 8.0), ("3.9", 3.9), ("1e3", 1000.0), (".5", 0.5),
        ("v1.32.1", "v1.32.1"), ("1.4.0-k0s.0", "1.4.0-k0s.0"), ("10.0.0.1", "10.0.0.1"),
        ("2024-01-02", "2024-01-02"), ("yesterday", "yesterday"), ("0.0.0.0/0", "0.0.0.0/0"),
    ],
)  # fmt: skip
def test_plain_scalars_resolve_like_yaml_v2(text: str, expected: object) -> None:
    value = resolve_plain(text)
    assert value == expected
    assert type(value) is type(expected)


def test_special_floats() -> None:
    assert math.isnan(resolve_plain(".nan"))  # type: ignore[arg-type]
    assert resolve_plain("-.inf") == -math.inf


def test_quoted_and_block_scalars_are_strings() -> None:
    root = parse_one("a: 'yes'\nb: \"6443\"\nc: |\n  on\n")
    assert [root.get(k).value for k in "abc"] == ["yes", "6443", "on\n"]  # type: ignore[union-attr]


def test_map_keys_become_json_strings() -> None:
    root = parse_one("on: 1\n1: 2\nnull_key: 3\ny: 4\n")
    assert list(root) == ["true", "1", "null_key"]
    assert root.get("true").value == 4  # type: ignore[union-attr]
    assert json_key(None) is None


def test_positions_are_one_based_and_end_exclusive() -> None:
    root = parse_one("spec:\n  images:\n    repository: 'ghcr.io/acme'\n")
    node = walk(root, ("spec", "images", "repository"))
    assert isinstance(node, ScalarNode)
    assert (node.line, node.column, node.end_line, node.end_column) == (3, 17, 3, 31)
    assert node.style == "'"
    assert node.path == ("spec", "images", "repository")


def test_positions_count_characters_after_non_ascii_and_crlf() -> None:
    root = parse_one("a: 'é😀'\r\nb: x\r\n")
    node = root.get("b")
    assert isinstance(node, ScalarNode)
    assert (node.line, node.column, node.start_offset) == (2, 4, 12)


def test_lone_cr_is_a_line_break() -> None:
    root = parse_one("a: x\rb: y\r")
    node = root.get("b")
    assert isinstance(node, ScalarNode) and (node.line, node.column) == (2, 4)


def test_multi_document_stream_keeps_document_index() -> None:
    documents = list(parse_documents("a: 1\n---\nb: 2\n...\n---\n- 3\n"))
    assert [d.index for d in documents] == [0, 1, 2]
    assert isinstance(documents[2].root, SequenceNode)
    b = documents[1].root.get("b")  # type: ignore[union-attr]
    assert b is not None and b.doc == 1 and b.line == 3


def test_empty_stream_and_empty_document() -> None:
    assert list(parse_documents("# only a comment\n")) == []
    (document,) = list(parse_documents("---\n# nothing\n"))
    assert isinstance(document.root, ScalarNode) and document.root.value is None


def test_aliases_and_merge_keys_follow_yaml_v2() -> None:
    root = parse_one(
        "base: &base {image: a, version: '1'}\n"
        "x: *base\n"
        "w:\n  <<: *base\n  version: '2'\n"
        "z:\n  version: '3'\n  <<: [*base, {extra: e}]\n"
    )
    assert root.to_data() == {
        "base": {"image": "a", "version": "1"},
        "x": {"image": "a", "version": "1"},
        "w": {"image": "a", "version": "2"},
        "z": {"version": "1", "image": "a", "extra": "e"},
    }
    x = walk(root, ("x", "image"))
    assert x is not None and x.path == ("x", "image") and x.line == 1


def test_aliased_spans_are_recorded() -> None:
    (document,) = list(parse_documents("a: &img quay.io/x\nb: *img\n"))
    assert document.aliased_spans == [(3, 17)]


def test_duplicate_keys_are_recorded_and_last_wins() -> None:
    root = parse_one("a: 1\nb: 2\na: 3\n")
    assert root.to_data() == {"a": 3, "b": 2}
    assert [(k.value, k.line) for k in root.duplicates] == [("a", 3)]


def test_tags_are_never_constructed() -> None:
    root = parse_one(
        "a: !!python/object/apply:os.system ['echo hi']\nb: !custom 5\nc: !!str 5\nd: !!int '7'\n"
    )
    assert isinstance(root.get("a"), SequenceNode)
    assert [root.get(k).value for k in "bcd"] == ["5", "5", 7]  # type: ignore[union-attr]


def test_syntax_error_has_position() -> None:
    with pytest.raises(YamlError) as caught:
        list(parse_documents("a: 1\nb: [1, 2\nc: 3\n"))
    assert (caught.value.line, caught.value.column) == (3, 2)
    assert "expected ',' or ']'" in caught.value.message


@pytest.mark.parametrize("pure", [False, True], ids=["libyaml", "pure"])
@pytest.mark.parametrize(
    ("text", "position"),
    [("a: 'é😀'\r\nb: \x07\n", (2, 4)), ("a: é\rb: 1\rc: x\x07\r", (3, 5))],
    ids=["after-non-ascii", "after-lone-cr"],
)
def test_forbidden_character_has_its_position(text: str, position: tuple[int, int], pure: bool) -> None:
    with pytest.raises(YamlError, match=r"character U\+0007 is not allowed") as caught:
        list(parse_documents(text, pure=pure))
    assert (caught.value.line, caught.value.column) == position


def test_alias_bomb_is_bounded() -> None:
    lines = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    for level in range(1, 9):
        refs = ", ".join([f"*{chr(96 + level)}"] * 10)
        lines.append(f"{chr(97 + level)}: &{chr(97 + level)} [{refs}]")
    with pytest.raises(YamlError, match="alias bomb"):
        list(parse_documents("\n".join(lines) + "\n"))


@pytest.mark.parametrize(
    "text",
    [
        "[" * 10_000 + "]" * 10_000,
        "".join(f"{' ' * level}k:\n" for level in range(10_000)),
        "[" * (MAX_DEPTH + 5) + "]" * (MAX_DEPTH + 5),
    ],
    ids=["flow-10000", "block-10000", "flow-just-over"],
)
def test_deep_nesting_is_bounded(text: str) -> None:
    with pytest.raises(YamlError, match="nesting"):
        list(parse_documents(text))


SAMPLES = [
    "a: 'é😀'\r\nb: x\r\n",
    "spec:\n  images: {repository: r, coredns: {image: x, version: '1'}}\n---\n- on\n- 0x10\n",
    'a: |\n  line\n  two\nb: >-\n  folded\n  text\nc: "esc\\n"\n',
    "x: &a {k: v}\ny:\n  <<: *a\n  k: w\n",
]


@pytest.mark.parametrize("text", SAMPLES)
def test_pure_python_composer_agrees_with_libyaml(text: str) -> None:
    assert node_shape(text, pure=True) == node_shape(text, pure=False)


def test_json_field_matching_ignores_case_and_the_last_in_json_order_wins() -> None:
    root = parse_one("Images: 1\nimages: 2\nIMAGES: 3\nnetwork: 4\n")
    assert root.json_key("images") == "images"  # max("IMAGES", "Images", "images")
    assert root.json_key("iMaGeS") == "images"
    assert root.json_key("Network") == "network"
    assert root.json_key("storage") is None
    only_upper = parse_one("API: 1\n")
    assert only_upper.json_key("api") == "API"
    spec = parse_one("a: 1\n")
    assert spec.json_key("b") is None
    spec.entries["B"] = spec.entries["a"]  # entries added after a lookup are seen
    assert spec.json_key("b") == "B"
