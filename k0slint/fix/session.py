"""Fix one file end to end: decode, fix, encode; and the unified diff of what changed."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field

from k0slint.engine import FileResult, Linter
from k0slint.findings import Finding
from k0slint.fix.fixer import fix_text


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
