"""What a run saw, shared by the reporters."""

from collections import Counter
from collections.abc import Sequence
from typing import NamedTuple

from k0slint.lint.findings import Finding
from k0slint.lint.linter import FileResult


class RunSummary(NamedTuple):
    files: int
    configs: dict[str, int]
    findings: dict[str, int]
    skipped: list[tuple[str, str]]


def summarise(results: Sequence[FileResult]) -> RunSummary:
    configs: Counter[str] = Counter(kind for result in results for kind, _ in result.configs)
    findings: Counter[str] = Counter(f.code for result in results for f in result.findings)
    return RunSummary(
        files=len(results),
        configs=dict(sorted(configs.items())),
        findings=dict(sorted(findings.items())),
        skipped=[(r.path, r.skipped.reason) for r in results if r.skipped],
    )


def all_findings(results: Sequence[FileResult]) -> list[Finding]:
    """Every finding of the run, ordered by file, line, column and code."""
    return sorted((finding for result in results for finding in result.findings), key=Finding.sort_key)


def fixable_counts(results: Sequence[FileResult]) -> tuple[int, int]:
    """(safe, unsafe): what --fix, and then --fix --unsafe-fixes, would fix over all its passes
    where the run counted it (without --fix), else the findings' own fixes."""
    safe = unsafe = 0
    for result in results:
        if result.fixable is not None:
            safe += result.fixable[0]
            unsafe += result.fixable[1]
            continue
        for finding in result.findings:
            if finding.fix is not None:
                if finding.fix.applies(unsafe=False):
                    safe += 1
                else:
                    unsafe += 1
    return safe, unsafe
