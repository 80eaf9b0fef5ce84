from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from k0slint.api import (
    Applicability,
    ConfigDocument,
    Edit,
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
from k0slint.atomic_write import WriteError, write_atomically
from k0slint.fix.render import plain_is_safe, render_string
from k0slint.fix.splice import Layout, SpliceError, splice, text_edits
from k0slint.k0s.releases import load
from k0slint.lint.fixing import fix_text
from k0slint.lint.linter import Linter
from k0slint.yaml.parse import parse_documents
from tests.helpers import k0slint

PUSHGATEWAY = """\
apiVersion: k0s.k0sproject.io/v1beta1
kind: ClusterConfig
spec:
  images:
    repository: ghcr.io/mirantiscontainers
    pushgateway:
      image: quay.io/k0sproject/pushgateway-ttl
"""


@pytest.mark.parametrize(
    ("value", "style", "expected"),
    [
        ("registry.acme.corp/x", None, "registry.acme.corp/x"),
        ("registry.acme.corp:5000/x", None, "registry.acme.corp:5000/x"),
        ("yes", None, "'yes'"),
        ("1.10", None, "'1.10'"),
        ("null", None, "'null'"),
        ("a: b", None, "'a: b'"),
        ("it's", "'", "'it''s'"),
        ('say "hi"', '"', '"say \\"hi\\""'),
        ("tab\there", "'", '"tab\\there"'),
        ("", None, "''"),
    ],
)
def test_render_keeps_style_unless_the_type_would_change(
    value: str, style: str | None, expected: str
) -> None:
    assert render_string(value, style) == expected


def test_plain_safety_is_checked_with_k0s_resolution() -> None:
    assert not plain_is_safe("on")
    assert not plain_is_safe("0x10")
    assert not plain_is_safe("-x")
    assert plain_is_safe("v1.32.1")


def _mapping(text: str, *path: str) -> MappingNode:
    (document,) = list(parse_documents(text))
    assert document.root is not None
    node = walk(document.root, path)
    assert isinstance(node, MappingNode)
    return node


@pytest.mark.parametrize(
    ("text", "path", "expected"),
    [
        ("a:\n  b: 1\nc: 2\n", ("a",), "a:\n  b: 1\n  new: v\nc: 2\n"),
        (
            "a:\n  b: 1 # note\n\n# about c\nc: 2\n",
            ("a",),
            "a:\n  b: 1 # note\n  new: v\n\n# about c\nc: 2\n",
        ),
        ("a: {b: 1}\n", ("a",), "a: {b: 1, new: v}\n"),
        ("a: {}\n", ("a",), "a: {new: v}\n"),
        ("a: {b: {c: 1}}\n", ("a",), "a: {b: {c: 1}, new: v}\n"),
        ("- name: x\n  url: y\n", (), None),
        ("a:\n    b: 'q'\n    c: 'r'\n", ("a",), "a:\n    b: 'q'\n    c: 'r'\n    new: 'v'\n"),
        ("a:\r\n  b: |\r\n    text\r\n", ("a",), "a:\r\n  b: |\r\n    text\r\n  new: v\r\n"),
    ],
)
def test_insert_key(text: str, path: tuple[str, ...], expected: str | None) -> None:
    if not path:
        (document,) = list(parse_documents(text))
        mapping = document.root.items[0]  # type: ignore[union-attr]
        expected = "- name: x\n  url: y\n  new: v\n"
    else:
        mapping = _mapping(text, *path)
    assert isinstance(mapping, MappingNode)
    edit = splice(InsertKey(mapping, "new", "v"), text, Layout.of(text))
    assert text[: edit.start] + edit.text + text[edit.end :] == expected


def test_insert_nested_mapping_follows_the_local_indentation() -> None:
    text = "spec:\n    images:\n        repository: r\n        coredns:\n            image: x\n"
    mapping = _mapping(text, "spec", "images")
    edit = splice(InsertKey(mapping, "pushgateway", {"image": "r/p", "version": "1"}), text, Layout.of(text))
    assert text[: edit.start] + edit.text + text[edit.end :] == (
        text + "        pushgateway:\n            image: r/p\n            version: '1'\n"
    )


def test_block_scalars_are_not_replaced() -> None:
    text = "a: |\n  x\n"
    (document,) = list(parse_documents(text))
    node = walk(document.root, ("a",))
    assert isinstance(node, ScalarNode)
    with pytest.raises(SpliceError):
        splice(ReplaceValue(node, "y"), text, Layout.of(text))


class _Rename(Rule):
    """A test rule: renames `spec.images.repository` to the value it promises."""

    code = "T001"
    name = "test-rename"
    severity = Severity.ERROR
    summary = "test"
    promise = "wanted"
    written = "wanted"

    def check(self, document: ConfigDocument, context: RuleContext) -> Iterator[Finding]:
        node = walk(document.spec, ("images", "repository")) if document.spec else None
        if isinstance(node, ScalarNode) and node.value != self.written:
            yield self.report(
                document,
                node,
                "rename",
                fix=Fix("rename", Applicability.SAFE, (ReplaceValue(node, self.promise),)),
            )


def _lint_with(rule: type[Rule]) -> Linter:
    return Linter([rule()], load(), None)


def test_fix_that_does_not_keep_its_promise_is_dropped(monkeypatch: pytest.MonkeyPatch) -> None:
    from k0slint.fix.splice import apply_text_edits as real
    from k0slint.lint import fixing as fixer

    monkeypatch.setattr(
        fixer, "apply_text_edits", lambda text, edits: real(text, edits).replace("spec:", "spek:")
    )
    linter = _lint_with(_Rename)
    outcome, remaining = fix_text(
        PUSHGATEWAY, lambda t: linter.lint_text("k0s.yaml", t).findings, unsafe=False
    )
    assert outcome.text == PUSHGATEWAY
    assert outcome.error is not None and "does not hold what the fixes promised" in outcome.error
    assert [f.code for f in remaining] == ["T001"]


def test_fixes_that_never_settle_leave_the_file_alone() -> None:
    class Flip(_Rename):
        def check(self, document: ConfigDocument, context: RuleContext) -> Iterator[Finding]:
            node = walk(document.spec, ("images", "repository")) if document.spec else None
            assert isinstance(node, ScalarNode)
            other = "a.example.com" if node.value != "a.example.com" else "b.example.com"
            yield self.report(
                document, node, "flip", fix=Fix("flip", Applicability.SAFE, (ReplaceValue(node, other),))
            )

    linter = _lint_with(Flip)
    outcome, _ = fix_text(PUSHGATEWAY, lambda t: linter.lint_text("k0s.yaml", t).findings, unsafe=False)
    assert outcome.text == PUSHGATEWAY
    assert outcome.error == "fixes did not settle after 5 passes; file left unchanged"


def test_edit_on_an_anchored_value_is_unsafe_and_says_so() -> None:
    text = PUSHGATEWAY.replace("      image: quay.io", "      image: &img quay.io") + "x: *img\n"
    linter = Linter([cls() for cls in __import__("k0slint.rules", fromlist=["RULES"]).RULES], load(), None)
    (finding,) = [f for f in linter.lint_text("k0s.yaml", text).findings if f.code == "K0S110"]
    assert finding.fix is not None
    assert finding.fix.applicability is Applicability.UNSAFE
    assert "anchored value that aliases repeat elsewhere" in finding.fix.title
    assert text_edits(finding.fix, text)[0].text == "ghcr.io/mirantiscontainers/k0sproject/pushgateway-ttl"


def test_fix_exit_codes_and_show_fixes(tmp_path: Path) -> None:
    (tmp_path / "k0s.yaml").write_text(PUSHGATEWAY)
    result = k0slint("--fix", "--show-fixes", "k0s.yaml", cwd=tmp_path)
    assert result.returncode == 0, result.stdout
    assert result.stdout == (
        "Fixed:\n  k0s.yaml:7:14: K0S110 write ghcr.io/mirantiscontainers/k0sproject/pushgateway-ttl\n"
        "Fixed 1 finding; no findings remain (1 k0s configuration checked).\n"
    )
    (tmp_path / "k0s.yaml").write_text(PUSHGATEWAY)
    assert k0slint("--fix", "--exit-non-zero-on-fix", "k0s.yaml", cwd=tmp_path).returncode == 1
    assert k0slint("--fix", "--exit-non-zero-on-fix", "k0s.yaml", cwd=tmp_path).returncode == 0


def test_unfixable_findings_keep_exit_1(tmp_path: Path) -> None:
    (tmp_path / "k0s.yaml").write_text(PUSHGATEWAY.replace("ghcr.io/mirantiscontainers", "ghcr.io/Acme"))
    result = k0slint("--fix", "k0s.yaml", cwd=tmp_path)
    assert result.returncode == 1
    assert "K0S105" in result.stdout


def test_unsafe_fixes_only_with_the_flag(tmp_path: Path) -> None:
    (tmp_path / "k0s.yaml").write_text(PUSHGATEWAY)
    args = ("--k0s-version", "v1.32.1", "k0s.yaml")
    assert "K0S101 error: image" in k0slint(*args, cwd=tmp_path).stdout
    assert "K0S101 [*]" in k0slint("--unsafe-fixes", *args, cwd=tmp_path).stdout
    assert k0slint("--fix", *args, cwd=tmp_path).returncode == 1
    assert "quay.io" in (tmp_path / "k0s.yaml").read_text()
    assert k0slint("--fix", "--unsafe-fixes", *args, cwd=tmp_path).returncode == 0
    assert "quay.io" not in (tmp_path / "k0s.yaml").read_text()


def test_stdin_fix_prints_the_fixed_file(tmp_path: Path) -> None:
    result = k0slint("--fix", "-", "--stdin-filename", "k0s.yaml", cwd=tmp_path, stdin=PUSHGATEWAY)
    assert result.stdout == PUSHGATEWAY.replace("quay.io", "ghcr.io/mirantiscontainers")
    assert "no findings remain" in result.stderr


def test_symlink_is_written_through(tmp_path: Path) -> None:
    (tmp_path / "real.yaml").write_text(PUSHGATEWAY)
    (tmp_path / "link.yaml").symlink_to("real.yaml")
    assert k0slint("--fix", "link.yaml", cwd=tmp_path).returncode == 0
    assert (tmp_path / "link.yaml").is_symlink()
    assert "ghcr.io/mirantiscontainers/k0sproject" in (tmp_path / "real.yaml").read_text()


def test_file_changed_since_read_is_not_overwritten(tmp_path: Path) -> None:
    target = tmp_path / "k0s.yaml"
    target.write_text("changed by someone else\n")
    with pytest.raises(WriteError, match="changed on disk"):
        write_atomically(str(target), b"what k0slint read\n", b"fixed\n")
    assert target.read_text() == "changed by someone else\n"


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write into read-only folders")
def test_read_only_folder_leaves_the_file(tmp_path: Path) -> None:
    target = tmp_path / "k0s.yaml"
    target.write_text(PUSHGATEWAY)
    tmp_path.chmod(0o500)
    try:
        result = k0slint("--fix", "k0s.yaml", cwd=tmp_path)
    finally:
        tmp_path.chmod(0o700)
    assert result.returncode == 2
    assert "cannot create a temporary file" in result.stderr
    assert target.read_text() == PUSHGATEWAY


def test_failing_replace_leaves_original_and_no_temporary(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    target = tmp_path / "k0s.yaml"
    target.write_bytes(b"old\n")

    def fail(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(WriteError, match="No space left on device"):
        write_atomically(str(target), b"old\n", b"new\n")
    assert target.read_bytes() == b"old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["k0s.yaml"]


def test_folder_where_no_temporary_file_can_be_made(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import tempfile

    target = tmp_path / "k0s.yaml"
    target.write_bytes(b"old\n")

    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    with pytest.raises(WriteError, match=r"cannot create a temporary file in .*: Permission denied"):
        write_atomically(str(target), b"old\n", b"new\n")
    assert target.read_bytes() == b"old\n"


@pytest.mark.parametrize(
    ("edit", "written"),
    [
        (
            lambda images: ReplaceValue(images.get("repository"), "registry.acme.corp/Mirror"),
            "registry.acme.corp/Mirror",
        ),
        (lambda images: InsertKey(images, "coredns", {"image": "quay.io/Coredns"}), "quay.io/Coredns"),
        (lambda images: InsertKey(images, "pause", {"image": "quay.io/x\ny"}), "quay.io/x\ny"),
    ],
)
def test_no_rule_offers_a_fix_that_writes_an_unpullable_image(
    edit: Callable[[MappingNode], Edit], written: str
) -> None:
    """Any rule, a third-party one too: the engine drops the fix and says why in the message."""

    class Writes(Rule):
        code, name, severity, summary = "TST001", "writes", Severity.ERROR, "writes"

        def check(self, document: ConfigDocument, context: RuleContext) -> Iterator[Finding]:
            images = walk(document.spec, ("images",)) if document.spec else None
            assert isinstance(images, MappingNode)
            yield self.report(document, images, "w", fix=Fix("w", Applicability.SAFE, (edit(images),)))

    text = PUSHGATEWAY
    (finding,) = _lint_with(Writes).lint_text("k0s.yaml", text).findings
    assert finding.fix is None
    assert finding.message.startswith(f"w (no fix: it would write {written!r}, but ")
