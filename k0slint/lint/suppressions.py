"""Inline suppressions in YAML comments.

    image: quay.io/x   # k0slint: disable=K0S101 mirrored by the registry's proxy
    # k0slint: disable=K0S101 reason      <- the next line
    # k0slint: disable=K0S004             <- with a later `enable`: a block
    # k0slint: enable=K0S004
    # k0slint: disable-file               <- the whole file (or disable-file=K0S005)

Codes are selectors as everywhere else (k0slint.lint.selection): `ALL`, rule codes, code
prefixes or rule names, comma separated; none means every rule.
"""

import re
from collections.abc import Iterable, Sequence
from typing import NamedTuple

from k0slint.lint.findings import Finding, Location
from k0slint.lint.selection import SELECTOR, RuleId, any_selects, is_known
from k0slint.yaml.source import LINE_BREAK

_DIRECTIVE = (
    r"(?:^|(?<=\s))#\s*k0slint:\s*(?P<kind>disable-file|disable|enable)"
    rf"(?:=(?P<codes>{SELECTOR}(?:\s*,\s*{SELECTOR})*))?(?P<reason>[^\r\n]*)"
)


class Directive:
    """A `# k0slint:` comment; `first`..`last` are the lines it covers, `used` whether it hid one."""

    __slots__ = (
        "codes",
        "column",
        "end_column",
        "first",
        "kind",
        "last",
        "line",
        "reason",
        "standalone",
        "used",
    )

    def __init__(
        self,
        kind: str,
        codes: tuple[str, ...],
        line: int,
        column: int,
        end_column: int,
        standalone: bool,
        reason: str,
    ) -> None:
        self.kind = kind
        self.codes = codes
        self.line = line
        self.column = column
        self.end_column = end_column
        self.standalone = standalone
        self.reason = reason
        self.first = 0
        self.last = 0
        self.used = False

    def __repr__(self) -> str:
        return (
            f"Directive({self.kind}={','.join(self.codes)} line {self.line}, covers {self.first}-{self.last})"
        )

    def location(self, path: str) -> Location:
        return Location(path, self.line, self.column, self.line, self.end_column)

    def covers(self, finding: Finding) -> bool:
        if not self.first <= finding.line <= self.last:
            return False
        return not self.codes or any_selects(self.codes, finding)


def find_directives(text: str) -> list[Directive]:
    """Every k0slint directive in `text`, with the lines it applies to."""
    if "k0slint:" not in text:
        return []
    directives: list[Directive] = []
    lines = re.split(LINE_BREAK, text)
    for number, line in enumerate(lines, start=1):
        match = re.search(_DIRECTIVE, line)
        if not match:
            continue
        codes = tuple(code.strip() for code in (match["codes"] or "").split(",") if code.strip())
        directives.append(
            Directive(
                kind=match["kind"],
                codes=codes,
                line=number,
                column=match.start() + 1,
                end_column=len(line) + 1,
                standalone=not line[: match.start()].strip(),
                reason=match["reason"].strip(),
            )
        )
    _spans(directives, len(lines))
    return directives


def _spans(directives: list[Directive], last_line: int) -> None:
    """Which lines each directive covers."""
    for index, directive in enumerate(directives):
        if directive.kind == "disable-file":
            directive.first, directive.last = 1, last_line
        elif directive.kind == "enable":
            continue
        elif not directive.standalone:
            directive.first = directive.last = directive.line
        else:
            closing = next(
                (
                    later
                    for later in directives[index + 1 :]
                    if later.kind == "enable"
                    and later.standalone
                    and set(later.codes) >= set(directive.codes)
                ),
                None,
            )
            directive.first = directive.line + 1
            directive.last = closing.line - 1 if closing else directive.line + 1
            if closing:
                closing.used = True


def apply(
    findings: Iterable[Finding], directives: Sequence[Directive]
) -> tuple[list[Finding], list[Finding]]:
    """(kept, suppressed): a finding is suppressed by the first directive that covers it."""
    kept: list[Finding] = []
    suppressed: list[Finding] = []
    active = [directive for directive in directives if directive.kind != "enable"]
    for finding in findings:
        covering = next((directive for directive in active if directive.covers(finding)), None)
        if covering is None:
            kept.append(finding)
        else:
            covering.used = True
            suppressed.append(finding)
    return kept, suppressed


class SuppressionReport(NamedTuple):
    """The directives of one file after suppressing, for the rules that check them."""

    path: str
    directives: tuple[Directive, ...]
    enabled: tuple[RuleId, ...]  # the rules that ran
    known: tuple[RuleId, ...]  # every installed rule

    def is_known(self, code: str) -> bool:
        """Whether a selector a directive names selects any installed rule."""
        return is_known(code, self.known)

    def is_enabled(self, code: str) -> bool:
        """Whether a selector a directive names selects any rule that ran."""
        return is_known(code, self.enabled)
