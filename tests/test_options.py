"""Rule options: declared on the rule, set per rule in configuration, checked before any file
is read, shown by --explain and --show-settings; two packs may use the same option name."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from k0slint.api import Rule, RuleOption
from k0slint.cli.main import main
from k0slint.lint.options import check_option, declaration_problem, resolve
from k0slint.lint.rule_packs import all_rules, load_packs
from k0slint.lint.settings import ConfigError
from k0slint.testing import lint
from tests.test_registry import install_pack

RULES = all_rules(load_packs())
K0S = "apiVersion: k0s.k0sproject.io/v1beta1\nkind: ClusterConfig\nspec:\n  images:\n    repository: ghcr.io/acme\n"

# A rule that reports the value of its option `level`, for packs that both declare `level`.
ECHO = """
from k0slint.api import Rule, RuleOption, Severity

class Echo(Rule):
    '''## What it does
    Reports its option.'''
    code = "{code}"
    name = "{name}"
    severity = Severity.WARNING
    summary = "Reports its option"
    options = (RuleOption("level", {schema}, default={default!r}, doc="what to report"),)

    def check(self, document, context):
        yield self.report(document, document.root, f"level={{context.option(self, 'level')!r}}")

RULES = (Echo,)
"""


@pytest.fixture
def packs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Two installed packs whose rules both declare an option `level`; cwd has a k0s.yaml."""
    site = tmp_path / "site"
    site.mkdir()
    monkeypatch.syspath_prepend(str(site))
    install_pack(
        site,
        "k0slint-alpha",
        "ALP",
        ECHO.format(code="ALP001", name="alpha", schema='{"type": "string"}', default="low"),
    )
    install_pack(
        site,
        "k0slint-beta",
        "BET",
        ECHO.format(code="BET001", name="beta", schema='{"type": "integer"}', default=0),
    )
    monkeypatch.chdir(tmp_path)
    (tmp_path / "k0s.yaml").write_text(K0S)
    return tmp_path


def messages(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, dict[str, str], str]:
    code = main(["--format", "json", "--select", "ALP,BET", *args, "k0s.yaml"])
    out, err = capsys.readouterr()
    found = {item["code"]: item["message"] for item in json.loads(out)["findings"]} if out else {}
    return code, found, err


def test_two_packs_with_one_option_name_do_not_collide(
    packs: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert messages(capsys)[1] == {"ALP001": "level='low'", "BET001": "level=0"}
    (packs / ".k0slint.yaml").write_text("options:\n  alpha: {level: high}\n  BET001: {level: 3}\n")
    code, found, err = messages(capsys)
    assert found == {"ALP001": "level='high'", "BET001": "level=3"}
    assert "deprecated" not in err
    assert main(["--show-settings", "k0s.yaml", "--select", "ALP,BET"]) == 0
    shown = json.loads(capsys.readouterr().out)["options"]
    assert shown == {"ALP001": {"level": "high"}, "BET001": {"level": 3}}
    # Each value is checked against its own rule's declaration.
    (packs / ".k0slint.yaml").write_text("options:\n  alpha: {level: 3}\n")
    assert messages(capsys)[0] == 2
    # Without the rule, the name is ambiguous: an error that asks for the rule, not a guess.
    (packs / ".k0slint.yaml").write_text("options:\n  level: high\n")
    code, found, err = messages(capsys)
    assert code == 2
    assert "option 'level' is declared by ALP001, BET001; name the rule" in err


def test_the_flat_spelling_still_works_where_one_rule_declares_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "k0s.yaml").write_text(K0S)
    for config, deprecated in (
        ("required-repository: registry.acme.corp\n", True),
        ("options: {required-repository: registry.acme.corp}\n", True),
        ("options: {required-repository: {required-repository: registry.acme.corp}}\n", False),
        ("options: {K0S109: {required-repository: registry.acme.corp}}\n", False),
    ):
        (tmp_path / ".k0slint.yaml").write_text(config)
        assert main(["--select", "K0S109", "k0s.yaml"]) == 1, config
        out, err = capsys.readouterr()
        assert "is not the required 'registry.acme.corp'" in out
        note = (
            f"k0slint: note: {tmp_path / '.k0slint.yaml'}: required-repository: an option without its "
            "rule is deprecated; write options: {required-repository: {required-repository: ...}}\n"
        )
        assert (note in err) == deprecated, config


