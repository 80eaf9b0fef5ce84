"""What each command line does: documentation, schema, settings, image lists, lint, fix, diff."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable

from k0slint.cli import combinations
from k0slint.cli.exit_codes import EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS, SEVERITY_CHOICES, UsageError
from k0slint.cli.output import output, print_notes, write_report
from k0slint.k0s.documents import ConfigDocument
from k0slint.k0s.releases import Release, load
from k0slint.lint.excludes import Exclusion
from k0slint.lint.linter_factory import CommandLine, LinterFactory, forced_release
from k0slint.lint.rule_packs import RegistryError, RulePack, all_rules, load_packs
from k0slint.lint.run import Mode, RunResult, default_jobs, execute
from k0slint.lint.selection import lookup, suggestion
from k0slint.lint.settings import ConfigError, Resolver
from k0slint.reporters import registry


def dispatch(args: argparse.Namespace) -> int:
    try:
        return _dispatch(args)
    except ConfigError as error:
        raise UsageError(str(error)) from None


def _dispatch(args: argparse.Namespace) -> int:
    combinations.check(args)
    if args.list_rules or args.explain:
        return documentation(args, _packs())
    if args.print_schema:
        return print_schema(args)
    if args.show_settings:
        return show_settings(args)
    if args.show_images:
        return show_images(args)
    return lint(args)


def _packs() -> list[RulePack]:
    try:
        return load_packs()
    except RegistryError as error:
        raise UsageError(str(error)) from None


def linter_factory(
    args: argparse.Namespace, observer: Callable[[ConfigDocument, Release], None] | None = None
) -> LinterFactory:
    """The linters for this run; with an observer (--show-images), linters that run no rules."""
    command_line = CommandLine(args.select, args.extend_select, args.ignore, args.k0s_version)
    resolver = Resolver(config=args.config, isolated=args.isolated)
    return LinterFactory(_packs(), load(), resolver, command_line, observer)


def exclusion(args: argparse.Namespace, resolver: Resolver) -> Exclusion:
    """What the run leaves out: --exclude, the configuration's excludes, .gitignore files."""
    return Exclusion(
        resolver,
        cli_exclude=args.exclude,
        respect_gitignore=not args.no_respect_gitignore,
        force=args.force_exclude,
    )


def documentation(args: argparse.Namespace, packs: list[RulePack]) -> int:
    from k0slint.lint.rule_docs import explain, rule_docs

    rules = all_rules(packs)
    if args.explain:
        found = lookup(args.explain, rules)
        if found is None:
            close = suggestion(args.explain, rules)
            hint = f"did you mean {close!r}? " if close else ""
            raise UsageError(f"unknown rule {args.explain.strip()!r} ({hint}see --list-rules)")
        with output(args) as stream:
            stream.write(explain(found))
        return EXIT_CLEAN
    if args.format == "json":
        payload = [
            {"code": d.code, "name": d.name, "severity": d.severity, "summary": d.summary, "docs": d.markdown}
            for d in map(rule_docs, rules)
        ]
        with output(args) as stream:
            json.dump(payload, stream, indent=2)
            stream.write("\n")
        return EXIT_CLEAN
    width = max(len(rule.name) for rule in rules)
    with output(args) as stream:
        for rule in rules:
            stream.write(f"{rule.code}  {rule.name:<{width}}  {rule.severity.value:<7}  {rule.summary}\n")
    return EXIT_CLEAN


def print_schema(args: argparse.Namespace) -> int:
    from k0slint.k0s.schema import load_schema, minor_of

    releases = load()
    settings = Resolver(config=args.config, isolated=args.isolated).for_file(".k0slint")
    forced = forced_release(releases, args.k0s_version, settings)
    release = forced.release if forced is not None else releases.newest
    minor = minor_of(release)
    with output(args) as stream:
        json.dump(load_schema(minor), stream, indent=2, sort_keys=True)
        stream.write("\n")
    if forced is not None and forced.note and not args.quiet:
        # A version k0slint does not know gets a neighbouring release's schema: say which.
        sys.stderr.write(f"k0slint: note: {forced.source}: {forced.note}; printing the k0s {minor} schema\n")
    return EXIT_CLEAN


def show_settings(args: argparse.Namespace) -> int:
    from k0slint.cli.settings_report import checked_path, settings_report

    path = checked_path(args.show_settings)
    chosen = linter_factory(args)
    notes: list[str] = []
    payload = settings_report(path, chosen, notes)
    with output(args) as stream:
        json.dump(payload, stream, indent=2)
        stream.write("\n")
    if not args.quiet:
        for note in (*chosen.notes, *notes):
            sys.stderr.write(f"k0slint: note: {note}\n")
    return EXIT_CLEAN


