from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from k0slint.cli.main import main
from tests.helpers import ROOT, k0slint

EXAMPLES = ROOT / "examples"
PUSHGATEWAY_5455 = """\
apiVersion: k0s.k0sproject.io/v1beta1
kind: ClusterConfig
spec:
  images:
    repository: ghcr.io/mirantiscontainers
    pushgateway:
      image: quay.io/k0sproject/pushgateway-ttl
"""


def test_examples_flag_pushgateway_at_exact_position() -> None:
    result = k0slint("examples/")
    assert result.returncode == 1, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith(
        "examples/k0s.yaml:31:14: K0S110 [*] warning: image quay.io/k0sproject/pushgateway-ttl is outside"
    )
    assert lines[1].startswith(
        "examples/k0sctl.yaml:30:20: K0S101 error: image quay.io/k0sproject/pushgateway-ttl escapes"
    )
    assert "k0s v1.32.1 pulls quay.io/k0sproject/pushgateway-ttl:1.4.0-k0s.0" in lines[1]
    assert lines[2] == "Found 2 findings in 2 files. 1 fixable with --fix (1 more with --fix --unsafe-fixes)."
    assert "Traceback" not in result.stderr


def test_json_report_is_the_only_thing_on_stdout() -> None:
    result = k0slint("--format", "json", "examples/k0sctl.yaml", "examples/k0s.yaml")
    report = json.loads(result.stdout)
    assert report["version"] == 1
    (first, second) = report["findings"]
    assert {
        k: first[k] for k in ("code", "name", "severity", "file", "line", "column", "end_line", "end_column")
    } == {
        "code": "K0S110",
        "name": "image-rewritten-into-repository",
        "severity": "warning",
        "file": "examples/k0s.yaml",
        "line": 31,
        "column": 14,
        "end_line": 31,
        "end_column": 48,
    }
    assert second["path"] == "spec.k0s.config.spec.images.pushgateway.image"
    assert report["summary"] == {
        "files": 2,
        "configs": {"clusterconfig": 1, "k0sctl": 1},
        "findings": {"K0S101": 1, "K0S110": 1},
    }


def test_stdin_with_a_name(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    result = k0slint("-", "--stdin-filename", "cluster/k0s.yaml", stdin=PUSHGATEWAY_5455)
    assert result.returncode == 1
    assert result.stdout.startswith("cluster/k0s.yaml:7:14: K0S110 [*] warning: ")


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["--ignore", "K0S110"], 0),
        (["--ignore", "image-rewritten-into-repository"], 0),
        (["--select", "K0S0"], 0),
        (["--select", "k0s1"], 1),
        (["--exit-zero"], 0),
        (["--fail-on", "error"], 0),  # k0s 1.36 rewrites the image: a warning (K0S110)
        (["--fail-on", "error", "--k0s-version", "1.32.1"], 1),  # v1.32.1 pulls it from quay.io
        (["--k0s-version", "1.32.1"], 1),
    ],
)
def test_selection_and_exit_codes(tmp_path: Path, args: list[str], code: int) -> None:
    config = tmp_path / "k0s.yaml"
    config.write_text(PUSHGATEWAY_5455)
    assert main([*args, str(config)]) == code


def test_version_changes_the_verdict(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = tmp_path / "k0s.yaml"
    config.write_text(PUSHGATEWAY_5455)
    main(["--k0s-version", "v1.31.5", "-q", str(config)])
    assert "escapes repository" in capsys.readouterr().out
    main(["--k0s-version", "v1.31.12", "-q", str(config)])
    assert "rewrites it" in capsys.readouterr().out
    # v1.31.6 rewrites pushgateway but lacks the prefix check: the mirrored path would be doubled.
    assert main(["--k0s-version", "v1.31.6", "-q", str(config)]) == 0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--k0s-version", "banana"], "--k0s-version: 'banana' is not a k0s version"),
        (["--select", "K0S999"], "unknown rule code or prefix 'K0S999'"),
        # A typo gets the closest code or name, codes in any case.
        (["--select", "K0S10l"], "--select: unknown rule code or prefix 'K0S10l' (did you mean 'K0S101'?)"),
        (["--ignore", "k0s1o1"], "--ignore: unknown rule code or prefix 'k0s1o1' (did you mean 'K0S101'?)"),
        (
            ["--extend-select", "image-outside-repo"],
            "unknown rule code or prefix 'image-outside-repo' (did you mean 'image-outside-repository'?)",
        ),
        (["--explain", "K0S10l"], "unknown rule 'K0S10l' (did you mean 'K0S101'? see --list-rules)"),
        (
            ["-j", "-1"],
            "argument --jobs/-j: '-1' is not a number of processes: give 0 (one per core) or more",
        ),
        (["--jobs", "two"], "argument --jobs/-j: 'two' is not a number of processes"),
        (
            ["--config", "nope.yaml"],
            "k0slint: error: --config nope.yaml: cannot read: No such file or directory",
        ),
        (["--format", "xml"], "invalid choice: 'xml'"),
        (["does/not/exist.yaml"], "does/not/exist.yaml: no such file or folder"),
    ],
)
def test_usage_errors_are_one_line_and_exit_2(args: list[str], message: str) -> None:
    result = k0slint(*args)
    assert result.returncode == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout == ""


