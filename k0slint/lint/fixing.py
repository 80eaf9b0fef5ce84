"""Fix one file: lint, splice, verify, lint again until nothing more applies; then encode it
and make the unified diff of what changed."""

from __future__ import annotations

import difflib
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from k0slint.fix.edits import Edit
from k0slint.fix.splice import Layout, SpliceError, TextEdit, apply_text_edits, text_edits
from k0slint.fix.verify import VerifyError, verify
from k0slint.lint.findings import Finding
from k0slint.lint.linter import FileResult, Linter

MAX_PASSES = 5


def _overlaps(edit: TextEdit, taken: Sequence[TextEdit]) -> bool:
    return any(
        (edit.start < other.end and other.start < edit.end) or edit.start == other.start for other in taken
    )


@dataclass
class FixOutcome:
    text: str
    applied: list[Finding] = field(default_factory=list)
    error: str | None = None

    @property
    def changed(self) -> bool:
        return bool(self.applied)


def fix_text(
    text: str, lint: Callable[[str], list[Finding]], *, unsafe: bool
) -> tuple[FixOutcome, list[Finding]]:
    """Fix `text` until no applicable fix is left; return the outcome and the findings that remain.

    On a fix that does not verify, or when fixing does not settle within MAX_PASSES, the
    outcome keeps the original text and carries the error.
    """
    original = text
    applied: list[Finding] = []
    for _ in range(MAX_PASSES):
        findings = lint(text)
        chosen, edits = _choose(findings, text, unsafe=unsafe)
        if not chosen:
            return FixOutcome(text, applied), findings
        fixed = apply_text_edits(text, edits)
        by_document: dict[int, list[Edit]] = defaultdict(list)
        for finding in chosen:
            assert finding.fix is not None
            by_document[finding.document].extend(finding.fix.edits)
        try:
            verify(text, fixed, by_document)
        except VerifyError as error:
            codes = ", ".join(sorted({finding.code for finding in chosen}))
            return FixOutcome(original, [], f"fixes not applied ({codes}): {error}"), lint(original)
        applied.extend(chosen)
        text = fixed
    return (
        FixOutcome(original, [], f"fixes did not settle after {MAX_PASSES} passes; file left unchanged"),
        lint(original),
    )


def _choose(findings: Sequence[Finding], text: str, *, unsafe: bool) -> tuple[list[Finding], list[TextEdit]]:
    """Applicable fixes whose text edits do not overlap; the others wait for the next pass."""
    chosen: list[Finding] = []
    taken: list[TextEdit] = []
    layout = Layout.of(text)
    for finding in findings:
        if finding.fix is None or not finding.fix.applies(unsafe=unsafe):
            continue
        try:
            edits = text_edits(finding.fix, text, layout)
        except SpliceError:
            continue
        if any(_overlaps(edit, taken) for edit in edits):
            continue
        chosen.append(finding)
        taken.extend(edits)
    return chosen, taken


@dataclass
class FileFix:
    """The final lint of a file after fixing, and what fixing did."""

    result: FileResult
    original: bytes
    new: bytes | None = None
    applied: list[Finding] = field(default_factory=list)
    error: str | None = None

    @property
    def changed(self) -> bool:
        return self.new is not None and self.new != self.original

    def diff(self) -> str:
        if not self.changed or self.result.source is None or self.new is None:
            return ""
        source = self.result.source
        before = self.original[len(source.bom) :].decode(source.encoding)
        after = self.new[len(source.bom) :].decode(source.encoding)
        name = self.result.path
        return "".join(
            difflib.unified_diff(
                before.splitlines(keepends=True),
                after.splitlines(keepends=True),
                fromfile=f"a/{name}",
                tofile=f"b/{name}",
            )
        )


def fixable_counts(linter: Linter, name: str, first: FileResult, *, explicit: bool) -> tuple[int, int]:
    """How many fixes `--fix` would apply to the file `first` linted, over all its passes
    (fixing one finding may uncover another, or one fix may settle two findings), and how
    many more `--fix --unsafe-fixes` would. Nothing is written."""
    source = first.source
    if source is None or first.skipped or not any(f.fix for f in first.findings):
        return 0, 0
    passes: dict[str, list[Finding]] = {source.text: first.findings}

    def lint(text: str) -> list[Finding]:
        if text not in passes:
            passes[text] = linter.lint_text(name, text, explicit=explicit, source=source).findings
        return passes[text]

    safe, _ = fix_text(source.text, lint, unsafe=False)
    if not any(f.fix and not f.fix.applies(unsafe=False) for findings in passes.values() for f in findings):
        return len(safe.applied), 0  # no unsafe fix on the way: --unsafe-fixes changes nothing
    every, _ = fix_text(source.text, lint, unsafe=True)
    return len(safe.applied), max(0, len(every.applied) - len(safe.applied))


def fix_file(linter: Linter, name: str, data: bytes, *, explicit: bool, unsafe: bool) -> FileFix:
    first = linter.lint_bytes(name, data, explicit=explicit)
    source = first.source
    if source is None or first.skipped or not any(f.fix for f in first.findings):
        return FileFix(first, data)
    passes: dict[str, FileResult] = {source.text: first}

    def lint(text: str) -> list[Finding]:
        if text not in passes:
            passes[text] = linter.lint_text(name, text, explicit=explicit, source=source)
        return passes[text].findings

    outcome, _ = fix_text(source.text, lint, unsafe=unsafe)
    final = passes[outcome.text]
    final.source = source._replace(text=outcome.text)
    if outcome.error:
        return FileFix(first, data, error=outcome.error)
    new = source.encode(outcome.text) if outcome.changed else None
    return FileFix(final, data, new, outcome.applied)
