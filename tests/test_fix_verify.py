"""The verifier's refusals: spliced text that does not mean the original data plus the edits.

Each case hands `verify` a result that a broken splice could produce, and checks it is
refused with its reason; the last ones run the fix loop with such a splice and check the file
is left as it was and the reason reported.
"""

from __future__ import annotations

import math
from collections.abc import Iterator

import pytest

from k0slint.api import (
    Applicability,
    ConfigDocument,
    Finding,
    Fix,
    InsertKey,
    MappingNode,
    ReplaceValue,
    Rule,
    RuleContext,
    ScalarNode,
    Severity,
    walk,
)
from k0slint.fix.edits import Edit
from k0slint.fix.verify import VerifyError, _apply, _at, _set, expected_data, same, verify
from k0slint.k0s.releases import load
from k0slint.lint.fixing import fix_text
from k0slint.lint.linter import Linter
from k0slint.yaml.nodes import Node
from k0slint.yaml.parse import parse_documents


def _node(text: str, *path: str | int, document: int = 0) -> Node:
    root = list(parse_documents(text))[document].root
    assert root is not None
    node = walk(root, path)
    assert node is not None
    return node


def _replace(text: str, value: str, *path: str | int, document: int = 0) -> dict[int, list[Edit]]:
    node = _node(text, *path, document=document)
    assert isinstance(node, ScalarNode)
    return {document: [ReplaceValue(node, value)]}


def _refused(before: str, after: str, edits: dict[int, list[Edit]]) -> str:
    with pytest.raises(VerifyError) as refused:
        verify(before, after, edits)
    return str(refused.value)


@pytest.mark.parametrize(
    ("left", "right", "equal"),
    [
        (1, 1, True),
        (1, 1.0, False),
        (1, True, False),
        (0, False, False),
        ("1.30", 1.3, False),
        ("1", 1, False),
        (None, "", False),
        (1.5, 1.5, True),
        (1.5, 2.5, False),
        (math.nan, math.nan, True),
        (math.nan, 1.0, False),
        ({"a": 1}, {"a": 1}, True),
        ({"a": 1}, {"b": 1}, False),
        ({"a": 1}, {"a": 1, "b": 2}, False),
        ({"a": 1}, {"a": 1.0}, False),
        ([1, 2], [1, 2], True),
        ([1, 2], [1, 2, 3], False),
        ([1, 2], [2, 1], False),
        ([1], [1.0], False),
        ([{"a": [True]}], [{"a": [1]}], False),
    ],
)
def test_same_tells_types_apart(left: object, right: object, equal: bool) -> None:
    assert same(left, right) is equal
    assert same(right, left) is equal


def test_replacing_a_value_is_accepted() -> None:
    before = "a: x\nb: 1\n"
    verify(before, "a: z\nb: 1\n", _replace(before, "z", "a"))


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("a: x\nb: 1\n", "a: z\nb: 1.0\n"),  # another value changes type: 1 -> 1.0
        ("a: x\nv: '1.30'\n", "a: z\nv: 1.30\n"),  # a quoted version loses its quotes: "1.30" -> 1.3
        ("a: x\nb: 1\n", "a: z\n"),  # a key is dropped
        ("a: x\nb: 1\n", "a: z\nb: 1\nc: 2\n"),  # a key nobody promised appears
        ("a: x\nb: [1, 2]\n", "a: z\nb: [1]\n"),  # a list loses an item
        ("a: x\n", "a: 'true'\n"),  # the edit itself is written with another meaning
        ("a: x\n", "a: true\n"),
    ],
)
def test_a_changed_meaning_is_refused(before: str, after: str) -> None:
    assert (
        _refused(before, after, _replace(before, "z", "a"))
        == "document 0 does not hold what the fixes promised"
    )


def test_another_document_touched_is_refused() -> None:
    before = "a: x\n---\nb: 1\n"
    after = "a: z\n---\nb: 2\n"
    assert (
        _refused(before, after, _replace(before, "z", "a"))
        == "document 1 does not hold what the fixes promised"
    )


def test_a_document_that_appears_disappears_or_empties_is_refused() -> None:
    before = "a: x\n---\nb: 1\n"
    edits = _replace(before, "z", "a")
    assert _refused(before, "a: z\n", edits) == "the fixed text has 1 documents instead of 2"
    assert _refused(before, before.replace("x", "z") + "---\nc: 1\n", edits) == (
        "the fixed text has 3 documents instead of 2"
    )
    assert _refused(before, "a: z\n---\n", edits) == "document 1 does not hold what the fixes promised"