def test_the_deprecation_note_says_what_to_write() -> None:
    values, notes = resolve([("allowed-registries", ["r.acme"])], RULES, "c.yaml")
    assert values["K0S106"] == {"allowed-registries": ["r.acme"], "judge": "pulled"}
    assert notes == [
        "c.yaml: allowed-registries: an option without its rule is deprecated; "
        "write options: {registry-not-allowed: {allowed-registries: ...}}"
    ]


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (
            {"K0S106": {"allowed-registries": "r.acme"}},
            "options.K0S106.allowed-registries must be of type array",
        ),
        ({"k0s106": {"allowed-registries": [""]}}, "options.k0s106.allowed-registries[0] must not be empty"),
        (
            {"registry-not-allowed": {"allowed-registry": []}},
            "options.registry-not-allowed.allowed-registry: K0S106 has no option 'allowed-registry' "
            "(did you mean 'allowed-registries'?)",
        ),
        ({"K0S101": {"x": 1}}, "options.K0S101.x: K0S101 has no option 'x'"),
        ({"K0S106": ["r.acme"]}, "options.K0S106 must be a mapping of K0S106's options"),
        ({"K0S1": {}}, "options.K0S1: options are set per rule; name one rule"),
        ({"telemetry": False}, "unknown option 'telemetry'"),
        (
            {"K0S109": {"required-repository": "a"}, "required-repository": "b"},
            "required-repository: K0S109's option 'required-repository' is set twice",
        ),
    ],
)
def test_bad_options(raw: dict[str, Any], message: str) -> None:
    with pytest.raises(ConfigError) as raised:
        resolve(raw.items(), RULES, "c.yaml")
    assert str(raised.value) == f"c.yaml: {message}"


def test_a_bad_option_stops_the_run_before_any_file_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "k0s.yaml").write_text(K0S)
    sub = tmp_path / "sub"
    sub.mkdir()
    (sub / ".k0slint.yaml").write_text("options: {K0S106: {allowed-registries: r.acme}}\n")
    (sub / "k0s.yaml").write_bytes(b"\xff\xfe not even text")
    (tmp_path / "k0s.yaml").write_text(K0S.replace("ghcr.io/acme", "'ghcr.io/acme'"))
    before = (tmp_path / "k0s.yaml").read_bytes()
    assert main(["--fix", "--unsafe-fixes", "k0s.yaml", "sub/k0s.yaml"]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err == (
        f"k0slint: error: {sub / '.k0slint.yaml'}: options.K0S106.allowed-registries must be of type array\n"
    )
    assert (tmp_path / "k0s.yaml").read_bytes() == before


def test_explain_lists_the_options(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--explain", "K0S106"]) == 0
    out = capsys.readouterr().out
    # the options, then the link to the rule's page
    assert (
        "\nOptions, set in configuration as options: {registry-not-allowed: {OPTION: VALUE}}:\n"
        "  allowed-registries: list of strings, default []\n"
        "      registries (registry.acme.corp, localhost:5000) or registry paths (ghcr.io/acme)\n"
        "      images may come from; empty: the rule is off\n"
        "  judge: one of 'pulled', 'all', default \"pulled\"\n"
        "      pulled: the images this config makes k0s pull; all: every image of the release\n"
        "\nDocumentation: https://github.com/k0slint/k0slint/blob/v"
    ) in out
    assert main(["--explain", "required-repository"]) == 0
    assert "  required-repository: string, default unset\n" in capsys.readouterr().out
    assert main(["--explain", "K0S101"]) == 0
    assert "Options, set in configuration" not in capsys.readouterr().out


@pytest.mark.parametrize("rule", [rule for rule in RULES if rule.options], ids=lambda rule: rule.code)
def test_built_in_options_are_declared_well(rule: type[Rule]) -> None:
    assert declaration_problem(rule) is None
    for option in rule.options:
        assert re.fullmatch(r"[a-z]+(-[a-z]+)*", option.name)
        assert option.doc
        assert option.default is None or check_option(option.name, option.default, option.schema) is None
        assert f"`{option.name}`" in rule.docs().split("## Options")[1], "the docstring's Options section"


def test_a_pack_with_options_of_the_old_form_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Options were a dict of JSON-schema fragments, never documented for packs: such a pack
    is exit 2 naming it, not an internal error on the first file."""
    monkeypatch.syspath_prepend(str(tmp_path))
    source = ECHO.format(code="OLD001", name="old", schema="{}", default=None).replace(
        'options = (RuleOption("level", {}, default=None, doc="what to report"),)',
        'options = {"level": {"type": "string"}}',
    )
    assert 'options = {"level"' in source
    install_pack(tmp_path, "k0slint-old", "OLD", source)
    assert main(["--list-rules"]) == 2
    assert capsys.readouterr().err == (
        "k0slint: error: rule pack 'k0slint-old': rule OLD001: options must be a tuple of k0slint.api.RuleOption\n"
    )

    class Twice(Rule):
        code = "TWI001"
        name = "twice"
        options = (RuleOption("x", {}), RuleOption("x", {}))

    assert declaration_problem(Twice) == "rule TWI001: an option is declared twice"


def test_rule_tables_pass_the_rules_own_options() -> None:
    from k0slint.rules.registry_not_allowed import RegistryNotAllowed

    found = lint(K0S, [RegistryNotAllowed], options={"K0S106": {"allowed-registries": ["ghcr.io/acme"]}})
    assert found == []
    with pytest.raises(ConfigError, match="must be of type array"):
        lint(K0S, [RegistryNotAllowed], options={"K0S106": {"allowed-registries": "ghcr.io/acme"}})
