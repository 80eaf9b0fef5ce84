"""`path:line:col: CODE [*] severity: message`, one finding a line, then a count."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TextIO

from k0slint.lint.findings import Finding, Severity
from k0slint.lint.linter import FileResult
from k0slint.reporters.contract import Reporter, ReportOptions, RunReport
from k0slint.reporters.display import escape, one_line
from k0slint.reporters.summary import all_findings, fixable_counts

_RESET = "\033[0m"
_BOLD = "\033[1m"
_COLOURS = {
    Severity.ERROR: "\033[1;31m",
    Severity.WARNING: "\033[1;33m",
    Severity.INFO: "\033[1;34m",
}
_SEVERITIES = tuple(Severity)  # most severe first


def format_finding(finding: Finding, *, colour: bool, fixable: bool = False) -> str:
    where = f"{escape(finding.file)}:{finding.line}:{finding.column}:"
    code = finding.code
    severity = f"{finding.severity.value}:"
    if colour:
        where = f"{_BOLD}{where}{_RESET}"
        code = f"{_COLOURS[finding.severity]}{code}{_RESET}"
        severity = f"{_COLOURS[finding.severity]}{severity}{_RESET}"
    marker = " [*]" if fixable else ""
    return f"{where} {code}{marker} {severity} {one_line(finding.message)}"


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


# What follows each finding's line: nothing here; the source and its underline in `full`.
Context = Callable[[Finding], str]


def report(run: RunReport, options: ReportOptions, stream: TextIO) -> None:
    write_report(run, options, stream, lambda finding: "")


def write_report(run: RunReport, options: ReportOptions, stream: TextIO, context: Context) -> None:
    """The findings (or, with --statistics, their counts by rule), the fixes applied (with
    --show-fixes), and a count unless quiet or the run had errors (the errors themselves go
    to stderr)."""

    def fixable(finding: Finding) -> bool:
        return finding.fix is not None and finding.fix.applies(unsafe=options.unsafe)

    findings = all_findings(run.results)
    if options.statistics:
        stream.write(statistics(findings))
    else:
        for finding in findings:
            stream.write(format_finding(finding, colour=options.colour, fixable=fixable(finding)) + "\n")
            stream.write(context(finding))
    if options.show_fixes and run.fixed:
        stream.write("Fixed:\n")
        for finding in sorted(run.fixed, key=Finding.sort_key):
            title = one_line(finding.fix.title) if finding.fix else ""
            where = f"{escape(finding.file)}:{finding.line}:{finding.column}"
            stream.write(f"  {where}: {finding.code} {title}\n")
    if options.quiet or run.errors:
        return
    stream.write(_summary(run.results, findings, run.fixed, options) + "\n")


def statistics(findings: Sequence[Finding]) -> str:
    """Counts by rule, most frequent first: count, code, name and how many have a safe fix."""
    counts: dict[str, tuple[str, int, int]] = {}
    for finding in findings:
        name, count, safe = counts.get(finding.code, (finding.name, 0, 0))
        has_fix = finding.fix is not None and finding.fix.applies(unsafe=False)
        counts[finding.code] = (name, count + 1, safe + has_fix)
    if not counts:
        return ""
    rows = sorted(counts.items(), key=lambda item: (-item[1][1], item[0]))
    width = max(len(name) for name, _, _ in counts.values())
    lines = [f"{'count':>5}  {'code':<6}  {'name':<{width}}  fixable"]
    lines += [f"{count:>5}  {code:<6}  {name:<{width}}  {safe:>7}" for code, (name, count, safe) in rows]
    return "\n".join(lines) + "\n"


def _summary(
    results: Sequence[FileResult],
    findings: Sequence[Finding],
    fixed: Sequence[Finding],
    options: ReportOptions,
) -> str:
    done = f" ({len(fixed)} fixed)" if fixed else ""
    if not findings:
        checked = f"{_plural(sum(len(result.configs) for result in results), 'k0s configuration')} checked"
        if fixed:
            return f"Fixed {_plural(len(fixed), 'finding')}; no findings remain ({checked})."
        return f"All checks passed ({checked})."
    files = len({finding.file for finding in findings})
    line = f"Found {_plural(len(findings), 'finding')} in {_plural(files, 'file')}{done}."
    return line + _failing(findings, options.fail_on) + _fixable(results)


def _failing(findings: Sequence[Finding], fail_on: str | None) -> str:
    """How many findings fail the run, when not all of them do."""
    if fail_on is None:
        return ""
    failing = _SEVERITIES[: [severity.value for severity in _SEVERITIES].index(fail_on) + 1]
    count = sum(1 for finding in findings if finding.severity in failing)
    if count == len(findings):
        return ""
    fail = "None fails" if count == 0 else f"{count} fail"
    return f" {fail} the run (--fail-on {fail_on})."


def _fixable(results: Sequence[FileResult]) -> str:
    """`N fixable with --fix (M more with --fix --unsafe-fixes).`"""
    safe, unsafe = fixable_counts(results)
    if safe and unsafe:
        return f" {safe} fixable with --fix ({unsafe} more with --fix --unsafe-fixes)."
    if safe:
        return f" {safe} fixable with --fix."
    if unsafe:
        return f" {unsafe} fixable with --fix --unsafe-fixes."
    return ""


REPORTER = Reporter(report, counts_fixes=True)
