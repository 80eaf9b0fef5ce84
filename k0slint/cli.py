"""Command line: `k0slint [options] [PATH ...]`."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, TextIO

from k0slint import __version__

if TYPE_CHECKING:
    from collections.abc import Callable

    from k0slint.documents import ConfigDocument
    from k0slint.engine import ForcedRelease, Linter
    from k0slint.k0s.releases import Release
    from k0slint.rule import Rule
    from k0slint.run import Mode, RunResult

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
SEVERITY_CHOICES = ("error", "warning", "info")


class UsageError(Exception):
    """A bad option value; reported as one line, exit 2."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="k0slint",
        description="Lint k0s, k0sctl and k0smotron configuration files.",
        epilog="Exit status: 0 clean, 1 findings at a failing severity, 2 usage, input or internal error.",
    )
    parser.add_argument(
        "paths", nargs="*", metavar="PATH", help="files or folders (default: .); - reads stdin"
    )
    parser.add_argument(
        "--format", choices=("text", "json", "sarif", "github", "junit"), default="text", help="report format"
    )
    parser.add_argument(
        "--output-file", "-o", metavar="FILE", help="write the report to FILE instead of stdout"
    )
    parser.add_argument("--select", type=_codes, help="rule codes or prefixes to enable (comma separated)")
    parser.add_argument("--ignore", type=_codes, default=[], help="rule codes or prefixes to disable")
    parser.add_argument("--k0s-version", metavar="VERSION", help="check against this k0s release")
    parser.add_argument(
        "--fail-on",
        choices=SEVERITY_CHOICES,
        default="warning",
        help="lowest severity that makes the exit status 1 (default: warning)",
    )
    parser.add_argument("--exit-zero", action="store_true", help="exit 0 even when there are findings")
    parser.add_argument("--stdin-filename", metavar="NAME", help="name to report for input read from -")
    parser.add_argument("-q", "--quiet", action="store_true", help="print findings only")
    parser.add_argument(
        "--color",
        choices=("auto", "always", "never"),
        default="auto",
        help="colour the text report (auto honours NO_COLOR and FORCE_COLOR)",
    )
    parser.add_argument("--fix", action="store_true", help="apply safe fixes in place")
    parser.add_argument("--unsafe-fixes", action="store_true", help="with --fix or --diff, unsafe fixes too")
    parser.add_argument(
        "--diff", action="store_true", help="print the diff --fix would make; write nothing (exit 1 if any)"
    )
    parser.add_argument("--show-fixes", action="store_true", help="with --fix, list the fixes applied")
    parser.add_argument(
        "--exit-non-zero-on-fix", action="store_true", help="with --fix, exit 1 when a file was changed"
    )
    parser.add_argument(
        "--show-images",
        action="store_true",
        help="list every image k0s would pull for each config instead of linting",
    )
    parser.add_argument(
        "--list-rules", action="store_true", help="list the rules (with --format json: as JSON)"
    )
    parser.add_argument("--explain", metavar="CODE", help="print the documentation of a rule")
    parser.add_argument(
        "--print-schema",
        action="store_true",
        help="print the JSON schema of the ClusterConfig (see --k0s-version)",
    )
    parser.add_argument("--version", action="store_true", help="print the version and exit")
    return parser


def _codes(text: str) -> list[str]:
    """`K0S101,k0s1` -> codes and prefixes (upper case); rule names stay as written."""
    parts = [part.strip() for part in text.split(",") if part.strip()]
    return [part if "-" in part else part.upper() for part in parts]


