"""`--format markdown`: a GitHub-flavoured Markdown report, for a CI job summary
(`$GITHUB_STEP_SUMMARY`) or a merge request comment.

A headline with the counts and how many findings `--fix` would fix, a table of findings by file
and rule (each rule linked to its page at this release's tag, as SARIF's `helpUri`), then every
finding with its message in a collapsed section, and the errors. Every text taken from a file or
a message is escaped for a table cell: kept on one line (`display.one_line`), HTML and the
characters Markdown reads (`|`, backticks, `*`, `_`, `[`, ...) written so that they show as typed.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import TextIO

from k0slint.lint.findings import Finding, Severity
from k0slint.lint.rule import Rule
from k0slint.lint.rule_docs import page_url
from k0slint.reporters.contract import Reporter, ReportOptions, RunReport
from k0slint.reporters.display import one_line
from k0slint.reporters.summary import all_findings, fixable_counts

TITLE = "## k0slint"
_HTML = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
# What GitHub's Markdown may read as markup inside a table cell (emphasis, code, links, strike-
# through, the cell separator, escapes); the rest (`#`, `-`, `1.`) is markup only at a line start.
_MARKUP = frozenset("\\`*_[]|~")


def cell(text: str) -> str:
    """`text` as the content of one table cell that shows exactly `text`, on one line."""
    out = []
    for char in one_line(text):
        if char in _HTML:
            out.append(_HTML[char])
        elif char in _MARKUP:
            out.append("\\" + char)
        else:
            out.append(char)
    return "".join(out)


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def _rule_link(code: str, name: str, pages: dict[str, str]) -> str:
    label = f"{cell(code)} {cell(name)}"
    url = pages.get(code)
    return f"[{label}]({url})" if url else label


def _pages(rules: Sequence[type[Rule]]) -> dict[str, str]:
    return {rule.code: url for rule in rules if (url := page_url(rule)) is not None}


def headline(run: RunReport, findings: Sequence[Finding]) -> str:
    if not findings and run.errors:
        return "No findings in the files that could be read."
    if not findings:
        configs = sum(len(result.configs) for result in run.results)
        fixed = f" Fixed {_plural(len(run.fixed), 'finding')}." if run.fixed else ""
        return f"All checks passed ({_plural(configs, 'k0s configuration')} checked).{fixed}"
    by_severity = Counter(finding.severity for finding in findings)
    severities = ", ".join(
        _plural(by_severity[severity], severity.value) for severity in Severity if by_severity[severity]
    )
    files = len({finding.file for finding in findings})
    line = f"**{_plural(len(findings), 'finding')}** in {_plural(files, 'file')} ({severities})."
    if run.fixed:
        line += f" {len(run.fixed)} fixed."
    safe, unsafe = fixable_counts(run.results)
    line += f" {safe} fixable with `k0slint --fix`"
    if unsafe:
        line += f" ({unsafe} more with `--fix --unsafe-fixes`)"
    return line + "."


def by_file_and_rule(findings: Sequence[Finding], pages: dict[str, str]) -> list[str]:
    groups: dict[tuple[str, str], list[Finding]] = {}
    for finding in findings:
        groups.setdefault((finding.file, finding.code), []).append(finding)
    lines = ["| file | rule | severity | findings | lines |", "|---|---|---|---|---|"]
    for (file, code), group in groups.items():
        first = group[0]
        places = ", ".join(f"{finding.line}:{finding.column}" for finding in group)
        lines.append(
            f"| {cell(file)} | {_rule_link(code, first.name, pages)} | {first.severity.value} "
            f"| {len(group)} | {places} |"
        )
    return lines


def details(findings: Sequence[Finding]) -> list[str]:
    lines = ["<details><summary>Every finding</summary>", "", "| where | rule | message |", "|---|---|---|"]
    for finding in findings:
        where = cell(f"{finding.file}:{finding.line}:{finding.column}")
        lines.append(f"| {where} | {cell(finding.code)} | {cell(finding.message)} |")
    return [*lines, "", "</details>"]


def report(run: RunReport, options: ReportOptions, stream: TextIO) -> None:
    findings = all_findings(run.results)
    lines = [TITLE, "", headline(run, findings)]
    if findings:
        pages = _pages(run.rules())
        lines += ["", *by_file_and_rule(findings, pages), "", *details(findings)]
    if run.errors:
        lines += ["", f"**{_plural(len(run.errors), 'error')}** (the run's exit status is 2):", ""]
        lines += [f"- {cell(str(error))}" for error in run.errors]
    stream.write("\n".join(lines) + "\n")


REPORTER = Reporter(report, counts_fixes=True)
