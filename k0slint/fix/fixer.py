"""Apply fixes to one file: lint, splice, verify, lint again, until nothing more applies."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from k0slint.findings import Edit, Finding, Fix
from k0slint.fix.splice import Layout, SpliceError, TextEdit, splice
from k0slint.fix.verify import VerifyError, verify

MAX_PASSES = 5


def text_edits(fix: Fix, text: str, layout: Layout | None = None) -> list[TextEdit]:
    """The text edits of `fix` in `text`; raises SpliceError if one cannot be written."""
    layout = layout or Layout.of(text)
    return [splice(edit, text, layout) for edit in fix.edits]


def apply_text_edits(text: str, edits: Sequence[TextEdit]) -> str:
    out = []
    position = 0
    for edit in sorted(edits, key=lambda e: (e.start, e.end)):
        out.append(text[position : edit.start])
        out.append(edit.text)
        position = edit.end
    out.append(text[position:])
    return "".join(out)


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
