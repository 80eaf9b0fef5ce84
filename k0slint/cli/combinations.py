"""Which options apply to which command: an option that cannot apply is a usage error naming it,
never silently ignored."""

from __future__ import annotations

import argparse
from collections.abc import Iterator

from k0slint.cli.exit_codes import UsageError
from k0slint.reporters import registry

LINT = "lint"  # no command option: lint the PATHs and report
# The options that make k0slint do something else than lint and report; at most one is given.
# Each with what it does instead, for the messages.
COMMANDS = {
    "--fix": "it fixes files",
    "--diff": "it prints a unified diff",
    "--write-baseline": "it records the findings in its FILE",
    "--show-images": "it lists the images each config pulls and runs no rule",
    "--show-settings": "it prints the settings that apply to the file given with it",
    "--list-rules": "it lists every installed rule",
    "--explain": "it prints one rule's documentation",
    "--print-schema": "it prints a JSON schema",
}
_LINTING = frozenset({LINT, "--fix", "--diff", "--write-baseline"})
_EVERY = frozenset({LINT, *COMMANDS})
_CONFIGURED = _LINTING | {"--show-images", "--show-settings", "--print-schema"}
_SELECTING = _LINTING | {"--show-settings"}
_REPORTING = frozenset({LINT, "--fix"})

# The commands each option applies to (PATH: the positional arguments).
APPLIES: dict[str, frozenset[str]] = {
    "PATH": _LINTING | {"--show-images"},
    "--output-file": _EVERY - {"--write-baseline"},
    "--select": _SELECTING,
    "--extend-select": _SELECTING,
    "--ignore": _SELECTING,
    "--k0s-version": _CONFIGURED,
    "--config": _CONFIGURED,
    "--isolated": _CONFIGURED,
    "--baseline": _REPORTING,
    "--fail-on": _REPORTING,
    "--exit-zero": _REPORTING | {"--diff"},
    "--jobs": _LINTING,
    "--stdin-filename": _LINTING | {"--show-images"},
    # --quiet and --color are accepted with every command, so that a script may always pass
    # them: only the text report is coloured, and --quiet drops notes and the summary wherever
    # there are any (README, "Which options apply to which command").
    "--quiet": _EVERY,
    "--color": _EVERY,
    "--unsafe-fixes": frozenset({LINT, "--fix", "--diff"}),
    "--show-fixes": frozenset({"--fix"}),
    "--exit-non-zero-on-fix": frozenset({"--fix"}),
    "--statistics": _REPORTING,
    "--exclude": _LINTING | {"--show-images"},
    "--force-exclude": _LINTING | {"--show-images"},
    "--no-respect-gitignore": _LINTING | {"--show-images"},
}
# Formats a command prints that are not lint reports (`--format` offers them after the reports).
COMMAND_FORMATS = ("mirror",)
# The formats each command prints (None: every report format).
FORMATS: dict[str, tuple[str, ...] | None] = {
    LINT: None,
    "--fix": None,
    "--diff": ("text",),
    "--write-baseline": (),
    "--show-images": ("text", "json", "mirror"),
    "--show-settings": ("json",),
    "--list-rules": ("text", "json"),
    "--explain": ("text",),
    "--print-schema": ("json",),
}
# Options that exclude each other whatever the command.
CONFLICTS = (
    ("--config", "--isolated"),
    ("--baseline", "--write-baseline"),
    ("--exit-zero", "--exit-non-zero-on-fix"),
    ("--fail-on", "--exit-zero"),
)
# Options argparse gives a default to: given only when the command line names them (main.py
# records those in `args.given`).
_DEFAULTED = {"--format": "format", "--fail-on": "fail_on", "--jobs": "jobs", "--color": "color"}


def _dest(option: str) -> str:
    return {"PATH": "paths", "--quiet": "quiet"}.get(option, option.lstrip("-").replace("-", "_"))


def given(args: argparse.Namespace) -> Iterator[str]:
    """The options the command line names, in the order of APPLIES and COMMANDS."""
    named = set(getattr(args, "given", ()))
    for option in (*COMMANDS, *APPLIES, "--format"):
        if option in _DEFAULTED:
            if _DEFAULTED[option] in named:
                yield option
        elif getattr(args, _dest(option)):
            yield option


def command(options: list[str]) -> str:
    """The one command among `options` (LINT when none); two are a usage error."""
    chosen = [option for option in options if option in COMMANDS]
    if "--write-baseline" in chosen and ("--fix" in chosen or "--diff" in chosen):
        raise UsageError("--write-baseline records findings; it does not combine with --fix or --diff")
    if len(chosen) > 1:
        raise UsageError(f"{chosen[0]} and {chosen[1]} exclude each other")
    return chosen[0] if chosen else LINT


def check(args: argparse.Namespace) -> None:
    """Raise UsageError for options that exclude each other or cannot apply to the command;
    then, with --stdin-filename and no PATH, the PATH is `-`: standard input (as ruff does)."""
    options = list(given(args))
    for first, second in CONFLICTS:
        if first in options and second in options:
            raise UsageError(f"{first} and {second} exclude each other")
    chosen = command(options)
    for option in options:
        if option in APPLIES and chosen not in APPLIES[option]:
            raise UsageError(_does_not_apply(option, chosen))
    formats = FORMATS[chosen]
    if formats is None:
        formats = registry.FORMATS
    if "--format" in options and args.format not in formats:
        prints = f"it prints {' or '.join(formats)}" if formats else "it writes no report"
        raise UsageError(f"--format {args.format} does not apply to {chosen}: {prints}")
    if args.statistics and args.format not in ("text", "full"):
        raise UsageError(f"--statistics counts findings in the text report; not with --format {args.format}")
    if args.stdin_filename:
        others = [path for path in args.paths if path != "-"]
        if others:
            raise UsageError(
                f"--stdin-filename names standard input: give the PATH - or none, not {others[0]}"
            )
        args.paths = ["-"]


def _does_not_apply(option: str, chosen: str) -> str:
    if chosen == LINT:
        needs = " or ".join(sorted(APPLIES[option] - {LINT}))
        return f"{option} applies only with {needs}"
    if option == "PATH":
        return f"{chosen} takes no PATH: {COMMANDS[chosen]}"
    return f"{option} does not apply to {chosen}: {COMMANDS[chosen]}"
