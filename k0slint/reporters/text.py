"""`path:line:col: CODE message`, one finding a line, then a count."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TextIO

from k0slint.engine import FileResult
from k0slint.findings import Finding, Severity
from k0slint.reporters.summary import all_findings

_RESET = "\033[0m"
_BOLD = "\033[1m"
_COLOURS = {
    Severity.ERROR: "\033[1;31m",
    Severity.WARNING: "\033[1;33m",
    Severity.INFO: "\033[1;34m",
}


def format_finding(finding: Finding, *, colour: bool) -> str:
    where = f"{finding.file}:{finding.line}:{finding.column}:"
    code = finding.code
    if colour:
        where = f"{_BOLD}{where}{_RESET}"
        code = f"{_COLOURS[finding.severity]}{code}{_RESET}"
    return f"{where} {code} {finding.message}"


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def report(results: Sequence[FileResult], stream: TextIO, *, colour: bool, quiet: bool) -> None:
    findings = all_findings(results)
    for finding in findings:
        stream.write(format_finding(finding, colour=colour) + "\n")
    if quiet:
        return
    if findings:
        files = len({finding.file for finding in findings})
        stream.write(f"Found {_plural(len(findings), 'finding')} in {_plural(files, 'file')}.\n")
    else:
        configs = sum(len(result.configs) for result in results)
        stream.write(f"All checks passed ({_plural(configs, 'k0s configuration')} checked).\n")
