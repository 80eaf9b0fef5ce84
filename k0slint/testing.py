"""Helpers for testing rules with tables of YAML cases (built-in rules and rule packs alike).

from k0slint.testing import Invalid, Valid, assert_invalid, assert_valid

@pytest.mark.parametrize("case", [Valid("..."), ...])
def test_valid(case): assert_valid(MyRule, case)

A case may pin the k0s version (`k0s_version`), name the file it is linted as (`filename`),
give the rule's options (`options`), and run other rules `alongside` the one under test, for
a rule that depends on what they find (a suppression is used only if the rule it names runs).
Only the tested rule's findings are checked.
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from k0slint.k0s.releases import load
from k0slint.k0s.versions import parse_version
from k0slint.lint.findings import Finding
from k0slint.lint.linter import ForcedRelease, Linter
from k0slint.lint.options import resolve
from k0slint.lint.rule import Rule
from k0slint.lint.rule_packs import all_rules, load_packs
from k0slint.lint.selection import Selection


@dataclass(frozen=True)
class Valid:
    """YAML the rule must not flag. `options` are the rule's own: `{"allowed-registries": [...]}`."""

    yaml: str
    k0s_version: str | None = None
    filename: str = "k0s.yaml"
    options: Mapping[str, Any] = field(default_factory=dict)
    alongside: Sequence[type[Rule]] = ()


@dataclass(frozen=True)
class Invalid:
    """YAML the rule must flag exactly at `at` ((line, column) pairs, 1-based)."""

    yaml: str
    at: Sequence[tuple[int, int]]
    k0s_version: str | None = None
    message: str | None = None
    filename: str = "k0s.yaml"
    options: Mapping[str, Any] = field(default_factory=dict)
    alongside: Sequence[type[Rule]] = ()


def lint(
    text: str,
    rules: Sequence[type[Rule]],
    *,
    k0s_version: str | None = None,
    filename: str = "k0s.yaml",
    options: Mapping[str, Any] | None = None,
) -> list[Finding]:
    """Lint `text` (dedented) with `rules`, as if it were the file `filename`.

    `options` are written as in configuration (`{"K0S106": {"allowed-registries": [...]}}`, or
    an option name that one of `rules` declares) and checked the same way. Inline
    suppressions apply as in a real run, with every installed rule (and `rules`) known.
    """
    releases = load()
    forced = None
    if k0s_version is not None:
        release, note = releases.resolve(parse_version(k0s_version))
        forced = ForcedRelease(release, note)
    known = {*_installed_rules(), *rules}
    selection = Selection(known=tuple(sorted(known, key=lambda rule: rule.code)))
    values, _ = resolve((options or {}).items(), rules, "options")
    linter = Linter([rule() for rule in rules], releases, forced, values, selection=selection)
    result = linter.lint_bytes(filename, textwrap.dedent(text).encode("utf-8"))
    if result.error or result.rule_errors:
        raise AssertionError(f"{filename}: {result.error or result.rule_errors}")
    return result.findings


@cache
def _installed_rules() -> tuple[type[Rule], ...]:
    """Looked up once per process: a lookup cost most of a rule test's run."""
    return tuple(all_rules(load_packs()))


def assert_valid(rule: type[Rule], case: Valid) -> None:
    """`rule` finds nothing in `case`."""
    found = _found(rule, case)
    assert not found, f"{rule.code} flagged valid YAML: {[_describe(f) for f in found]}"


def assert_invalid(rule: type[Rule], case: Invalid) -> list[Finding]:
    """`rule` finds exactly `case.at`, in that order, and one message contains `case.message`."""
    found = _found(rule, case)
    positions = [(f.line, f.column) for f in found]
    assert positions == list(case.at), (
        f"{rule.code}: expected at {list(case.at)}, got {[_describe(f) for f in found]}"
    )
    if case.message is not None:
        assert any(case.message in f.message for f in found), (
            f"{rule.code}: no message contains {case.message!r}: {[f.message for f in found]}"
        )
    return found


def _found(rule: type[Rule], case: Valid | Invalid) -> list[Finding]:
    rules = [rule, *(other for other in case.alongside if other is not rule)]
    findings = lint(
        case.yaml,
        rules,
        k0s_version=case.k0s_version,
        filename=case.filename,
        options={rule.code: case.options},
    )
    return [f for f in findings if f.code == rule.code]


def _describe(finding: Finding) -> str:
    return f"{finding.line}:{finding.column} {finding.code} {finding.message}"
