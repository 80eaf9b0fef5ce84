"""docs/rules/<CODE>.md: one page per built-in rule, generated from its docstring, linked from
--explain, SARIF's helpUri and the README's rule table at the release's tag."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest

from k0slint import __version__
from k0slint.cli.main import main
from k0slint.lint.findings import Severity
from k0slint.lint.rule import Rule
from k0slint.lint.rule_docs import PAGES_FOLDER, page_url, rule_docs, rule_page, rules_table
from k0slint.lint.rule_packs import all_rules, load_packs
from tests.helpers import ROOT, k0slint

RULES = all_rules(load_packs())
PAGES = ROOT / PAGES_FOLDER
SCRIPT = ROOT / "scripts" / "gen_rule_pages.py"


def test_the_pages_are_what_the_docstrings_say() -> None:
    done = subprocess.run(
        [sys.executable, str(SCRIPT), "--check"], capture_output=True, text=True, check=False
    )
    assert (done.returncode, done.stderr) == (0, ""), "run scripts/gen_rule_pages.py"


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.code)
def test_each_rule_has_its_page_with_its_docs(rule: type[Rule]) -> None:
    page = (PAGES / f"{rule.code}.md").read_text()
    assert page.splitlines()[1] == f"# {rule.code}: {rule.name}"
    assert rule_docs(rule).markdown.strip() in page
    assert (
        page_url(rule) == f"https://github.com/k0slint/k0slint/blob/v{__version__}/docs/rules/{rule.code}.md"
    )


def test_drift_is_found_for_any_rule_set(tmp_path: Path) -> None:
    """A changed docstring, a new rule without a page and a page of a rule that is gone: the
    check names each, whichever rules are installed."""
    spec = importlib.util.spec_from_file_location("gen_rule_pages", SCRIPT)
    assert spec is not None and spec.loader is not None
    gen_rule_pages = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(gen_rule_pages)

    class K0S999(Rule):
        """## What it does\nA rule added in parallel.\n"""

        code = "K0S999"
        name = "added-rule"
        severity = Severity.WARNING
        summary = "A rule added in parallel"

    K0S999.__module__ = "k0slint.rules.added_rule"
    chosen: list[type[Rule]] = [*RULES[:2], K0S999]
    pages = {f"{rule.code}.md": rule_page(rule) for rule in chosen}
    (tmp_path / f"{RULES[0].code}.md").write_text(pages[f"{RULES[0].code}.md"])
    (tmp_path / f"{RULES[1].code}.md").write_text("stale\n")
    (tmp_path / "K0S000.md").write_text("gone\n")
    assert gen_rule_pages.drift(pages, tmp_path) == ["K0S000.md", f"{RULES[1].code}.md", "K0S999.md"]
    assert "# K0S999: added-rule" in rule_page(K0S999)


def test_explain_links_the_page(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--explain", "K0S101"]) == 0
    out = capsys.readouterr().out
    assert out.endswith(
        f"\nDocumentation: https://github.com/k0slint/k0slint/blob/v{__version__}/docs/rules/K0S101.md\n"
    )


def test_sarif_help_uri_is_the_page() -> None:
    result = k0slint("--format", "sarif", "--exit-zero", "examples/k0s.yaml")
    rules = json.loads(result.stdout)["runs"][0]["tool"]["driver"]["rules"]
    assert rules and all(rule["helpUri"] == page_url(_by_code(rule["id"])) for rule in rules)


def test_readme_table_links_every_page() -> None:
    table = rules_table(RULES)
    for rule in RULES:
        assert f"| [{rule.code}]({page_url(rule)}) | {rule.name} |" in table


def test_a_pack_rule_has_no_page_and_no_link() -> None:
    class ACME001(Rule):
        """## What it does\nA pack's rule.\n"""

        code = "ACME001"
        name = "acme-rule"
        severity = Severity.INFO
        summary = "A pack's rule"

    ACME001.__module__ = "k0slint_acme.rule"
    assert page_url(ACME001) is None
    assert "| ACME001 | acme-rule |" in rules_table([ACME001])


def _by_code(code: str) -> type[Rule]:
    return next(rule for rule in RULES if rule.code == code)
