"""Baselines: --write-baseline records today's findings by file, document, YAML path and code;
--baseline reports only the ones that are new."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from k0slint.cli.main import main

CONFIG = """\
apiVersion: k0s.k0sproject.io/v1beta1
kind: ClusterConfig
spec:
  images:
    repository: registry.acme.corp
    coredns: {image: quay.io/k0sproject/coredns}
"""


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "clusters").mkdir()
    (tmp_path / "clusters" / "k0s.yaml").write_text(CONFIG)
    return tmp_path


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["--color", "never", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_write_then_only_new_findings(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "--write-baseline", "baseline.json", ".")
    assert code == 0
    assert "baseline.json: recorded 1 finding(s)" in err
    assert json.loads((repo / "baseline.json").read_text()) == {
        "version": 1,
        "findings": [
            {
                "file": "clusters/k0s.yaml",
                "document": 0,
                "path": "spec.images.coredns.image",
                "code": "K0S110",
                "count": 1,
            }
        ],
    }
    code, out, err = run(capsys, "--baseline", "baseline.json", ".")
    assert (code, out.splitlines()[-1]) == (0, "All checks passed (1 k0s configuration checked).")
    assert "baseline.json: 1 known finding(s) not reported" in err

    # Lines move: the baseline is keyed by YAML path, not by line.
    moved = "# moved down by a comment\n\n" + CONFIG
    (repo / "clusters" / "k0s.yaml").write_text(moved)
    assert run(capsys, "--baseline", "baseline.json", ".")[0] == 0

    # A second finding of the same rule elsewhere is new.
    (repo / "clusters" / "k0s.yaml").write_text(moved + "    pause: {image: quay.io/k0sproject/pause}\n")
    code, out, _ = run(capsys, "--baseline", "baseline.json", ".")
    assert code == 1
    (new,) = [line for line in out.splitlines() if ": K0S" in line]
    assert new.startswith(
        "clusters/k0s.yaml:9:20: K0S110 [*] warning: image quay.io/k0sproject/pause is outside"
    )


def test_baseline_paths_are_relative_to_the_baseline(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "--write-baseline", "ci/baseline.json", "clusters")[0] == 2  # ci/ does not exist
    (repo / "ci").mkdir()
    assert run(capsys, "--write-baseline", "ci/baseline.json", "clusters")[0] == 0
    assert (
        json.loads((repo / "ci" / "baseline.json").read_text())["findings"][0]["file"]
        == "../clusters/k0s.yaml"
    )
    import os

    os.chdir(repo / "clusters")
    assert run(capsys, "--baseline", "../ci/baseline.json", "k0s.yaml")[0] == 0


def test_counts_and_gone_entries(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    doubled = CONFIG + "---\n" + CONFIG
    (repo / "clusters" / "k0s.yaml").write_text(doubled)
    run(capsys, "--write-baseline", "baseline.json", ".")
    entries = json.loads((repo / "baseline.json").read_text())["findings"]
    assert [(e["document"], e["count"]) for e in entries] == [(0, 1), (1, 1)]
    (repo / "clusters" / "k0s.yaml").write_text(CONFIG)
    code, _, err = run(capsys, "--baseline", "baseline.json", ".")
    assert code == 0
    assert "baseline.json: 1 recorded finding(s) are gone; refresh it with --write-baseline" in err


def test_baseline_filters_every_format(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "--write-baseline", "baseline.json", ".")
    code, out, _ = run(capsys, "--baseline", "baseline.json", "--format", "sarif", ".")
    assert code == 0 and json.loads(out)["runs"][0]["results"] == []


def test_write_baseline_keeps_the_file_mode(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (repo / "baseline.json").write_text("{}")
    (repo / "baseline.json").chmod(0o640)
    assert run(capsys, "--write-baseline", "baseline.json", ".")[0] == 0
    assert (repo / "baseline.json").stat().st_mode & 0o777 == 0o640
    assert [p.name for p in repo.iterdir() if p.name.startswith(".")] == []


def test_baseline_not_written_when_files_fail(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "--write-baseline", "baseline.json", ".", "missing.yaml")
    assert code == 2
    assert "baseline.json: not written, as some files failed" in err
    assert not (repo / "baseline.json").exists()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "b.json: cannot read: No such file or directory"),
        ("{\n  'version': 1}", "b.json:2:3: not JSON: Expecting property name enclosed in double quotes"),
        ('{"version": 2, "findings": []}', "b.json: not a k0slint baseline (version 1)"),
        ("[]", "b.json: not a k0slint baseline (version 1)"),
        ('{"version": 1, "findings": {}}', "b.json: findings must be a list"),
        ('{"version": 1, "findings": [{"file": "a"}]}', "b.json: findings[0] lacks 'document'"),
        ('{"version": 1, "findings": [3]}', "b.json: findings[0] lacks"),
        (
            '{"version": 1, "findings": [{"file": "a", "document": "0", "path": "", "code": "K0S110"}]}',
            "b.json: findings[0] has a value of the wrong type",
        ),
        (
            '{"version": 1, "findings": [{"file": "a", "document": 0, "path": "", "code": "X", "count": 0}]}',
            "b.json: findings[0] has a value of the wrong type",
        ),
    ],
)
def test_bad_baseline_is_exit_2(
    repo: Path, capsys: pytest.CaptureFixture[str], content: str | None, message: str
) -> None:
    if content is not None:
        (repo / "b.json").write_text(content)
    code, out, err = run(capsys, "--baseline", "b.json", ".")
    assert code == 2 and out == ""
    assert err.startswith(f"k0slint: error: {message}") and err.count("\n") == 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--write-baseline", "b.json", "--fix"], "--write-baseline records findings"),
        (["--write-baseline", "b.json", "--diff"], "--write-baseline records findings"),
        (["--write-baseline", "b.json", "--baseline", "b.json"], "--baseline and --write-baseline exclude"),
    ],
)
def test_baseline_option_combinations(
    repo: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    code, _, err = run(capsys, *args, ".")
    assert code == 2 and message in err
