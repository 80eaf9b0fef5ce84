"""`--format github`: workflow commands GitHub Actions turns into pull request annotations."""

from __future__ import annotations

from typing import TextIO

from k0slint.lint.findings import Severity
from k0slint.reporters.contract import Reporter, ReportOptions, RunReport
from k0slint.reporters.display import one_line
from k0slint.reporters.summary import all_findings

_COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def report(run: RunReport, options: ReportOptions, stream: TextIO) -> None:
    for finding in all_findings(run.results):
        properties = ",".join(
            (
                f"file={_property(finding.file)}",
                f"line={finding.line}",
                f"col={finding.column}",
                f"endLine={finding.end_line}",
                f"endColumn={finding.end_column}",
                f"title={_property(f'{finding.code} {finding.name}')}",
            )
        )
        message = _data(one_line(finding.message))
        stream.write(f"::{_COMMANDS[finding.severity]} {properties}::{message}\n")


REPORTER = Reporter(report)
