"""--fix on every real config of ../shared/corpus/real: nothing outside the edited spans moves."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

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
from k0slint.fix.splice import SpliceError, TextEdit, text_edits
from k0slint.k0s.releases import load
from k0slint.lint.fixing import fix_text
from k0slint.lint.linter import Linter
from k0slint.yaml.source import SourceError, decode
from tests.helpers import corpus_files, k0slint, needs_shared

pytestmark = needs_shared
PROBE_KEY = "k0slintProbe"


class Probe(Rule):
    """Test rule: renames metadata.name and adds a key to spec, in every config it sees."""

    code = "P001"
    name = "probe"
    severity = Severity.ERROR
    summary = "probe"

    def check(self, document: ConfigDocument, context: RuleContext) -> Iterator[Finding]:
        name = walk(document.config, ("metadata", "name")) if document.config else None
        if isinstance(name, ScalarNode) and isinstance(name.value, str) and name.value != "probe-name":
            fix = Fix("rename", Applicability.SAFE, (ReplaceValue(name, "probe-name"),))
            yield self.report(document, name, "rename", fix=fix)
        spec = document.spec
        if isinstance(spec, MappingNode) and PROBE_KEY not in spec:
            fix = Fix(
                "insert", Applicability.SAFE, (InsertKey(spec, PROBE_KEY, {"enabled": "yes", "n": "1.10"}),)
            )
            yield self.report(document, spec, "insert", fix=fix)


def _untouched(text: str, edits: list[TextEdit]) -> list[str]:
    """The pieces of `text` between the edits."""
    pieces, position = [], 0
    for edit in sorted(edits, key=lambda e: e.start):
        pieces.append(text[position : edit.start])
        position = edit.end
    pieces.append(text[position:])
    return pieces


def _only_spans_changed(original: str, fixed: str, edits: list[TextEdit]) -> bool:
    """`fixed` is `original` with each edit's span replaced by its text, and nothing else."""
    rebuilt = []
    for piece, edit in zip(
        _untouched(original, edits), [*sorted(edits, key=lambda e: e.start), None], strict=True
    ):
        rebuilt.append(piece)
        if edit is not None:
            rebuilt.append(edit.text)
    return "".join(rebuilt) == fixed


@pytest.mark.parametrize("path", corpus_files(), ids=lambda path: path.name)
def test_probe_edits_touch_only_their_spans(path: Path) -> None:
    try:
        source = decode(path.name, path.read_bytes())
    except SourceError:
        pytest.skip("not text k0s reads")
    linter = Linter([Probe()], load(), None)
    findings = linter.lint_text(path.name, source.text).findings
    edits: list[TextEdit] = []
    for finding in findings:
        assert finding.fix is not None
        try:
            found = text_edits(finding.fix, source.text)
        except SpliceError:
            continue
        for edit, structural in zip(found, finding.fix.edits, strict=True):
            if isinstance(structural, ReplaceValue):
                assert (edit.start, edit.end) == (structural.node.start_offset, structural.node.end_offset)
            else:
                assert edit.start == edit.end, "an insertion replaces nothing"
        edits.extend(found)
    outcome, remaining = fix_text(
        source.text, lambda t: linter.lint_text(path.name, t).findings, unsafe=False
    )
    assert outcome.error is None, outcome.error
    if not findings:
        assert outcome.text == source.text
        return
    assert _only_spans_changed(source.text, outcome.text, edits)
    assert [f for f in remaining if f.fix] == [], "a second pass finds nothing more to fix"
    again, _ = fix_text(outcome.text, lambda t: linter.lint_text(path.name, t).findings, unsafe=False)
    assert again.text == outcome.text
    fixed_bytes = source.encode(outcome.text)
    assert fixed_bytes.startswith(source.bom)
    assert decode(path.name, fixed_bytes).text == outcome.text


@pytest.mark.parametrize("path", corpus_files(), ids=lambda path: path.name)
def test_cli_fix_on_a_copy(path: Path, tmp_path: Path) -> None:
    copy = tmp_path / path.name
    shutil.copyfile(path, copy)
    before = copy.stat().st_mtime_ns
    result = k0slint("--fix", "--unsafe-fixes", "-q", copy.name, cwd=tmp_path)
    assert result.returncode in (0, 1, 2), result.stderr
    assert "Traceback" not in result.stderr
    if copy.read_bytes() == path.read_bytes():
        assert copy.stat().st_mtime_ns == before, "an unchanged file is not rewritten"
        return
    second = k0slint("--fix", "--unsafe-fixes", "-q", copy.name, cwd=tmp_path)
    assert "Traceback" not in second.stderr
    fixed = copy.read_bytes()
    assert copy.read_bytes() == fixed
