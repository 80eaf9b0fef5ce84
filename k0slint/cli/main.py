"""Command line: `k0slint [options] [PATH ...]`. Parsing and exit codes; the work is in
k0slint.cli.commands, imported only once a command needs it."""

from __future__ import annotations

import argparse
import functools
import os
import sys
from collections.abc import Sequence
from typing import NoReturn

from k0slint import __version__
from k0slint.cli.combinations import COMMAND_FORMATS
from k0slint.cli.exit_codes import EXIT_CLEAN, EXIT_ERROR, SEVERITY_CHOICES, UsageError
from k0slint.reporters import registry


def _codes(text: str) -> list[str]:
    """`K0S101,k0s1,image-outside-repository` -> selectors, as written (k0slint.lint.selection
    compares codes in any case)."""
    return [part.strip() for part in text.split(",") if part.strip()]


def _patterns(text: str) -> list[str]:
    """`legacy/,*.tmp.yaml` -> gitignore-style patterns."""
    return [part.strip() for part in text.split(",") if part.strip()]


def _jobs(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = -1
    if value < 0:
        # argparse words a ValueError after the function's name ("invalid _jobs value").
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a number of processes: give 0 (one per core) or more"
        )
    return value


class _Given(argparse.Action):
    """Stores an option's value and records that the command line named it: for an option with
    a default, naming it (`--format text --diff`) is not the same as leaving it out."""

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: object,
        option_string: str | None = None,
    ) -> None:
        setattr(namespace, self.dest, values)
        namespace.given = (*namespace.given, self.dest)


@functools.cache
def _help_width() -> int:
    """The width argparse would take from shutil: $COLUMNS, else the terminal's, else 80; less 2."""
    try:
        columns = int(os.environ.get("COLUMNS", ""))
    except ValueError:
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            columns = 0
    return (columns or 80) - 2


class _HelpFormatter(argparse.HelpFormatter):
    """argparse makes a formatter for every option it adds, each asking shutil for the terminal
    width; asking once keeps shutil and its compression modules (~2 ms) out of a hook run."""

    def __init__(self, prog: str) -> None:
        super().__init__(prog, width=_help_width())


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="k0slint",
        formatter_class=_HelpFormatter,
        description="Lint k0s, k0sctl and k0smotron configuration files.",
        epilog=(
            "An option that cannot apply to the command (--show-fixes without --fix, --format json "
            "with --diff, ...) is a usage error; -q and --color are accepted with every command. "
            "Exit status: 0 clean, 1 findings at a failing severity, 2 usage, input or internal error. "
            "`k0slint server` starts the language server (pip install 'k0slint[server]'); a file "
            "named server is linted as ./server."
        ),
    )
    parser.set_defaults(given=())
    add = parser.add_argument
    add("paths", nargs="*", metavar="PATH", help="files or folders (default: .); - reads stdin")
    add(
        "--format",
        choices=(*registry.FORMATS, *COMMAND_FORMATS),
        default=registry.DEFAULT,
        action=_Given,
        help="report format (default: text; full: text with each finding's source; mirror: --show-images)",
    )
    add(
        "--output-file",
        "-o",
        metavar="FILE",
        help="write the report (or what another command prints) to FILE instead of stdout",
    )
    add("--select", type=_codes, help="rule codes, prefixes or names to enable (comma separated)")
    add("--extend-select", type=_codes, default=[], help="rules to enable on top of the selection")
    add("--ignore", type=_codes, default=[], help="rule codes, prefixes or names to disable")
    add(
        "--k0s-version",
        metavar="VERSION",
        help="check every file against this k0s release, whatever version it pins",
    )
    add("--config", metavar="FILE", help="use this configuration file for every file")
    add("--isolated", action="store_true", help="ignore every configuration file")
    add(
        "--exclude",
        type=_patterns,
        action="extend",
        metavar="PATTERNS",
        help="gitignore-style patterns to skip (comma separated); replace the configuration's exclude",
    )
    add("--force-exclude", action="store_true", help="apply the excludes to paths named too (pre-commit)")
    add("--no-respect-gitignore", action="store_true", help="walk what .gitignore files exclude too")
    add("--show-settings", metavar="PATH", help="print the settings that apply to PATH and exit")
    add("--baseline", metavar="FILE", help="report only findings that are not in this baseline")
    add("--write-baseline", metavar="FILE", help="record the current findings as the baseline")
    add(
        "--fail-on",
        choices=SEVERITY_CHOICES,
        default="warning",
        action=_Given,
        help="lowest severity that fails (default: warning)",
    )
    add("--exit-zero", action="store_true", help="exit 0 even when there are findings (with --diff: a diff)")
    add(
        "--jobs",
        "-j",
        type=_jobs,
        default=0,
        action=_Given,
        metavar="N",
        help="processes (default 0: one per core)",
    )
    add(
        "--stdin-filename",
        metavar="NAME",
        help="read standard input (the PATH - or no PATH) and report it as NAME",
    )
    add("--statistics", action="store_true", help="count the findings by rule instead of listing them")
    add("-q", "--quiet", action="store_true", help="print findings only")
    add(
        "--color",
        choices=("auto", "always", "never"),
        default="auto",
        action=_Given,
        help="colour (honours NO_COLOR, FORCE_COLOR)",
    )
    add("--fix", action="store_true", help="apply safe fixes in place")
    add("--unsafe-fixes", action="store_true", help="with --fix or --diff, unsafe fixes too")
    add("--diff", action="store_true", help="print the diff --fix would make; write nothing (exit 1 if any)")
    add("--show-fixes", action="store_true", help="with --fix, list the fixes applied")
    add("--exit-non-zero-on-fix", action="store_true", help="with --fix, exit 1 when a file was changed")
    add("--show-images", action="store_true", help="list every image k0s would pull for each config")
    add("--list-rules", action="store_true", help="list the rules (--format json: with their docs)")
    add("--explain", metavar="CODE", help="print the documentation of a rule")
    add("--print-schema", action="store_true", help="print the ClusterConfig JSON schema (see --k0s-version)")
    add("--version", action="store_true", help="print the version and exit")
    return parser


def run() -> NoReturn:
    """The `k0slint` command: `main`, then exit at once. Tearing the interpreter down (freeing
    every module, rule and result) would cost ~8 % of a one-file run; nothing is left to do
    by then: reports, fixes and pools are closed, and the output is flushed here."""
    code = main()
    if sys.stdout.closed:  # `k0slint server`: the protocol's writer closed it on `exit`
        os._exit(code)
    try:
        sys.stdout.flush()
    except BrokenPipeError:  # the reader went away while the last lines were written
        code = code or EXIT_ERROR
    except OSError as error:  # a full disk, say: the report is not whole
        code = EXIT_ERROR
        sys.stderr.write(f"k0slint: error: cannot write the report: {error.strerror or error}\n")
    try:
        sys.stderr.flush()
    except OSError:
        code = code or EXIT_ERROR
    os._exit(code)


def main(argv: Sequence[str] | None = None) -> int:
    arguments = sys.argv[1:] if argv is None else list(argv)
    if arguments[:1] == ["server"]:
        # A subcommand, as `ruff server`: a file named `server` is linted as `./server`.
        from k0slint.server.main import serve

        return serve(arguments[1:])
    parser = build_parser()
    try:
        args = parser.parse_args(arguments)
    except SystemExit as exit_:
        return int(exit_.code or 0)
    if args.version:
        sys.stdout.write(f"k0slint {__version__}\n")
        return EXIT_CLEAN
    try:
        from k0slint.cli import commands

        return commands.dispatch(args)
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
