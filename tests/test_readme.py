"""The README stays true: its rule table and its example output match the code."""

from __future__ import annotations

import re

import pytest
import tomli
import yaml

from k0slint.lint.rule_docs import rules_table
from k0slint.lint.rule_packs import all_rules, load_packs
from tests.helpers import ROOT, k0slint

README = (ROOT / "README.md").read_text()


def test_rule_table_is_generated_from_the_rules() -> None:
    table = README.split("<!-- rules-table:start -->\n")[1].split("<!-- rules-table:end -->")[0]
    assert table == rules_table(all_rules(load_packs())), "run scripts/update_readme.py"


def test_example_output_is_what_k0slint_prints() -> None:
    block = re.search(r"```console\n\$ k0slint examples/\n(.*?)```", README, re.S)
    assert block is not None
    result = k0slint("examples/")
    assert result.stdout == block.group(1)


@pytest.mark.parametrize(
    "block",
    re.findall(r"```console\n\$ k0slint (.*?)```", README, re.S),
    ids=lambda block: block.split("\n", 1)[0],
)
def test_every_console_example_is_what_k0slint_prints(block: str) -> None:
    command, output = block.split("\n", 1)
    assert k0slint(*command.split()).stdout == output


def test_configuration_examples_are_valid_configuration() -> None:
    from k0slint.lint.options import resolve
    from k0slint.lint.settings import parse

    block = re.search(r"```yaml\n# \.k0slint\.yaml\n(.*?)```", README, re.S)
    assert block is not None
    settings = parse(yaml.safe_load(block.group(1)), ".k0slint.yaml")
    assert settings.per_file_ignores == (("legacy/**", ("K0S1",)),)
    rules = all_rules(load_packs())
    values, deprecated = resolve(settings.options, rules, ".k0slint.yaml")
    assert values["K0S106"] == {"allowed-registries": ["registry.acme.corp"], "judge": "pulled"}
    assert values["K0S109"] == {"required-repository": "registry.acme.corp"}
    assert deprecated == []
    toml = re.search(r"```toml\n(\[tool\.k0slint\]\n.*?)```", README, re.S)
    assert toml is not None
    table = parse(tomli.loads(toml.group(1))["tool"]["k0slint"], "pyproject.toml")
    assert table.ignore == ("K0S207",)
    assert resolve(table.options, rules, "pyproject.toml")[0]["K0S109"] == values["K0S109"]
