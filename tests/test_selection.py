"""One selector grammar everywhere: the command line, select / extend-select / ignore,
severity, per-file-ignores and suppression comments pick the same rules for the same selector,
and reject the same unknown selector with the same message."""

from __future__ import annotations

from collections.abc import Callable
from collections.abc import Set as AbstractSet
from pathlib import Path
from typing import Any

import pytest

from k0slint.cli.main import build_parser
from k0slint.k0s.releases import load
from k0slint.lint.findings import Finding, Location, Severity
from k0slint.lint.linter import Linter
from k0slint.lint.linter_factory import CommandLine, LinterFactory
from k0slint.lint.rule_packs import all_rules, load_packs
from k0slint.lint.selection import RuleId, choose, lookup, selects, suggestion
from k0slint.lint.settings import ConfigError, Resolver, parse
from k0slint.lint.suppressions import SuppressionReport, apply, find_directives

PACKS = load_packs()
RULES = all_rules(PACKS)
CODES = frozenset(rule.code for rule in RULES)


def build(tmp_path: Path, config: dict[str, Any], command_line: CommandLine | None = None) -> Linter:
    """The linter the run would build from this configuration file and command line."""
    settings = parse(config, str(tmp_path / ".k0slint.yaml"))
    factory = LinterFactory(PACKS, load(), Resolver(isolated=True), command_line or CommandLine())
    return factory.build(settings)


def codes(linter: Linter) -> set[str]:
    return {rule.code for rule in linter.rules}


def finding(code: str, name: str) -> Finding:
    return Finding(code, name, Severity.ERROR, "m", Location("k0s.yaml", 2, 1, 2, 2))


def suppressed(selector: str) -> set[str]:
    """The rules whose findings `# k0slint: disable-file=<selector>` suppresses."""
    directives = find_directives(f"# k0slint: disable-file={selector}\na: 1\n")
    _, hidden = apply([finding(rule.code, rule.name) for rule in RULES], directives)
    return {item.code for item in hidden}


# How each place that takes selectors turns one selector into the rules it picks.
PATHS: dict[str, Callable[[Path, str], AbstractSet[str]]] = {
    "--select": lambda tmp, sel: codes(build(tmp, {}, CommandLine(select=[sel]))),
    "--extend-select": lambda tmp, sel: codes(build(tmp, {"select": []}, CommandLine(extend_select=[sel]))),
    "--ignore": lambda tmp, sel: CODES - codes(build(tmp, {}, CommandLine(ignore=[sel]))),
    "select": lambda tmp, sel: codes(build(tmp, {"select": [sel]})),
    "extend-select": lambda tmp, sel: codes(build(tmp, {"select": [], "extend-select": [sel]})),
    "ignore": lambda tmp, sel: CODES - codes(build(tmp, {"ignore": [sel]})),
    "severity": lambda tmp, sel: set(build(tmp, {"severity": {sel: "info"}}).selection.severity),
    "per-file-ignores": lambda tmp, sel: {
        rule.code
        for rule in RULES
        if not build(tmp, {"per-file-ignores": {"*.yaml": [sel]}}).selection.applies_in(
            str(tmp / "k0s.yaml")
        )(rule)
    },
    "suppression comment": lambda tmp, sel: suppressed(sel),
}
SELECTORS = {
    "ALL": CODES,
    "all": CODES,
    "K0S": CODES,
    "k0s1": {code for code in CODES if code.startswith("K0S1")},
    "K0S10": {code for code in CODES if code.startswith("K0S10")},
    "k0s101": {"K0S101"},
    "image-outside-repository": {"K0S101"},
    "unused-suppression": {"K0S008"},
}


@pytest.mark.parametrize("path", PATHS)
@pytest.mark.parametrize("selector", SELECTORS)
def test_a_selector_picks_the_same_rules_everywhere(tmp_path: Path, path: str, selector: str) -> None:
    assert PATHS[path](tmp_path, selector) == SELECTORS[selector]