def test_version_flag() -> None:
    result = k0slint("--version")
    assert (result.returncode, result.stdout) == (0, "k0slint 0.1.0\n")


def test_version_imports_no_yaml_or_schema_library() -> None:
    code = (
        "import sys; from k0slint.cli.main import main; main(['--version']); "
        "heavy = sorted(m for m in sys.modules if m.split('.')[0] in "
        "('yaml', 'ruamel', 'jsonschema', 'k0slint.lint.linter')); print(heavy)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.splitlines()[-1] == "[]"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            b"apiVersion: k0s.k0sproject.io/v1beta1\nspec: \xff\n",
            "bad.yaml:2:7: not valid UTF-8 text",
        ),
        (b"\x7fELF\x02\x01\x01\x00\x00\x00", "bad.yaml:1:8: binary file"),
    ],
)
def test_undecodable_files_are_one_line_errors(tmp_path: Path, content: bytes, message: str) -> None:
    (tmp_path / "bad.yaml").write_bytes(content)
    result = k0slint("bad.yaml", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.strip() == f"k0slint: error: {message}" + result.stderr.strip().split(message, 1)[1]
    assert len(result.stderr.strip().splitlines()) == 1


def test_unreadable_path_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "dangling.yaml").symlink_to(tmp_path / "missing-target.yaml")
    result = k0slint("dangling.yaml", cwd=tmp_path)
    assert result.returncode == 2
    assert "dangling.yaml: cannot read: No such file or directory" in result.stderr


