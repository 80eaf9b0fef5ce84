"""Code actions: each finding's fix as a quick fix, every safe fix of the file at once
(`source.fixAll.k0slint`), and a suppression comment for the finding's line. Fixes are the
splices `--fix` writes, checked with the same verification; an action whose text does not
verify is not offered."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from lsprotocol import types

from k0slint.fix.edits import Applicability
from k0slint.fix.splice import SpliceError, TextEdit, apply_text_edits, text_edits
from k0slint.fix.verify import VerifyError, verify
from k0slint.lint.findings import Finding
from k0slint.lint.fixing import fix_text
from k0slint.lint.selection import SELECTOR
from k0slint.server.diagnostics import diagnostic
from k0slint.server.linting import Linted
from k0slint.server.positions import TextPositions

FIX_ALL = f"{types.CodeActionKind.SourceFixAll.value}.k0slint"
KINDS = (types.CodeActionKind.QuickFix, FIX_ALL)
_DISABLE_ON_LINE = re.compile(rf"#\s*k0slint:\s*disable=({SELECTOR}(?:\s*,\s*{SELECTOR})*)")


class Request:
    """What one `textDocument/codeAction` asks about a lint of the document."""

    def __init__(
        self, linted: Linted, uri: str, encoding: str, params: types.CodeActionParams, unsafe: bool
    ) -> None:
        self.linted = linted
        self.uri = uri
        self.positions = TextPositions(linted.text, encoding)
        self.params = params
        self.unsafe = unsafe
        only = params.context.only
        self.only = [
            str(kind.value if isinstance(kind, types.CodeActionKind) else kind) for kind in only or ()
        ]

    def wants(self, kind: str) -> bool:
        return not self.only or any(kind == asked or kind.startswith(f"{asked}.") for asked in self.only)

    def edit(self, edits: Sequence[TextEdit]) -> types.WorkspaceEdit:
        text_edits = [
            types.TextEdit(self.positions.offsets_range(edit.start, edit.end), edit.text)
            for edit in sorted(edits, key=lambda edit: edit.start)
        ]
        document = types.OptionalVersionedTextDocumentIdentifier(self.uri, self.linted.version)
        return types.WorkspaceEdit(document_changes=[types.TextDocumentEdit(document, text_edits)])


def code_actions(request: Request) -> list[types.CodeAction]:
    linted = request.linted
    if linted.result is None or not linted.is_config:
        return []
    actions: list[types.CodeAction] = []
    for finding in _asked_findings(request, linted.result.findings):
        shown = diagnostic(finding, linted, request.positions, request.uri)
        if request.wants(types.CodeActionKind.QuickFix):
            actions.extend(_quick_fix(request, finding, shown))
            actions.extend(_disable_on_line(request, finding, shown))
    if request.wants(FIX_ALL):
        actions.extend(_fix_all(request))
    return actions


def _asked_findings(request: Request, findings: Sequence[Finding]) -> Iterator[Finding]:
    """The findings of the diagnostics the client names; without any, those in the range."""
    positions = request.positions
    asked = {(str(d.code), _key(d.range)) for d in request.params.context.diagnostics}
    wanted = request.params.range
    for finding in findings:
        where = positions.range(finding.line, finding.column, finding.end_line, finding.end_column)
        if asked:
            if (finding.code, _key(where)) in asked:
                yield finding
        elif _overlaps(where, wanted):
            yield finding


def _key(where: types.Range) -> tuple[int, int, int, int]:
    return (where.start.line, where.start.character, where.end.line, where.end.character)


def _overlaps(a: types.Range, b: types.Range) -> bool:
    return _key(a)[:2] <= _key(b)[2:] and _key(b)[:2] <= _key(a)[2:]


def _quick_fix(request: Request, finding: Finding, shown: types.Diagnostic) -> Iterator[types.CodeAction]:
    fix = finding.fix
    if fix is None or not fix.edits:
        return
    unsafe = fix.applicability is Applicability.UNSAFE
    if unsafe and not request.unsafe:
        return
    text = request.linted.text
    try:
        edits = text_edits(fix, text)
        verify(text, apply_text_edits(text, edits), {finding.document: list(fix.edits)})
    except (SpliceError, VerifyError):
        return
    title = f"{fix.title} ({finding.code}, unsafe fix)" if unsafe else f"{fix.title} ({finding.code})"
    yield types.CodeAction(
        title=title,
        kind=types.CodeActionKind.QuickFix,
        diagnostics=[shown],
        is_preferred=not unsafe,
        edit=request.edit(edits),
    )


def _disable_on_line(
    request: Request, finding: Finding, shown: types.Diagnostic
) -> Iterator[types.CodeAction]:
    """`# k0slint: disable=CODE` at the end of the finding's first line (or the code added to
    the directive already there), offered only where the data of the file stays the same."""
    linted = request.linted
    if linted.result is None or linted.result.unreadable is not None:
        return
    text = linted.text
    index = request.positions.yaml_lines
    start = index.starts[finding.line - 1]
    end = index.starts[finding.line] if finding.line < len(index.starts) else len(text)
    line = text[start:end].rstrip("\r\n\x85\u2028\u2029")
    if line.lstrip().startswith("#"):  # a comment line: a directive there covers the next line
        return
    existing = _DISABLE_ON_LINE.search(line)
    if existing is not None:
        edit = TextEdit(start + existing.end(1), start + existing.end(1), f",{finding.code}")
    else:
        edit = TextEdit(start + len(line), start + len(line), f"  # k0slint: disable={finding.code}")
    try:
        verify(text, apply_text_edits(text, [edit]), {})
    except VerifyError:
        return
    yield types.CodeAction(
        title=f"Disable {finding.code} ({finding.name}) on this line",
        kind=types.CodeActionKind.QuickFix,
        diagnostics=[shown],
        is_preferred=False,
        edit=request.edit([edit]),
    )


def _fix_all(request: Request) -> Iterator[types.CodeAction]:
    """Every safe fix, pass after pass as `--fix` applies them, as one edit."""
    linted = request.linted
    linter, result = linted.linter, linted.result
    if linter is None or result is None or not any(f.fix for f in result.findings):
        return
    path = result.path
    passes = {linted.text: result.findings}

    def lint(text: str) -> list[Finding]:
        if text not in passes:
            passes[text] = linter.lint_text(path, text, explicit=True).findings
        return passes[text]

    outcome, _ = fix_text(linted.text, lint, unsafe=False)
    if outcome.error or not outcome.changed:
        return
    yield types.CodeAction(
        title=f"k0slint: fix all safe fixes in this file ({len(outcome.applied)})",
        kind=FIX_ALL,
        edit=request.edit([_difference(linted.text, outcome.text)]),
    )


def _difference(before: str, after: str) -> TextEdit:
    """The one splice that turns `before` into `after`: the changed middle."""
    prefix = 0
    limit = min(len(before), len(after))
    while prefix < limit and before[prefix] == after[prefix]:
        prefix += 1
    suffix = 0
    while suffix < limit - prefix and before[-1 - suffix] == after[-1 - suffix]:
        suffix += 1
    return TextEdit(prefix, len(before) - suffix, after[prefix : len(after) - suffix])