def use_colour(choice: str, stream: TextIO) -> bool:
    if choice != "auto":
        return choice == "always"
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR", "0") not in ("", "0"):
        return True
    return stream.isatty()


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:
        return int(exit_.code or 0)
    if args.version:
        sys.stdout.write(f"k0slint {__version__}\n")
        return EXIT_CLEAN
    try:
        return _run(args)
    except UsageError as error:
        sys.stderr.write(f"k0slint: error: {error}\n")
        return EXIT_ERROR
    except KeyboardInterrupt:
        sys.stderr.write("k0slint: interrupted\n")
        return EXIT_ERROR
    except BrokenPipeError:
        # The reader went away (`k0slint ... | head`): stop quietly, without a traceback at exit.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_ERROR
    except Exception as error:  # the last line of defence: one line, never a traceback
        if os.environ.get("K0SLINT_DEBUG"):
            raise
        sys.stderr.write(f"k0slint: internal error: {type(error).__name__}: {error}\n")
        return EXIT_ERROR


def _rules(args: argparse.Namespace) -> list[type[Rule]]:
    from k0slint.registry import RegistryError, all_rules, load_packs, select_rules

    try:
        rules = all_rules(load_packs())
    except RegistryError as error:
        raise UsageError(str(error)) from None
    for selector in [*(args.select or []), *args.ignore]:
        if selector != "ALL" and not any(r.code.startswith(selector) or r.name == selector for r in rules):
            raise UsageError(f"unknown rule code or prefix {selector!r}")
    return select_rules(rules, args.select, args.ignore)


def _linter(
    args: argparse.Namespace, observer: Callable[[ConfigDocument, Release], None] | None = None
) -> tuple[Linter, ForcedRelease | None]:
    from k0slint.engine import ForcedRelease, Linter
    from k0slint.k0s.releases import load
    from k0slint.k0s.versions import VersionError, parse_version

    releases = load()
    forced = None
    if args.k0s_version is not None:
        try:
            release, note = releases.resolve(parse_version(args.k0s_version))
        except VersionError as error:
            raise UsageError(f"--k0s-version: {error}") from None
        forced = ForcedRelease(release, note)
    rules = [] if observer is not None else [rule() for rule in _rules(args)]
    return Linter(rules, releases, forced, observer=observer), forced


def _show_images(args: argparse.Namespace) -> int:
    from k0slint.run import execute
    from k0slint.show_images import ImageList

    listing = ImageList([], [])
    linter, forced = _linter(args, observer=listing.add)
    run = execute(linter, args.paths or ["."], stdin_name=args.stdin_filename)
    if args.format == "json":
        listing.report_json(sys.stdout)
    else:
        listing.report_text(sys.stdout)
    sys.stdout.flush()
    _print_notes(args, forced, run)
    return EXIT_ERROR if run.errors else EXIT_CLEAN


def _mode(args: argparse.Namespace) -> Mode:
    from k0slint.run import Mode

    if args.diff:
        return Mode.DIFF
    return Mode.FIX if args.fix else Mode.CHECK


def _documentation(args: argparse.Namespace) -> int:
    import json

    from k0slint.docs import explain, rule_docs
    from k0slint.registry import RegistryError, all_rules, load_packs

    try:
        rules = all_rules(load_packs())
    except RegistryError as error:
        raise UsageError(str(error)) from None
    if args.explain:
        wanted = args.explain.strip()
        found = [rule for rule in rules if wanted.upper() == rule.code or wanted == rule.name]
        if not found:
            raise UsageError(f"unknown rule {wanted!r} (see --list-rules)")
        sys.stdout.write(explain(found[0]))
        return EXIT_CLEAN
    if args.format == "json":
        payload = [
            {"code": d.code, "name": d.name, "severity": d.severity, "summary": d.summary, "docs": d.markdown}
            for d in map(rule_docs, rules)
        ]
        json.dump(payload, sys.stdout, indent=2)
        sys.stdout.write("\n")
        return EXIT_CLEAN
    width = max(len(rule.name) for rule in rules)
    for rule in rules:
        sys.stdout.write(f"{rule.code}  {rule.name:<{width}}  {rule.severity.value:<7}  {rule.summary}\n")
    return EXIT_CLEAN


