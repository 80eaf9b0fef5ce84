"""Configuration: .k0slint.yaml or pyproject.toml [tool.k0slint], the closest to each file
wins; --config and --isolated; --show-settings; every way a configuration can be wrong."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from k0slint.cli.main import main

COREDNS_OUTSIDE = """\
apiVersion: k0s.k0sproject.io/v1beta1
kind: ClusterConfig
spec:
  images:
    repository: registry.acme.corp
    coredns: {image: quay.io/k0sproject/coredns}
"""
GHCR = """\
apiVersion: k0s.k0sproject.io/v1beta1
kind: ClusterConfig
spec:
  images:
    repository: ghcr.io/acme
"""


def lint(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, list[str], str]:
    code = main(["--color", "never", *map(str, args)])
    out, err = capsys.readouterr()
    found = [match[1] for match in re.finditer(r"^\S+:\d+:\d+: (\w+) ", out, re.M)]
    return code, found, err


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "k0s.yaml").write_text(COREDNS_OUTSIDE)
    return tmp_path


def test_without_configuration_every_rule_runs(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert lint(capsys, "k0s.yaml")[:2] == (1, ["K0S110"])


def test_yaml_config_ignore(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (repo / ".k0slint.yaml").write_text("ignore: [K0S110]\n")
    assert lint(capsys, "k0s.yaml")[:2] == (0, [])


def test_pyproject_config(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (repo / "pyproject.toml").write_text('[project]\nname = "x"\n\n[tool.k0slint]\nignore = ["K0S1"]\n')
    assert lint(capsys, "k0s.yaml")[:2] == (0, [])


def test_pyproject_without_table_is_passed_over(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (repo / ".k0slint.yaml").write_text("ignore: [K0S110]\n")
    sub = repo / "sub"
    sub.mkdir()
    (sub / "pyproject.toml").write_text('[project]\nname = "x"\n')
    (sub / "k0s.yaml").write_text(COREDNS_OUTSIDE)
    assert lint(capsys, "sub/k0s.yaml")[:2] == (0, [])


def test_the_closest_configuration_wins(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (repo / ".k0slint.yaml").write_text("ignore: [K0S110]\n")
    team = repo / "team"
    team.mkdir()
    (team / ".k0slint.yaml").write_text("select: [K0S1]\n")
    (team / "k0s.yaml").write_text(COREDNS_OUTSIDE)
    # team/ does not inherit the root's ignore: configurations do not merge.
    assert lint(capsys, "k0s.yaml", "team/k0s.yaml")[:2] == (1, ["K0S110"])
    code, found, _ = lint(capsys, ".")
    assert (code, found) == (1, ["K0S110"])


def test_yaml_wins_over_pyproject_in_one_folder(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (repo / ".k0slint.yaml").write_text("ignore: [K0S110]\n")
    (repo / "pyproject.toml").write_text("[tool.k0slint]\nselect = ['K0S110']\n")
    assert lint(capsys, "k0s.yaml")[:2] == (0, [])


def test_explicit_config_and_isolated(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (repo / ".k0slint.yaml").write_text("ignore: [K0S110]\n")
    (repo / "strict.yaml").write_text("select: [ALL]\n")
    assert lint(capsys, "--config", "strict.yaml", "k0s.yaml")[:2] == (1, ["K0S110"])
    assert lint(capsys, "--isolated", "k0s.yaml")[:2] == (1, ["K0S110"])


def test_command_line_wins_over_configuration(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (repo / ".k0slint.yaml").write_text("select: [K0S2]\n")
    assert lint(capsys, "--select", "K0S110", "k0s.yaml")[:2] == (1, ["K0S110"])
    (repo / ".k0slint.yaml").write_text("extend-select: [K0S110]\nselect: [K0S2]\n")
    assert lint(capsys, "k0s.yaml")[:2] == (1, ["K0S110"])
    assert lint(capsys, "--ignore", "K0S110", "k0s.yaml")[:2] == (0, [])


def test_severity_override_changes_what_fails(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (repo / ".k0slint.yaml").write_text("severity:\n  K0S110: info\n")
    assert lint(capsys, "k0s.yaml")[:2] == (0, ["K0S110"])
    assert lint(capsys, "--fail-on", "info", "k0s.yaml")[0] == 1
    main(["--format", "json", "k0s.yaml"])
    (finding,) = json.loads(capsys.readouterr().out)["findings"]
    assert finding["severity"] == "info"


def test_per_file_ignores(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    legacy = repo / "legacy" / "eu"
    legacy.mkdir(parents=True)
    (legacy / "k0s.yaml").write_text(COREDNS_OUTSIDE)
    (repo / ".k0slint.yaml").write_text("per-file-ignores:\n  'legacy/**': [K0S1]\n")
    code, found, _ = lint(capsys, ".")
    assert (code, found) == (1, ["K0S110"])
    main(["--format", "json", "."])
    assert [f["file"] for f in json.loads(capsys.readouterr().out)["findings"]] == ["k0s.yaml"]


@pytest.mark.parametrize(
    ("setting", "expected"),
    [
        ("select: [k0s1]", (1, ["K0S110"])),
        ("select: [image-rewritten-into-repository]", (1, ["K0S110"])),
        ("ignore: [k0s110]", (0, [])),
        ("severity: {image-rewritten-into-repository: info}", (0, ["K0S110"])),
        ("severity: {k0s1: info}", (0, ["K0S110"])),
        ("per-file-ignores: {'*.yaml': [k0s110]}", (0, [])),
        ("per-file-ignores: {'*.yaml': [image-rewritten-into-repository]}", (0, [])),
        ("per-file-ignores: {'*.yaml': [ALL]}", (0, [])),
    ],
)
def test_every_setting_selects_rules_as_the_command_line_does(
    repo: Path, capsys: pytest.CaptureFixture[str], setting: str, expected: tuple[int, list[str]]
) -> None:
    """A code or prefix in any case, or a rule's name, wherever configuration names rules."""
    (repo / ".k0slint.yaml").write_text(setting + "\n")
    assert lint(capsys, "k0s.yaml")[:2] == expected


