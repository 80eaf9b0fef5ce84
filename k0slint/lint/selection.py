"""Selecting rules: the one place that decides which rules a selector names.

A selector is `ALL` (any case), a rule code or code prefix in any case (`K0S1`, `k0s101`), or
a rule's name as written (`image-outside-repository`). The command line (`--select`,
`--extend-select`, `--ignore`), configuration (`select`, `extend-select`, `ignore`, `severity`,
`per-file-ignores`) and inline suppression comments all name rules this way, through this
module; `--explain` and the keys of `options` name one rule, by code or name (`lookup`).
"""

import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from types import MappingProxyType
from typing import NamedTuple, Protocol, TypeVar

from k0slint.lint.discovery import relative_path
from k0slint.lint.findings import Finding, Severity
from k0slint.lint.patterns import single
from k0slint.lint.settings import ConfigError, Settings

ALL = "ALL"
# The characters a selector is written with: what a suppression comment may name.
SELECTOR = r"[A-Za-z0-9_-]+"
SUGGESTION_CUTOFF = 0.75


class Named(Protocol):
    """A rule, a rule class, a finding or a RuleId: anything with a rule's code and name."""

    @property
    def code(self) -> str: ...

    @property
    def name(self) -> str: ...


NamedT = TypeVar("NamedT", bound=Named)


class RuleId(NamedTuple):
    code: str
    name: str


def selects(selector: str, rule: Named) -> bool:
    """Whether `selector` names `rule` (or the rule of a finding)."""
    wanted = selector.upper()
    return wanted == ALL or rule.code.startswith(wanted) or rule.name == selector


def any_selects(selectors: Iterable[str], rule: Named) -> bool:
    """Whether any of `selectors` names `rule`."""
    return any(selects(selector, rule) for selector in selectors)


def is_known(selector: str, rules: Iterable[Named]) -> bool:
    """Whether `selector` names at least one of `rules`."""
    return any(selects(selector, rule) for rule in rules)


def check_selectors(selectors: Iterable[str], rules: Sequence[Named], where: str) -> None:
    """A selector that names no known rule is a mistake (a typo, a pack not installed), not
    a selection of nothing: it stops the run, naming where it was written."""
    for selector in selectors:
        if not is_known(selector, rules):
            close = suggestion(selector, rules)
            hint = f" (did you mean {close!r}?)" if close else ""
            raise ConfigError(f"{where}: unknown rule code or prefix {selector!r}{hint}")


def suggestion(text: str, rules: Iterable[Named]) -> str | None:
    """The rule code or name closest to a selector that names no rule (a typo), if one is
    close enough (difflib's ratio of 0.75: one character off in a code, a few in a name):
    codes compared in any case, names as written; on a tie, the first rule."""
    import difflib

    wanted = text.strip()
    best, best_ratio = None, SUGGESTION_CUTOFF
    matcher = difflib.SequenceMatcher()
    for rule in rules:
        for query, word in ((wanted.upper(), rule.code), (wanted, rule.name)):
            matcher.set_seqs(query, word)
            ratio = matcher.ratio()
            if ratio > best_ratio or (best is None and ratio == best_ratio):
                best, best_ratio = word, ratio
    return best


def lookup(text: str, rules: Iterable[NamedT]) -> NamedT | None:
    """The one rule `text` names: its code in any case, or its name. No prefixes."""
    wanted = text.strip()
    return next((rule for rule in rules if rule.code == wanted.upper() or rule.name == wanted), None)


def choose(
    rules: Sequence[NamedT],
    select: Sequence[str] | None,
    extend_select: Sequence[str] = (),
    ignore: Sequence[str] = (),
) -> list[NamedT]:
    """The rules to run, in the order of `rules`: those `select` names (every rule when it is
    None) or `extend_select` names, less those `ignore` names; ignoring wins."""
    return [
        rule
        for rule in rules
        if (select is None or any_selects(select, rule) or any_selects(extend_select, rule))
        and not any_selects(ignore, rule)
    ]


def severities(rules: Iterable[Named], levels: Iterable[tuple[str, Severity]]) -> dict[str, Severity]:
    """Severity by rule code; where selectors overlap, the later one wins."""
    known = list(rules)
    out: dict[str, Severity] = {}
    for selector, level in levels:
        out.update({rule.code: level for rule in known if selects(selector, rule)})
    return out


def file_matches(path: str, pattern: str) -> bool:
    """Whether a `per-file-ignores` pattern covers `path` (relative to the configuration's
    folder, with forward slashes): as a `.gitignore` line would, with the matcher of
    `exclude` (k0slint.lint.patterns). The only place per-file-ignores are matched."""
    return single(pattern).matches(path)


def _always(rule: Named) -> bool:
    return True


class Selection(NamedTuple):
    """What configuration decides beside which rules run: severities by rule code, the
    per-file-ignores ((pattern, selectors), patterns relative to `base`, the configuration's
    folder), and every known rule (what suppression comments may name)."""

    severity: Mapping[str, Severity] = MappingProxyType({})
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    base: str = ""
    known: tuple[Named, ...] = ()

    def adjust(self, finding: Finding) -> Finding:
        wanted = self.severity.get(finding.code)
        return finding if wanted is None or wanted is finding.severity else finding._replace(severity=wanted)

    def ignored_in(self, file: str) -> tuple[str, ...]:
        """The selectors that per-file-ignores turns off in `file`."""
        if not self.per_file_ignores:
            return ()
        relative = relative_path(file, self.base or os.getcwd())
        return tuple(
            selector
            for pattern, selectors in self.per_file_ignores
            if file_matches(relative, pattern)
            for selector in selectors
        )

    def applies_in(self, file: str) -> Callable[[Named], bool]:
        """Whether a rule, or the rule of a finding, applies in `file` after per-file-ignores."""
        ignored = self.ignored_in(file)
        if not ignored:
            return _always
        return lambda rule: not any_selects(ignored, rule)


def configured(
    rules: Sequence[NamedT],
    settings: Settings,
    *,
    select: Sequence[str] | None = None,
    extend_select: Sequence[str] = (),
    ignore: Sequence[str] = (),
) -> tuple[list[NamedT], Selection]:
    """The rules to run and the Selection for one configuration, `rules` being every known
    rule. The command line's selectors (`select`, `extend_select`, `ignore`) win over the
    configuration's: its `select` replaces the file's, the others add to them. Every
    selector is checked against `rules` first."""
    where = settings.source or "the command line"
    check_selectors((*settings.extend_select, *settings.ignore, *(settings.select or ())), rules, where)
    for option, selectors in (
        ("--select", select or ()),
        ("--extend-select", extend_select),
        ("--ignore", ignore),
    ):
        check_selectors(selectors, rules, option)
    check_selectors((selector for selector, _ in settings.severity), rules, where)
    for pattern, selectors in settings.per_file_ignores:
        check_selectors(selectors, rules, f"{where}: per-file-ignores.{pattern}")
    enabled = choose(
        rules,
        select if select is not None else settings.select,
        (*settings.extend_select, *extend_select),
        (*settings.ignore, *ignore),
    )
    selection = Selection(
        severities(rules, settings.severity), settings.per_file_ignores, settings.folder, tuple(rules)
    )
    return enabled, selection