def test_an_edit_filed_under_another_document_is_refused() -> None:
    before = "---\n---\na: x\n"
    edit = _replace(before, "z", "a", document=1)[1]
    assert _refused(before, "---\n---\na: z\n", {0: edit}) == "an edit targets text k0slint cannot find again"


def test_empty_documents_left_alone_are_accepted() -> None:
    before = "---\n---\na: x\n"
    verify(before, "---\n---\na: z\n", _replace(before, "z", "a", document=1))


def test_text_that_does_not_parse_is_refused_with_its_position() -> None:
    before = "a: x\n"
    fixed = _refused(before, "a: [z\n", _replace(before, "z", "a"))
    assert fixed.startswith("the fixed text is not valid YAML (2:1: did not find expected ',' or ']'")
    assert not fixed.endswith("fix that first")
    original = _refused("a: [x\n", "a: [x\n", {})
    assert original.startswith("the file is not valid YAML (2:1: did not find expected ',' or ']'")
    assert original.endswith("); fix that first")


def test_an_edit_on_text_the_verifier_cannot_find_is_refused() -> None:
    elsewhere = "zzzz: x\nb: 1\n"
    edits = _replace(elsewhere, "y", "zzzz")
    assert _refused("a: x\n", "a: x\n", edits) == "an edit targets text k0slint cannot find again"


def test_a_renamed_key_keeps_its_value_and_place() -> None:
    before = "a: 1\nb: 2\n"
    key = _node(before)
    assert isinstance(key, MappingNode)
    key_node, _ = key.entries["a"]
    edits: dict[int, list[Edit]] = {0: [ReplaceValue(key_node, "c")]}
    verify(before, "c: 1\nb: 2\n", edits)
    assert _refused(before, "c: 2\nb: 2\n", edits) == "document 0 does not hold what the fixes promised"
    assert _refused(before, "a: 1\nb: 2\n", edits) == "document 0 does not hold what the fixes promised"


def test_a_renamed_nested_key() -> None:
    before = "x:\n  a: 1\n  b: 2\n"
    mapping = _node(before, "x")
    assert isinstance(mapping, MappingNode)
    key_node, _ = mapping.entries["a"]
    edits: dict[int, list[Edit]] = {0: [ReplaceValue(key_node, "c")]}
    assert expected_data(_node(before), edits[0]) == {"x": {"c": 1, "b": 2}}
    verify(before, "x:\n  c: 1\n  b: 2\n", edits)


def test_an_inserted_mapping_must_hold_exactly_its_value() -> None:
    before = "a:\n  b: 1\n"
    mapping = _node(before, "a")
    assert isinstance(mapping, MappingNode)
    edits: dict[int, list[Edit]] = {0: [InsertKey(mapping, "c", {"d": "1"})]}
    verify(before, "a:\n  b: 1\n  c:\n    d: '1'\n", edits)
    assert _refused(before, "a:\n  b: 1\n  c:\n    d: 1\n", edits).startswith("document 0 ")
    assert _refused(before, "a:\n  b: 1\n  c: {}\n", edits).startswith("document 0 ")


def test_inserting_into_a_value_that_is_no_mapping_is_refused() -> None:
    before = "a:\n  b: 1\nc: [1]\n"
    mapping = _node(before, "a")
    assert isinstance(mapping, MappingNode)
    data = {"a": [1]}
    with pytest.raises(VerifyError, match=r"\('a',\) is not a mapping"):
        _apply(data, InsertKey(mapping, "x", "y"), ("a",), None)  # type: ignore[arg-type]


def test_a_value_an_alias_repeats_changes_everywhere_it_appears() -> None:
    before = "a: &v x\nb: *v\nc: x\n"
    edits = _replace(before, "z", "a")
    assert expected_data(_node(before), edits[0]) == {"a": "z", "b": "z", "c": "x"}
    verify(before, "a: &v z\nb: *v\nc: x\n", edits)


def test_paths_through_lists_are_followed_and_bad_paths_refused() -> None:
    before = "a:\n- x\n- y\n"
    edits = _replace(before, "z", "a", 1)
    assert expected_data(_node(before), edits[0]) == {"a": ["x", "z"]}
    with pytest.raises(VerifyError, match="does not exist"):
        _at({"a": ["x"]}, ("a", 1))
    with pytest.raises(VerifyError, match="does not exist"):
        _at({"a": ["x"]}, ("a", -1))
    with pytest.raises(VerifyError, match="does not exist"):
        _at({"a": ["x"]}, ("b",))
    with pytest.raises(VerifyError, match="does not exist"):
        _at(["x"], ("a",))
    with pytest.raises(VerifyError, match="does not exist"):
        _set({"a": "x"}, ("a", "b"), 1)
    assert _set({"a": ["x"]}, ("a", 0), "y") == {"a": ["y"]}
    with pytest.raises(VerifyError, match="does not exist"):
        _set({"a": {}}, ("a", 0), 1)
    assert _set({"a": "x"}, (), "y") == "y"