def test_per_file_ignores_covers_the_suppression_checks(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (repo / "k0s.yaml").write_text(GHCR.replace("ghcr.io/acme", "ghcr.io/acme  # k0slint: disable=K0S110"))
    assert lint(capsys, "k0s.yaml")[:2] == (1, ["K0S008"])
    (repo / ".k0slint.yaml").write_text("per-file-ignores: {'*.yaml': [K0S008]}\n")
    assert lint(capsys, "k0s.yaml")[:2] == (0, [])


def test_k0s_version_from_configuration(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (repo / "k0s.yaml").write_text(
        "apiVersion: k0s.k0sproject.io/v1beta1\nkind: ClusterConfig\nspec:\n"
        "  images:\n    repository: ghcr.io/acme\n"
    )
    assert lint(capsys, "k0s.yaml")[:2] == (0, [])
    (repo / ".k0slint.yaml").write_text("k0s-version: 1.32.1\n")
    code, found, _ = lint(capsys, "k0s.yaml")
    assert (code, found) == (1, ["K0S102"])  # v1.32.1 leaves the pushgateway on quay.io (k0s #5455)


K0SCTL_5455 = """\
apiVersion: k0sctl.k0sproject.io/v1beta1
kind: Cluster
spec:
  k0s:
    version: {version}
    config:
      spec:
        images:
          repository: ghcr.io/mirantiscontainers
          pushgateway: {{image: quay.io/k0sproject/pushgateway-ttl}}
"""


def test_configuration_k0s_version_is_the_default_not_an_override(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """k0s #5455: v1.32.1 pulls the pushgateway from quay.io; v1.32.13 rewrites it. The version
    the file pins wins over the configuration's; --k0s-version still forces every file."""
    (repo / "k0sctl.yaml").write_text(K0SCTL_5455.format(version="v1.32.1+k0s.0"))
    (repo / ".k0slint.yaml").write_text('k0s-version: "1.32"\n')
    code, found, _ = lint(capsys, "-q", "k0sctl.yaml")
    assert (code, found) == (1, ["K0S101"])
    assert main(["--format", "json", "k0sctl.yaml"]) == 1
    (finding,) = json.loads(capsys.readouterr().out)["findings"]
    assert "k0s v1.32.1 pulls quay.io/k0sproject/pushgateway-ttl" in finding["message"]
    assert main(["--format", "json", "--k0s-version", "1.32", "k0sctl.yaml"]) == 1
    (finding,) = json.loads(capsys.readouterr().out)["findings"]
    assert "k0s v1.32.13 rewrites it" in finding["message"]


def test_configuration_k0s_version_stands_in_for_a_version_the_file_cannot_say(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (repo / ".k0slint.yaml").write_text('k0s-version: "1.32.1"\n')
    (repo / "k0sctl.yaml").write_text(K0SCTL_5455.format(version="${K0S_VERSION}"))
    assert main(["--format", "json", "k0sctl.yaml"]) == 1
    out, err = capsys.readouterr()
    (finding,) = json.loads(out)["findings"]
    assert "k0s v1.32.1 pulls quay.io/k0sproject/pushgateway-ttl" in finding["message"]
    assert "k0sctl.yaml:5:14: k0s version '${K0S_VERSION}' is a placeholder; checking as v1.32.1+k0s.0" in err


def test_allowed_registries_and_required_repository(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (repo / "k0s.yaml").write_text(GHCR)
    (repo / ".k0slint.yaml").write_text("allowed-registries: [registry.acme.corp]\n")
    assert lint(capsys, "k0s.yaml")[:2] == (1, ["K0S106"])
    (repo / ".k0slint.yaml").write_text("required-repository: registry.acme.corp\n")
    assert lint(capsys, "k0s.yaml")[:2] == (1, ["K0S109"])
    (repo / ".k0slint.yaml").write_text("options:\n  required-repository: ghcr.io/acme\n")
    assert lint(capsys, "k0s.yaml")[:2] == (0, [])


def test_show_settings(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (repo / ".k0slint.yaml").write_text(
        "ignore: [K0S2]\nseverity: {K0S110: warning}\nk0s-version: v1.31\n"
        "options: {K0S109: {required-repository: r.acme}}\n"
    )
    assert main(["--show-settings", "k0s.yaml"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["config"] == str(repo / ".k0slint.yaml")
    assert shown["k0s-version"] == "v1.31"
    assert shown["k0s-release"].startswith("v1.31.")
    assert "K0S110" in shown["rules"] and not any(code.startswith("K0S2") for code in shown["rules"])
    assert shown["severity"] == {"K0S110": "warning"}
    # By rule, for the rules that run, with the defaults of the options not set.
    assert shown["options"] == {
        "K0S106": {"allowed-registries": [], "judge": "pulled"},
        "K0S109": {"required-repository": "r.acme"},
    }
    assert main(["--show-settings", "k0s.yaml", "--isolated"]) == 0
    assert json.loads(capsys.readouterr().out)["config"] is None


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("selct: [K0S1]\n", "unknown key 'selct' (did you mean 'select'?)"),
        ("[]\n", "the configuration must be a mapping"),
        ("select: K0S1\nignore: [1]\n", "ignore must be a list of strings"),
        ("select: {a: 1}\n", "select must be a list of strings"),
        ("select: [K0S999]\n", "unknown rule code or prefix 'K0S999'"),
        ("select: [K0S10l]\n", "unknown rule code or prefix 'K0S10l' (did you mean 'K0S101'?)"),
        ("ignore: [registry-not-alowed]\n", "(did you mean 'registry-not-allowed'?)"),
        ("ignore: [nope]\n", "unknown rule code or prefix 'nope'"),
        ("extend-select: [XYZ]\n", "unknown rule code or prefix 'XYZ'"),
        ("severity: [K0S110]\n", "severity must be a mapping"),
        ("severity: {K0S110: fatal}\n", "severity.K0S110 must be error, warning or info, not 'fatal'"),
        ("severity: {K0S999: info}\n", "unknown rule code or prefix 'K0S999'"),
        ("per-file-ignores: [a]\n", "per-file-ignores must be a mapping"),
        ("per-file-ignores: {'a/*': 3}\n", "per-file-ignores.a/* must be a list of strings"),
        (
            "per-file-ignores: {'a/*': [K0S999]}\n",
            "per-file-ignores.a/*: unknown rule code or prefix 'K0S999'",
        ),
        ("k0s-version: 1.31\n", "k0s-version must be a string such as '1.32.1'"),
        ("k0s-version: banana\n", "k0s-version: 'banana' is not a k0s version"),
        ("k0s-version: ''\n", "k0s-version: '' is not a k0s version"),
        ("allowed-registries: registry.acme.corp\n", "allowed-registries must be of type array"),
        ("allowed-registries: ['']\n", "allowed-registries[0] must not be empty"),
        ("required-repository: [a, b]\n", "required-repository must be of type string"),
        ("options: {telemetry: false}\n", "unknown option 'telemetry'"),
        ("options: [a]\n", "options must be a mapping"),
        (
            "require-plugins: [k0slint-nonexistent]\n",
            "require-plugins: rule pack 'k0slint-nonexistent' is not installed",
        ),
        # Installed, but not a rule pack.
        ("require-plugins: [pytest]\n", "require-plugins: rule pack 'pytest' is not installed"),
        ("local-rules: {ACME: rules/}\n", "local-rules runs code from this repository"),
        ("select: [K0S1\n", ".k0slint.yaml:2:1: did not find expected ',' or ']'"),
    ],
)
def test_bad_configuration_is_exit_2_naming_file_and_key(
    repo: Path, capsys: pytest.CaptureFixture[str], content: str, message: str
) -> None:
    (repo / ".k0slint.yaml").write_text(content)
    before = (repo / "k0s.yaml").read_bytes()
    assert main(["--fix", "k0s.yaml"]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith(f"k0slint: error: {repo / '.k0slint.yaml'}")
    assert message in err
    assert err.count("\n") == 1
    assert (repo / "k0s.yaml").read_bytes() == before, "a bad configuration must stop --fix before it writes"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            "[tool.k0slint]\nselect = 'K0S1'\nseverty = {}\n",
            "unknown key 'severty' (did you mean 'severity'?)",
        ),
        ("[tool.k0slint\n", "pyproject.toml: "),
        ("[tool.k0slint]\nper-file-ignores = 3\n", "per-file-ignores must be a mapping"),
        ("tool = 1\n", "tool must be a table"),
        ("[tool.k0slint]\nignore = ['K0S1']\n# caf\xe9\n", "codec can't decode"),
    ],
)
def test_bad_pyproject_is_exit_2(
    repo: Path, capsys: pytest.CaptureFixture[str], content: str, message: str
) -> None:
    (repo / "pyproject.toml").write_bytes(content.encode("latin-1"))
    assert main(["k0s.yaml"]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"k0slint: error: {repo / 'pyproject.toml'}")
    assert message in err and err.count("\n") == 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--config", "missing.yaml"], "--config missing.yaml: cannot read: No such file or directory"),
        (["--config", "pyproject.toml"], "pyproject.toml: no [tool.k0slint] table"),
        (["--config", "c.yaml", "--isolated"], "--config and --isolated exclude each other"),
        (["--select", "K0S999"], "--select: unknown rule code or prefix 'K0S999'"),
        (["--ignore", "nope"], "--ignore: unknown rule code or prefix 'nope'"),
        (["--k0s-version", "next"], "--k0s-version: 'next' is not a k0s version"),
        (["--baseline", "b.json", "--write-baseline", "b.json"], "--baseline and --write-baseline exclude"),
    ],
)
def test_bad_command_line_configuration(
    repo: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    (repo / "pyproject.toml").write_text('[project]\nname = "x"\n')
    (repo / "c.yaml").write_text("{}\n")
    assert main([*args, "k0s.yaml"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("k0slint: error: ") and message in err and err.count("\n") == 1


LOCAL_RULE = '''
from k0slint.api import Finding, Rule, Severity

class NoGhcr(Rule):
    """## What it does
    Flags ghcr.io."""
    code = "LOC001"
    name = "no-ghcr"
    severity = Severity.ERROR
    summary = "ghcr.io is not our registry"

    def check(self, document, context):
        repository = context.images.repository
        if repository is not None and repository.value.startswith("ghcr.io"):
            yield self.report(document, repository.node, "ghcr.io is not our registry")

RULES = (NoGhcr,)
'''


def test_local_rules_load_from_an_explicit_config(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (repo / "k0s.yaml").write_text(GHCR)
    (repo / "lintrules").mkdir()
    (repo / "lintrules" / "__init__.py").write_text(LOCAL_RULE)
    (repo / "ci.yaml").write_text("local-rules: {LOC: lintrules}\n")
    assert lint(capsys, "--config", "ci.yaml", "k0s.yaml")[:2] == (1, ["LOC001"])
    # Found beside a file, the same configuration is refused: it would run this repository's code.
    (repo / ".k0slint.yaml").write_text("local-rules: {LOC: lintrules}\n")
    assert main(["k0s.yaml"]) == 2
    assert "honoured only in a configuration given with --config" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("files", "config", "message"),
    [
        ({}, "local-rules: {LOC: nothere.py}\n", "local-rules.LOC: no Python module at"),
        ({"bad.py": "import nonexistent_module_xyz\n"}, "local-rules: {LOC: bad.py}\n", "failed to import"),
        (
            {"wrong.py": "RULES = (object,)\n"},
            "local-rules: {LOC: wrong.py}\n",
            "is not a Rule with a LOC code",
        ),
        (
            {"ok.py": LOCAL_RULE},
            "local-rules: {K0S: ok.py}\n",
            "local-rules.K0S clashes with an installed rule pack",
        ),
    ],
)
def test_local_rules_errors(
    repo: Path, capsys: pytest.CaptureFixture[str], files: dict[str, str], config: str, message: str
) -> None:
    for name, text in files.items():
        (repo / name).write_text(text)
    (repo / "ci.yaml").write_text(config)
    assert main(["--config", "ci.yaml", "k0s.yaml"]) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1


def test_stdin_uses_the_configuration_of_stdin_filename(
    repo: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import io
    import sys

    team = repo / "team"
    team.mkdir()
    (team / ".k0slint.yaml").write_text("ignore: [K0S110]\n")
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(COREDNS_OUTSIDE.encode())))
    assert main(["--stdin-filename", os.path.join("team", "k0s.yaml"), "-"]) == 0


def test_require_plugins_compares_names_as_packaging_does(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (repo / ".k0slint.yaml").write_text("require-plugins: [K0SLINT]\n")  # k0slint's own rules
    assert lint(capsys, "k0s.yaml")[:2] == (1, ["K0S110"])


@pytest.mark.parametrize(
    ("value", "schema", "problem"),
    [
        (True, {"type": "number"}, "x must be of type number"),
        (True, {"type": "integer"}, "x must be of type integer"),
        (3, {"type": "integer"}, None),
        (None, {"type": "null"}, None),
        (["a", 1], {"type": "array", "items": {"type": "string"}}, "x[1] must be of type string"),
        ("", {"type": "string", "minLength": 1}, "x must not be empty"),
    ],
)
def test_option_values_are_typed_as_json_schema_types_them(
    value: object, schema: dict[str, object], problem: str | None
) -> None:
    from k0slint.lint.options import check_option

    assert check_option("x", value, schema) == problem
