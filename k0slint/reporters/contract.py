"""What every reporter receives (the run and the output's options) and what it declares."""

from collections.abc import Callable, Sequence
from typing import NamedTuple, TextIO

from k0slint.lint.findings import Finding
from k0slint.lint.linter import FileResult
from k0slint.lint.rule import Rule
from k0slint.lint.run import RunError, RunResult


class RunReport(NamedTuple):
    """A run as the reporters see it: each file's result, the errors, the fixes applied, and the
    rules that ran. `rules` is asked for, not given: only a report that lists them needs them
    (with no file linted, knowing them means building a linter)."""

    results: Sequence[FileResult]
    errors: Sequence[RunError]
    fixed: Sequence[Finding]
    rules: Callable[[], Sequence[type[Rule]]]

    @classmethod
    def of(cls, run: RunResult, rules: Callable[[], Sequence[type[Rule]]]) -> "RunReport":
        return cls(run.results, run.errors, run.applied, rules)


class ReportOptions(NamedTuple):
    """How the command line asked for the report; a format ignores what it has no use for."""

    colour: bool = False
    quiet: bool = False
    show_fixes: bool = False
    unsafe: bool = False  # --unsafe-fixes: unsafe fixes count as fixable
    fail_on: str | None = None  # --fail-on's severity; None when nothing fails the run (--exit-zero)
    statistics: bool = False  # --statistics: counts by rule instead of the findings


class Reporter(NamedTuple):
    """A report format: what writes it, and what it needs kept from the run."""

    write: Callable[[RunReport, ReportOptions, TextIO], None]
    # It quotes files' text (snippets, fixes' text edits): the run keeps sources and edits.
    needs_sources: bool = False
    # It says how many findings --fix would fix: without --fix, the run works that out by
    # fixing each file with fixes in memory (lint.fixing.fixable_counts).
    counts_fixes: bool = False