def _print_schema(args: argparse.Namespace) -> int:
    import json

    from k0slint.k0s.releases import load
    from k0slint.k0s.versions import VersionError, parse_version
    from k0slint.schema import load_schema, minor_of

    releases = load()
    release = releases.newest
    if args.k0s_version:
        try:
            release, _ = releases.resolve(parse_version(args.k0s_version))
        except VersionError as error:
            raise UsageError(f"--k0s-version: {error}") from None
    json.dump(load_schema(minor_of(release)), sys.stdout, indent=2, sort_keys=True)
    sys.stdout.write("\n")
    return EXIT_CLEAN


def _run(args: argparse.Namespace) -> int:
    if args.list_rules or args.explain:
        return _documentation(args)
    if args.print_schema:
        return _print_schema(args)
    if args.show_images:
        return _show_images(args)
    from k0slint.run import Mode, execute

    mode = _mode(args)
    linter, forced = _linter(args)
    run = execute(
        linter, args.paths or ["."], mode=mode, unsafe=args.unsafe_fixes, stdin_name=args.stdin_filename
    )
    if run.stdin_output is not None:
        sys.stdout.buffer.write(run.stdin_output)
        sys.stdout.flush()
    if mode is Mode.DIFF:
        sys.stdout.write("".join(run.diffs))
    else:
        _write_report(args, linter, run)
    sys.stdout.flush()
    _print_notes(args, forced, run)
    return _exit_status(args, mode, run)


def _write_report(args: argparse.Namespace, linter: Linter, run: RunResult) -> None:
    if args.output_file:
        try:
            with open(args.output_file, "w", encoding="utf-8", newline="\n") as stream:
                _report(args, linter, run, stream)
        except OSError as error:
            raise UsageError(f"--output-file {args.output_file}: {error.strerror or error}") from None
        return
    _report(args, linter, run, sys.stderr if run.stdin_output is not None else sys.stdout)


def _report(args: argparse.Namespace, linter: Linter, run: RunResult, stream: TextIO) -> None:
    from k0slint.fix.fixer import applicable

    if args.format == "json":
        from k0slint.reporters import json_report

        json_report.report(run.results, stream, fixed=run.applied)
    elif args.format == "sarif":
        from k0slint.reporters import sarif

        sarif.report(run.results, [type(rule) for rule in linter.rules], stream, run.errors)
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
            fixable=lambda finding: applicable(finding.fix, unsafe=args.unsafe_fixes),
            fixed=run.applied,
            show_fixes=args.show_fixes,
        )


def _exit_status(args: argparse.Namespace, mode: Mode, run: RunResult) -> int:
    from k0slint.run import Mode

    if run.errors:
        return EXIT_ERROR
    if mode is Mode.DIFF:
        return EXIT_FINDINGS if run.diffs else EXIT_CLEAN
    if mode is Mode.FIX and args.exit_non_zero_on_fix and run.changed:
        return EXIT_FINDINGS
    threshold = SEVERITY_CHOICES.index(args.fail_on)
    failing = [
        finding
        for result in run.results
        for finding in result.findings
        if SEVERITY_CHOICES.index(finding.severity.value) <= threshold
    ]
    return EXIT_FINDINGS if failing and not args.exit_zero else EXIT_CLEAN


def _print_notes(args: argparse.Namespace, forced: ForcedRelease | None, run: RunResult) -> None:
    from k0slint.run import folders_without_configs

    err = sys.stderr
    for error in run.errors:
        err.write(f"k0slint: error: {error}\n")
    if args.quiet:
        return
    if forced and forced.note:
        err.write(f"k0slint: note: {forced.note}\n")
    for result in run.results:
        for note in result.notes:
            err.write(f"k0slint: note: {note}\n")
        if result.skipped and result.skipped.mentions_k0s:
            err.write(f"k0slint: note: {result.path}: skipped: {result.skipped.reason}\n")
    for folder in folders_without_configs(args.paths or ["."], run.results):
        err.write(f"k0slint: warning: {folder}: no k0s configuration found\n")