def test_invalid_yaml_is_k0s001_at_its_position(tmp_path: Path) -> None:
    (tmp_path / "k0s.yaml").write_text("apiVersion: k0s.k0sproject.io/v1beta1\nspec:\n  images: [a\n")
    result = k0slint("k0s.yaml", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout.startswith("k0s.yaml:4:1: K0S001 error: ")


def test_unparseable_template_is_skipped_with_a_note(tmp_path: Path) -> None:
    (tmp_path / "k0s.yaml").write_text(
        "apiVersion: k0s.k0sproject.io/v1beta1\nspec:\n  {{- if .Values.x }}\n  api: {}\n  {{- end }}\n"
    )
    result = k0slint("k0s.yaml", cwd=tmp_path)
    assert result.returncode == 0
    assert "k0s.yaml: skipped: template syntax" in result.stderr
    assert "K0S001" not in result.stdout


def test_folder_without_configs_warns_and_passes(tmp_path: Path) -> None:
    (tmp_path / "values.yaml").write_text("replicas: 3\n")
    result = k0slint(str(tmp_path))
    assert result.returncode == 0
    assert f"k0slint: warning: {tmp_path}: no k0s configuration found" in result.stderr


def test_non_k0s_yaml_passes_silently(tmp_path: Path) -> None:
    (tmp_path / "values.yaml").write_text("image: quay.io/x\nrepository: ghcr.io/acme\n")
    result = k0slint("-q", "values.yaml", cwd=tmp_path)
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


def test_a_clusterconfig_without_api_version_outside_a_k0s_file_is_skipped_with_a_note(
    tmp_path: Path,
) -> None:
    """k0s reads a config without apiVersion (its integration tests keep such files); k0slint
    recognises one only in a file named *k0s*, and says so elsewhere instead of passing silently."""
    (tmp_path / "controller.yaml").write_text("spec:\n  network:\n    provider: kuberouter\n")
    result = k0slint("--format", "json", "controller.yaml", cwd=tmp_path)
    assert result.returncode == 0
    assert json.loads(result.stdout)["findings"] == []
    assert result.stderr == (
        "k0slint: note: controller.yaml:1:1: skipped a document that looks like a ClusterConfig without "
        "apiVersion, as the file is not named *k0s*; add apiVersion: k0s.k0sproject.io/v1beta1 to lint it\n"
    )


def test_folder_walk_skips_hidden_vendored_and_virtualenv_folders(tmp_path: Path) -> None:
    for folder in (".git", ".hidden", "node_modules", "venv", "clusters/prod"):
        (tmp_path / folder).mkdir(parents=True)
        (tmp_path / folder / "k0s.yaml").write_text(PUSHGATEWAY_5455)
    (tmp_path / "venv" / "pyvenv.cfg").write_text("home = /usr\n")
    (tmp_path / "clusters" / "prod" / "notes.txt").write_text(PUSHGATEWAY_5455)
    result = k0slint("--format", "json", ".", cwd=tmp_path)
    files = sorted({f["file"] for f in json.loads(result.stdout)["findings"]})
    assert files == ["clusters/prod/k0s.yaml"]


@pytest.mark.parametrize(
    ("args", "env", "coloured"),
    [
        (["--color", "always"], {}, True),
        (["--color", "never"], {"FORCE_COLOR": "1"}, False),
        ([], {"FORCE_COLOR": "1"}, True),
        ([], {"FORCE_COLOR": "1", "NO_COLOR": "1"}, False),
        ([], {}, False),
    ],
)
def test_colour(tmp_path: Path, args: list[str], env: dict[str, str], coloured: bool) -> None:
    (tmp_path / "k0s.yaml").write_text(PUSHGATEWAY_5455)
    environment = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    result = subprocess.run(
        [sys.executable, "-m", "k0slint", *args, "k0s.yaml"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={**environment, **env},
        check=False,
    )
    assert ("\033[" in result.stdout) is coloured


def test_a_crashing_rule_is_reported_not_raised(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from k0slint.rules.image_outside_repository import ImageOutsideRepository

    def boom(self: object, document: object, context: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(ImageOutsideRepository, "check", boom)
    (tmp_path / "k0s.yaml").write_text(PUSHGATEWAY_5455)
    assert main([str(tmp_path / "k0s.yaml")]) == 2
    assert "rule K0S101 failed: RuntimeError: boom" in capsys.readouterr().err


def test_internal_error_is_one_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from k0slint.lint.linter import Linter

    def boom(*args: object, **kwargs: object) -> None:
        raise ValueError("unexpected")

    monkeypatch.setattr(Linter, "lint_bytes", boom)
    monkeypatch.delenv("K0SLINT_DEBUG", raising=False)
    assert main([str(EXAMPLES)]) == 2
    assert capsys.readouterr().err == "k0slint: internal error: ValueError: unexpected\n"


@pytest.mark.parametrize("columns", ["60", "132", "", "junk"])
def test_help_is_wrapped_as_argparse_would(columns: str, monkeypatch: pytest.MonkeyPatch) -> None:
    import argparse

    from k0slint.cli import main as cli

    monkeypatch.setenv("COLUMNS", columns)
    cli._help_width.cache_clear()
    ours = cli.build_parser().format_help()
    plain = cli.build_parser()
    plain.formatter_class = argparse.HelpFormatter  # asks shutil, as argparse does by default
    cli._help_width.cache_clear()
    assert ours == plain.format_help()


def test_the_command_exits_at_once_with_all_output_written(tmp_path: Path) -> None:
    """`k0slint` skips the interpreter's teardown (cli.run): the report must still be whole."""
    text = (ROOT / "examples" / "k0s.yaml").read_text()
    for index in range(300):
        (tmp_path / f"k0s-{index:03}.yaml").write_text(text)
    done = k0slint("--format", "json", "-j", "1", str(tmp_path))
    assert done.returncode == 1
    assert done.stderr == ""
    report = json.loads(done.stdout)
    assert len(report["findings"]) == 300


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full (Linux)")
def test_a_report_that_cannot_be_written_is_one_line_and_exit_2() -> None:
    with open("/dev/full", "w") as full:
        done = subprocess.run(
            [sys.executable, "-m", "k0slint", str(ROOT / "examples")],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            check=False,
        )
    assert done.returncode == 2
    assert len(done.stderr.splitlines()) == 1
    assert "No space left on device" in done.stderr
    assert "Traceback" not in done.stderr
