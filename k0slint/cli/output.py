"""Where a run's results go: the report (stdout or --output-file) and notes on stderr."""

from __future__ import annotations

import argparse
import io
import os
import sys
from collections.abc import Sequence
from typing import TextIO

from k0slint.cli.exit_codes import UsageError
from k0slint.lint.linter_factory import LinterFactory
from k0slint.lint.run import RunResult, folders_without_configs


def write_report(args: argparse.Namespace, chosen: LinterFactory, run: RunResult) -> None:
    if not args.output_file:
        report(args, chosen, run, sys.stderr if run.stdin_output is not None else sys.stdout)
        return
    from k0slint.atomic_write import WriteError, write_new_file

    buffer = io.StringIO()
    report(args, chosen, run, buffer)
    try:
        write_new_file(args.output_file, buffer.getvalue().encode("utf-8"))
    except WriteError as error:
        raise UsageError(f"--output-file {args.output_file}: {error}") from None


def report(args: argparse.Namespace, chosen: LinterFactory, run: RunResult, stream: TextIO) -> None:
    if args.format == "json":
        from k0slint.reporters import json_report

        json_report.report(run.results, stream, fixed=run.applied)
    elif args.format == "sarif":
        from k0slint.reporters import sarif

        sarif.report(run.results, chosen.enabled_rules(), stream, run.errors)
    elif args.format == "github":
        from k0slint.reporters import github

        github.report(run.results, stream)
    elif args.format == "junit":
        from k0slint.reporters import junit

        junit.report(run.results, stream)
    else:
        from k0slint.reporters import text

        text.report(
            run.results,
            stream,
            colour=use_colour(args.color, stream),
            quiet=args.quiet or bool(run.errors),
            fixable=lambda finding: finding.fix is not None and finding.fix.applies(unsafe=args.unsafe_fixes),
            fixed=run.applied,
            show_fixes=args.show_fixes,
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
