"""`--format full`: the text report with the source of each finding, its span underlined
(as ruff's `full` output and shellcheck's `tty` format show it)."""

from __future__ import annotations

import unicodedata
from typing import TextIO

from k0slint.lint.findings import Finding
from k0slint.reporters.contract import Reporter, ReportOptions, RunReport
from k0slint.reporters.display import escape
from k0slint.reporters.text import write_report
from k0slint.yaml.source import LineIndex

# Around a span, a line longer than this is cut to the part near the span.
SHOWN_BEFORE = 60
SHOWN_SPAN = 80


def _width(text: str) -> int:
    """Terminal columns: East Asian wide and full-width characters take two."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


class _Sources:
    def __init__(self, run: RunReport) -> None:
        self.texts = {result.path: result.source.text for result in run.results if result.source is not None}
        self.indexes: dict[str, LineIndex] = {}

    def line(self, file: str, number: int) -> str | None:
        text = self.texts.get(file)
        if text is None:
            return None
        index = self.indexes.setdefault(file, LineIndex(text))
        if number > len(index.starts):
            return None
        start = index.starts[number - 1]
        end = index.starts[number] if number < len(index.starts) else len(text)
        return text[start:end].rstrip("\r\n\x85\u2028\u2029")

    def context(self, finding: Finding) -> str:
        line = self.line(finding.file, finding.line)
        if line is None:
            return ""
        end = finding.end_column if finding.end_line == finding.line else len(line) + 1
        before, span, after = line[: finding.column - 1], line[finding.column - 1 : end - 1], line[end - 1 :]
        before, span, after = escape(before), escape(span), escape(after)
        if len(before) > SHOWN_BEFORE:
            before = "…" + before[-SHOWN_BEFORE:]
        if len(span) > SHOWN_SPAN:
            span, after = span[:SHOWN_SPAN], "…"
        elif len(after) > SHOWN_SPAN:
            after = after[:SHOWN_SPAN] + "…"
        number = str(finding.line)
        gutter = " " * len(number)
        underline = " " * _width(before) + "^" * max(1, _width(span))
        return f"{gutter} |\n{number} | {before}{span}{after}\n{gutter} | {underline}\n"


def report(run: RunReport, options: ReportOptions, stream: TextIO) -> None:
    write_report(run, options, stream, _Sources(run).context)


REPORTER = Reporter(report, needs_sources=True, counts_fixes=True)
