"""Where a run's results go: the report (stdout or --output-file) and notes on stderr."""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import sys
from collections.abc import Iterator, Sequence
from typing import TextIO

from k0slint.cli.exit_codes import UsageError
from k0slint.lint.linter_factory import LinterFactory
from k0slint.lint.run import RunResult, folders_without_configs
from k0slint.reporters.contract import Reporter, ReportOptions, RunReport


def write_report(args: argparse.Namespace, reporter: Reporter, chosen: LinterFactory, run: RunResult) -> None:
    report = RunReport.of(run, chosen.enabled_rules)
    # With --fix on stdin, stdout carries the fixed file: the report goes to stderr.
    console = sys.stderr if run.stdin_output is not None else sys.stdout
    with output(args, console) as stream:
        reporter.write(report, options(args, stream), stream)


@contextlib.contextmanager
def output(args: argparse.Namespace, console: TextIO | None = None) -> Iterator[TextIO]:
    """The stream a command prints to: `console` (stdout unless given), or with --output-file a
    buffer written to that file atomically once the command has printed everything."""
    if not args.output_file:
        yield console or sys.stdout
        return
    buffer = io.StringIO()
    yield buffer
    from k0slint.atomic_write import WriteError, write_new_file

    try:
        write_new_file(args.output_file, buffer.getvalue().encode("utf-8"))
    except WriteError as error:
        raise UsageError(f"--output-file {args.output_file}: {error}") from None


def options(args: argparse.Namespace, stream: TextIO) -> ReportOptions:
    """The report's options from the command line; colour depends on the stream written to."""
    return ReportOptions(
        colour=use_colour(args.color, stream),
        quiet=args.quiet,
        show_fixes=args.show_fixes,
        unsafe=args.unsafe_fixes,
        fail_on=None if args.exit_zero else args.fail_on,
        statistics=args.statistics,
    )


def print_notes(
    args: argparse.Namespace, chosen: LinterFactory, run: RunResult, extra: Sequence[str] = ()
) -> None:
    err = sys.stderr
    for error in run.errors:
        err.write(f"k0slint: error: {error}\n")
    if args.quiet:
        return
    for note in (*chosen.notes, *extra):
        err.write(f"k0slint: note: {note}\n")
    for result in run.results:
        for note in result.notes:
            err.write(f"k0slint: note: {note}\n")
        if result.skipped and result.skipped.mentions_k0s:
            err.write(f"k0slint: note: {result.path}: skipped: {result.skipped.reason}\n")
    for folder in folders_without_configs(args.paths or ["."], run.results):
        err.write(f"k0slint: warning: {folder}: no k0s configuration found\n")


def use_colour(choice: str, stream: TextIO) -> bool:
    if choice != "auto":
        return choice == "always"
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR", "0") not in ("", "0"):
        return True
    return stream.isatty()