@pytest.mark.parametrize(
    ("config", "command_line", "where"),
    [
        ({}, CommandLine(select=["K0S999"]), "--select"),
        ({}, CommandLine(extend_select=["K0S999"]), "--extend-select"),
        ({}, CommandLine(ignore=["K0S999"]), "--ignore"),
        ({"select": ["K0S999"]}, None, ".k0slint.yaml"),
        ({"extend-select": ["K0S999"]}, None, ".k0slint.yaml"),
        ({"ignore": ["K0S999"]}, None, ".k0slint.yaml"),
        ({"severity": {"K0S999": "info"}}, None, ".k0slint.yaml"),
        ({"per-file-ignores": {"a/*": ["K0S999"]}}, None, ".k0slint.yaml: per-file-ignores.a/*"),
    ],
)
def test_an_unknown_selector_is_the_same_error_everywhere(
    tmp_path: Path, config: dict[str, Any], command_line: CommandLine | None, where: str
) -> None:
    with pytest.raises(ConfigError) as raised:
        build(tmp_path, config, command_line)
    assert str(raised.value).endswith(f"{where}: unknown rule code or prefix 'K0S999'")


@pytest.mark.parametrize(
    ("typo", "meant"),
    [
        ("K0S10l", "K0S101"),
        ("k0s1o1", "K0S101"),
        ("image-outside-repo", "image-outside-repository"),
        ("registry-not-alowed", "registry-not-allowed"),
        ("K0S999", None),  # two characters off: no guess
        ("nope", None),
    ],
)
def test_an_unknown_selector_gets_the_closest_code_or_name(typo: str, meant: str | None) -> None:
    assert suggestion(typo, RULES) == meant


def test_suppression_comments_know_the_rules_selectors_know() -> None:
    known = tuple(RuleId(rule.code, rule.name) for rule in RULES)
    report = SuppressionReport("k0s.yaml", (), (RuleId("K0S101", "image-outside-repository"),), known)
    for selector in SELECTORS:
        assert report.is_known(selector)
    assert not report.is_known("K0S999")
    assert report.is_enabled("k0s1") and report.is_enabled("image-outside-repository")
    assert not report.is_enabled("K0S2")


def test_selection_and_ignoring_combine_as_documented(tmp_path: Path) -> None:
    # The command line's select replaces the file's; its ignore and extend-select add to the file's.
    linter = build(tmp_path, {"select": ["K0S2"], "ignore": ["K0S207"]}, CommandLine(select=["K0S1"]))
    assert codes(linter) == {code for code in CODES if code.startswith("K0S1")}
    linter = build(
        tmp_path, {"select": ["K0S2"], "ignore": ["K0S207"]}, CommandLine(extend_select=["K0S101"])
    )
    assert codes(linter) == {code for code in CODES if code.startswith("K0S2")} - {"K0S207"} | {"K0S101"}
    # Ignoring wins over an extend-select of the same rule.
    assert "K0S101" not in codes(build(tmp_path, {"ignore": ["K0S1"]}, CommandLine(extend_select=["K0S101"])))


def test_later_severity_selectors_win(tmp_path: Path) -> None:
    severity = build(tmp_path, {"severity": {"K0S1": "info", "K0S101": "warning"}}).selection.severity
    assert severity["K0S101"] is Severity.WARNING and severity["K0S102"] is Severity.INFO


def test_a_one_word_rule_name_is_a_name_on_the_command_line_too() -> None:
    """The command line used to upper-case any selector without a dash: `--select mirror` then
    named no rule called `mirror`, while `select: [mirror]` in a file did."""
    rules = [RuleId("ACME001", "mirror"), RuleId("ACME002", "pull-policy")]
    assert choose(rules, ["mirror"]) == [rules[0]]
    assert choose(rules, ["acme"]) == rules
    assert not selects("MIRROR", rules[0])
    assert build_parser().parse_args(["--select", "mirror, k0s1"]).select == ["mirror", "k0s1"]


def test_lookup_names_one_rule_by_code_or_name() -> None:
    assert lookup("k0s106", RULES) is lookup("registry-not-allowed", RULES) is not None
    assert lookup("K0S1", RULES) is None  # a prefix is not one rule
    assert lookup("ALL", RULES) is None
