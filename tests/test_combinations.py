"""Options that cannot apply to the command are usage errors naming them, never ignored; and
--stdin-filename without a PATH reads standard input, not the current folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from k0slint.cli import combinations
from k0slint.cli.main import build_parser, main
from tests.helpers import FIXED, NEEDS_FIX, ROOT, k0slint


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """Two configs that --fix would change, in a folder of their own."""
    for folder in ("clusters/prod", "clusters/test"):
        (tmp_path / folder).mkdir(parents=True)
        (tmp_path / folder / "k0s.yaml").write_text(NEEDS_FIX)
    return tmp_path


def _unchanged(tree: Path) -> bool:
    return all(path.read_text() == NEEDS_FIX for path in tree.rglob("*.yaml"))


def test_stdin_filename_without_a_path_fixes_standard_input_only(tree: Path) -> None:
    """What an editor integration runs: the folder around it must not be linted, let alone fixed."""
    result = k0slint("--fix", "--stdin-filename", "clusters/prod/k0s.yaml", cwd=tree, stdin=NEEDS_FIX)
    assert (result.returncode, result.stdout) == (0, FIXED), result.stderr
    assert _unchanged(tree)
    assert "clusters/test" not in result.stderr


def test_stdin_filename_without_a_path_lints_standard_input_under_that_name(tree: Path) -> None:
    result = k0slint("--stdin-filename", "clusters/prod/k0s.yaml", cwd=tree, stdin=NEEDS_FIX)
    assert result.returncode == 1
    (finding, summary) = result.stdout.splitlines()
    assert finding.startswith("clusters/prod/k0s.yaml:7:14: K0S110 [*] ")
    assert summary == "Found 1 finding in 1 file. 1 fixable with --fix."


@pytest.mark.parametrize("paths", [["clusters/test"], ["-", "clusters/test/k0s.yaml"]])
def test_stdin_filename_with_another_path_is_a_usage_error(tree: Path, paths: list[str]) -> None:
    result = k0slint("--fix", "--stdin-filename", "clusters/prod/k0s.yaml", *paths, cwd=tree, stdin=NEEDS_FIX)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == (
        f"k0slint: error: --stdin-filename names standard input: give the PATH - or none, not {paths[-1]}\n"
    )
    assert _unchanged(tree)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--show-fixes"], "--show-fixes applies only with --fix"),
        (["--exit-non-zero-on-fix"], "--exit-non-zero-on-fix applies only with --fix"),
        (["--diff", "--show-fixes"], "--show-fixes does not apply to --diff"),
        (["--format", "json", "--diff"], "--format json does not apply to --diff: it prints text"),
        (["--show-images", "--fix"], "--fix and --show-images exclude each other"),
        (["--show-images", "--format", "sarif"], "--format sarif does not apply to --show-images"),
        (["--format", "mirror"], "--format mirror does not apply to lint: it prints text or full or json"),
        (["--fix", "--format", "mirror"], "--format mirror does not apply to --fix"),
        (["--print-schema", "--format", "mirror"], "--format mirror does not apply to --print-schema"),
        (["--fix", "--diff"], "--fix and --diff exclude each other"),
        (["--list-rules", "--explain", "K0S101"], "--list-rules and --explain exclude each other"),
        (["--print-schema", "--show-images"], "--show-images and --print-schema exclude each other"),
        (["--list-rules", "--format", "sarif"], "--format sarif does not apply to --list-rules"),
        (["--explain", "K0S101", "--format", "json"], "--format json does not apply to --explain"),
        (["--print-schema", "--format", "text"], "--format text does not apply to --print-schema"),
        (
            ["--show-settings", "k0s.yaml", "--format", "sarif"],
            "--format sarif does not apply to --show-settings",
        ),
        (
            ["--write-baseline", "b.json", "--format", "json"],
            "--format json does not apply to --write-baseline",
        ),
        (["--write-baseline", "b.json", "-o", "r.txt"], "--output-file does not apply to --write-baseline"),
        (
            ["--write-baseline", "b.json", "--fail-on", "error"],
            "--fail-on does not apply to --write-baseline",
        ),
        (["--diff", "--fail-on", "error"], "--fail-on does not apply to --diff"),
        (["--diff", "--baseline", "b.json"], "--baseline does not apply to --diff"),
        (["--show-images", "--select", "K0S1"], "--select does not apply to --show-images"),
        (["--show-images", "-j", "2"], "--jobs does not apply to --show-images"),
        (["--list-rules", "--k0s-version", "1.32"], "--k0s-version does not apply to --list-rules"),
        (["--explain", "K0S101", "--config", "c.yaml"], "--config does not apply to --explain"),
        (["--print-schema", "--ignore", "K0S1"], "--ignore does not apply to --print-schema"),
        (["--show-settings", "k0s.yaml", "--stdin-filename", "a.yaml"], "--stdin-filename does not apply"),
        (["--show-settings", "k0s.yaml", "k0s.yaml"], "--show-settings takes no PATH"),
        (["--list-rules", "."], "--list-rules takes no PATH"),
        (["--print-schema", "--unsafe-fixes"], "--unsafe-fixes does not apply to --print-schema"),
        (
            ["--fix", "--exit-zero", "--exit-non-zero-on-fix"],
            "--exit-zero and --exit-non-zero-on-fix exclude",
        ),
        (["--exit-zero", "--fail-on", "error"], "--fail-on and --exit-zero exclude each other"),
    ],
)
def test_an_option_that_cannot_apply_is_a_usage_error_naming_it(
    tree: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    args: list[str],
    message: str,
) -> None:
    monkeypatch.chdir(tree / "clusters" / "prod")
    assert main(args) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith(f"k0slint: error: {message}") and err.count("\n") == 1
    assert _unchanged(tree)
    assert sorted(path.name for path in (tree / "clusters" / "prod").iterdir()) == ["k0s.yaml"]


def test_every_option_of_the_help_is_placed_in_the_table() -> None:
    """A new option must say which commands it applies to."""
    placed = {*combinations.APPLIES, *combinations.COMMANDS, "--format", "--version", "--help"}
    for action in build_parser()._actions:
        names = action.option_strings or ["PATH"]
        assert any(name in placed for name in names), names


def test_every_command_and_format_is_listed() -> None:
    from k0slint.reporters import registry

    assert set(combinations.FORMATS) == {combinations.LINT, *combinations.COMMANDS}
    for formats in combinations.FORMATS.values():
        assert formats is None or set(formats) <= {*registry.FORMATS, *combinations.COMMAND_FORMATS}
    printed = {name for formats in combinations.FORMATS.values() for name in formats or ()}
    assert set(combinations.COMMAND_FORMATS) <= printed
    assert not set(combinations.COMMAND_FORMATS) & set(registry.FORMATS)


@pytest.mark.parametrize(
    "args",
    [
        ["--list-rules", "-q", "--color", "never"],
        ["--explain", "K0S101", "--quiet", "--color", "always"],
        ["--print-schema", "--format", "json", "-q"],
        ["--list-rules", "--format", "json"],
        ["--show-images", "--format", "json", "--color", "never"],
    ],
)
def test_quiet_colour_and_a_format_the_command_prints_are_accepted(
    tree: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], args: list[str]
) -> None:
    monkeypatch.chdir(tree)
    assert main(args) == 0
    assert capsys.readouterr().out


def test_exit_zero_applies_to_diff(tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tree)
    assert main(["--diff", "clusters"]) == 1
    assert main(["--diff", "--exit-zero", "clusters"]) == 0
    assert _unchanged(tree)


def _options_table() -> str:
    commands = [combinations.LINT, *combinations.COMMANDS]
    header = " | ".join("(lint)" if name == combinations.LINT else f"`{name}`" for name in commands)
    rows = [f"| option | {header} |", "|---|" + "---|" * len(commands)]
    for option, applies in combinations.APPLIES.items():
        marks = " | ".join("✓" if name in applies else "" for name in commands)
        rows.append(f"| {option if option == 'PATH' else f'`{option}`'} | {marks} |")
    formats = [combinations.FORMATS[name] for name in commands]
    cells = " | ".join("any" if each is None else ", ".join(each) for each in formats)
    rows.append(f"| `--format` | {cells} |")
    return "\n".join(rows) + "\n"


def test_the_readme_table_is_the_one_the_code_checks() -> None:
    readme = (ROOT / "README.md").read_text()
    table = readme.split("<!-- options-table:start -->\n")[1].split("<!-- options-table:end -->")[0]
    assert table == _options_table()