def show_images(args: argparse.Namespace) -> int:
    from k0slint.cli.image_list import ImageList
    from k0slint.k0s.mirror import MirrorPlan

    listing = ImageList([], [], MirrorPlan())
    chosen = linter_factory(args, observer=listing.add)
    run = execute(
        chosen.linter_for,
        args.paths or ["."],
        stdin_name=args.stdin_filename,
        exclude=exclusion(args, chosen.resolver),
    )
    with output(args) as stream:
        if args.format == "json":
            listing.report_json(stream)
        elif args.format == "mirror":
            listing.report_mirror(stream, sys.stderr)
        else:
            listing.report_text(stream)
    sys.stdout.flush()
    print_notes(args, chosen, run)
    if run.errors:
        return EXIT_ERROR
    # A mirror plan that leaves an image of the repository without one known source is incomplete.
    return EXIT_FINDINGS if args.format == "mirror" and not listing.mirror.complete else EXIT_CLEAN


def _mode(args: argparse.Namespace) -> Mode:
    if args.diff:
        return Mode.DIFF
    return Mode.FIX if args.fix else Mode.CHECK


def lint(args: argparse.Namespace) -> int:
    mode = _mode(args)
    chosen = linter_factory(args)
    reporter = registry.reporter(args.format)
    run = execute(
        chosen.linter_for,
        args.paths or ["."],
        mode=mode,
        unsafe=args.unsafe_fixes,
        stdin_name=args.stdin_filename,
        jobs=args.jobs or default_jobs(),
        keep_sources=reporter.needs_sources,
        count_fixes=reporter.counts_fixes and not args.quiet,
        exclude=exclusion(args, chosen.resolver),
    )
    if args.write_baseline:
        return _write_baseline(args, chosen, run)
    baseline_notes = _apply_baseline(args, run)
    if run.stdin_output is not None:
        sys.stdout.buffer.write(run.stdin_output)
        sys.stdout.flush()
    if mode is Mode.DIFF:
        with output(args) as stream:
            stream.write("".join(run.diffs))
    else:
        write_report(args, reporter, chosen, run)
    sys.stdout.flush()
    print_notes(args, chosen, run, baseline_notes)
    return exit_status(args, mode, run)


def _write_baseline(args: argparse.Namespace, chosen: LinterFactory, run: RunResult) -> int:
    from k0slint.lint.baseline import Baseline, BaselineError

    baseline = Baseline.of(args.write_baseline, (f for result in run.results for f in result.findings))
    if run.errors:
        print_notes(args, chosen, run)
        sys.stderr.write(f"k0slint: error: {args.write_baseline}: not written, as some files failed\n")
        return EXIT_ERROR
    try:
        baseline.write()
    except BaselineError as error:
        raise UsageError(str(error)) from None
    count = sum(baseline.counts.values())
    print_notes(args, chosen, run, [f"{args.write_baseline}: recorded {count} finding(s)"])
    return EXIT_CLEAN


def _apply_baseline(args: argparse.Namespace, run: RunResult) -> list[str]:
    if not args.baseline:
        return []
    from k0slint.lint.baseline import Baseline, BaselineError

    try:
        baseline = Baseline.read(args.baseline)
    except BaselineError as error:
        raise UsageError(str(error)) from None
    dropped, gone = baseline.filter(run.results)
    notes = [f"{args.baseline}: {dropped} known finding(s) not reported"] if dropped else []
    if gone:
        notes.append(
            f"{args.baseline}: {gone} recorded finding(s) are gone; refresh it with --write-baseline"
        )
    return notes


def exit_status(args: argparse.Namespace, mode: Mode, run: RunResult) -> int:
    if run.errors:
        return EXIT_ERROR
    if mode is Mode.DIFF:
        return EXIT_FINDINGS if run.diffs and not args.exit_zero else EXIT_CLEAN
    if mode is Mode.FIX and args.exit_non_zero_on_fix and run.changed:
        return EXIT_FINDINGS
    threshold = SEVERITY_CHOICES.index(args.fail_on)
    failing = any(
        SEVERITY_CHOICES.index(finding.severity.value) <= threshold
        for result in run.results
        for finding in result.findings
    )
    return EXIT_FINDINGS if failing and not args.exit_zero else EXIT_CLEAN