BLOCK = """\
outer: 1
config: |
  spec:
    images:
      repository: a.example.com
  other: 1
tail: x
"""


def _block_edit(text: str) -> dict[int, list[Edit]]:
    """An edit on the YAML inside the literal block of BLOCK-like text."""
    from k0slint.yaml.block_scalars import yaml_in_scalar

    block = _node(text, "config")
    assert isinstance(block, ScalarNode)
    (inner,) = yaml_in_scalar(block, text)
    node = walk(inner, ("spec", "images", "repository"))
    assert isinstance(node, ScalarNode)
    return {0: [ReplaceValue(node, "b.example.com")]}


def test_an_edit_inside_a_block_scalar_is_checked_inside_it() -> None:
    edits = _block_edit(BLOCK)
    verify(BLOCK, BLOCK.replace("a.example.com", "b.example.com"), edits)
    changed = BLOCK.replace("a.example.com", "b.example.com")
    assert _refused(BLOCK, changed.replace("tail: x", "tail: y"), edits) == (
        "document 0 does not hold what the fixes promised"
    )
    assert _refused(BLOCK, changed.replace("other: 1", "other: 2"), edits) == (
        "the block at ('config',) does not hold what the fixes promised"
    )
    assert _refused(BLOCK, BLOCK, edits) == "the block at ('config',) does not hold what the fixes promised"


def test_a_broken_block_scalar_is_refused() -> None:
    edits = _block_edit(BLOCK)
    broken = BLOCK.replace("a.example.com", "[b.example.com")
    assert _refused(BLOCK, broken, edits).startswith("the block at ('config',) is no longer YAML (")
    gone = "outer: 1\nconfig: {}\ntail: x\n"
    assert _refused(BLOCK, gone, edits) == "the block at ('config',) is gone"
    two = BLOCK.replace("  other: 1\n", "  other: 1\n  ---\n  b: 2\n")
    assert _refused(BLOCK, two.replace("a.example.com", "b.example.com"), edits) == (
        "the block at ('config',) changed its documents"
    )


class _Rewrite(Rule):
    """A test rule: promises spec.images.repository == 'b.example.com'."""

    code = "T002"
    name = "test-rewrite"
    severity = Severity.ERROR
    summary = "test"

    def check(self, document: ConfigDocument, context: RuleContext) -> Iterator[Finding]:
        node = walk(document.spec, ("images", "repository")) if document.spec else None
        if isinstance(node, ScalarNode) and node.value != "b.example.com":
            fix = Fix("rewrite", Applicability.SAFE, (ReplaceValue(node, "b.example.com"),))
            yield self.report(document, node, "rewrite", fix=fix)


CONFIG = """\
apiVersion: k0s.k0sproject.io/v1beta1
kind: ClusterConfig
spec:
  images:
    repository: a.example.com
  network:
    kubeProxy:
      metricsBindAddress: 1
  api:
    port: 6443
    sans: ["1.30"]
"""


@pytest.mark.parametrize(
    ("damage", "reason"),
    [
        (lambda t: t.replace("metricsBindAddress: 1", "metricsBindAddress: 1.0"), "does not hold"),
        (lambda t: t.replace('["1.30"]', "[1.30]"), "does not hold"),
        (lambda t: t.replace("    port: 6443\n", ""), "does not hold"),
        (lambda t: t + "---\nkind: Other\n", "documents instead of"),
        (lambda t: t.replace("b.example.com", "[b.example.com"), "is not valid YAML"),
    ],
)
def test_a_fix_whose_splice_damages_the_file_leaves_it_and_says_why(
    monkeypatch: pytest.MonkeyPatch, damage: object, reason: str
) -> None:
    from k0slint.fix.splice import apply_text_edits as real
    from k0slint.lint import fixing as fixer

    assert callable(damage)
    monkeypatch.setattr(fixer, "apply_text_edits", lambda text, edits: damage(real(text, edits)))
    linter = Linter([_Rewrite()], load(), None)
    outcome, remaining = fix_text(CONFIG, lambda t: linter.lint_text("k0s.yaml", t).findings, unsafe=False)
    assert outcome.text == CONFIG
    assert outcome.error is not None and reason in outcome.error
    assert [finding.code for finding in remaining] == ["T002"]
