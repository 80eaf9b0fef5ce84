"""One reporter contract: every format takes the same run and options, the registry names the
formats `--format` offers, and every format is given the run's errors."""

from __future__ import annotations

import io
import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

import pytest

from k0slint.cli import combinations
from k0slint.cli.main import build_parser, main
from k0slint.k0s.releases import load
from k0slint.lint.linter import Linter
from k0slint.lint.rule_packs import all_rules, load_packs
from k0slint.lint.run import Mode, execute
from k0slint.reporters import registry
from k0slint.reporters.contract import Reporter, ReportOptions, RunReport
from tests.helpers import ROOT, k0slint

RULES = all_rules(load_packs())
NOT_UTF8 = b"apiVersion: k0s.k0sproject.io/v1beta1\nkind: ClusterConfig\nmetadata:\n  name: caf\xe9\n"
NOT_UTF8_MESSAGE = "4:12: not valid UTF-8 text (byte 0xe9 at offset 79); k0s reads UTF-8 and UTF-16 only"


def fixed_run(folder: Path, *, keep_sources: bool) -> RunReport:
    """--fix over both examples (one finding fixed, one with an unsafe fix left), a missing
    file and a file that is not UTF-8: every part of a run a reporter may show."""
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir()
    for name in ("k0s.yaml", "k0sctl.yaml"):
        shutil.copy(ROOT / "examples" / name, folder / name)
    (folder / "latin1.yaml").write_bytes(NOT_UTF8)
    linter = Linter([rule() for rule in RULES], load(), None)
    paths = [str(folder / name) for name in ("k0s.yaml", "k0sctl.yaml", "missing.yaml", "latin1.yaml")]
    run = execute(lambda path: linter, paths, mode=Mode.FIX, keep_sources=keep_sources)
    assert run.applied and run.errors and any(result.findings for result in run.results)
    return RunReport.of(run, lambda: RULES)


def written(name: str, run: RunReport, options: ReportOptions) -> str:
    stream = io.StringIO()
    registry.reporter(name).write(run, options, stream)
    return stream.getvalue()


@pytest.mark.parametrize("name", registry.FORMATS)
def test_every_format_reports_the_same_run_given_the_same_way(name: str, tmp_path: Path) -> None:
    run = fixed_run(tmp_path / "run", keep_sources=True)
    (left,) = (finding for result in run.results for finding in result.findings)
    out = written(name, run, ReportOptions(show_fixes=True, unsafe=True))
    assert left.code in out and "k0sctl.yaml" in out
    assert written(name, run, ReportOptions(show_fixes=True, unsafe=True)) == out, "a report is stable"


@pytest.mark.parametrize("name", registry.FORMATS)
def test_a_format_needs_sources_exactly_when_its_report_quotes_them(name: str, tmp_path: Path) -> None:
    """A run drops files' text and fixes' edits unless the format declares it needs them:
    a format that does not must write the same report without them; one that does must use them."""
    options = ReportOptions(show_fixes=True, unsafe=True)
    kept = written(name, fixed_run(tmp_path / "run", keep_sources=True), options)
    trimmed = written(name, fixed_run(tmp_path / "run", keep_sources=False), options)
    assert (kept != trimmed) is registry.reporter(name).needs_sources


def test_format_choices_are_the_registry() -> None:
    (action,) = (action for action in build_parser()._actions if "--format" in action.option_strings)
    assert tuple(action.choices or ()) == (*registry.FORMATS, *combinations.COMMAND_FORMATS)
    assert action.default == registry.DEFAULT
    assert registry.DEFAULT in registry.FORMATS


def test_registry_names_only_formats_it_has() -> None:
    with pytest.raises(ValueError, match="unknown report format 'yaml'"):
        registry.reporter("yaml")


def _probe(run: RunReport, options: ReportOptions, stream: TextIO) -> None:
    kept = all(result.source is not None for result in run.results)
    stream.write(f"{len(run.results)} file(s), {len(run.errors)} error(s), sources kept: {kept}\n")


REPORTER = Reporter(_probe, needs_sources=True)


def test_a_format_added_to_the_registry_is_offered_chosen_and_given_what_it_needs(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(registry, "_MODULES", {**registry._MODULES, "probe": __name__})
    monkeypatch.setattr(registry, "FORMATS", (*registry.FORMATS, "probe"))
    code = main(["--format", "probe", str(ROOT / "examples" / "k0s.yaml"), "missing.yaml"])
    out, err = capsys.readouterr()
    assert (code, out) == (2, "1 file(s), 1 error(s), sources kept: True\n")
    assert "k0slint: error: missing.yaml: no such file or folder" in err


@pytest.mark.parametrize(
    ("make", "error"),
    [
        (lambda folder: None, {"file": "missing.yaml", "message": "no such file or folder"}),
        (
            lambda folder: (folder / "missing.yaml").write_bytes(NOT_UTF8),
            {"file": "missing.yaml", "message": NOT_UTF8_MESSAGE},
        ),
        (
            lambda folder: (folder / "missing.yaml").symlink_to(folder / "nowhere.yaml"),
            {"file": "missing.yaml", "message": "cannot read: No such file or directory"},
        ),
    ],
    ids=["missing", "not-utf-8", "dangling-symlink"],
)
def test_json_records_the_runs_errors(
    tmp_path: Path, make: Callable[[Path], object], error: dict[str, str]
) -> None:
    shutil.copy(ROOT / "examples" / "k0s.yaml", tmp_path / "ok.yaml")
    make(tmp_path)
    result = k0slint("--format", "json", "ok.yaml", "missing.yaml", cwd=tmp_path)
    assert result.returncode == 2
    report = json.loads(result.stdout)
    assert report["errors"] == [error]
    assert [finding["file"] for finding in report["findings"]] == ["ok.yaml"]


def test_json_and_sarif_record_the_same_errors(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from k0slint.rules.image_outside_repository import ImageOutsideRepository

    def boom(self: object, document: object, context: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(ImageOutsideRepository, "check", boom)
    monkeypatch.chdir(tmp_path)
    shutil.copy(ROOT / "examples" / "k0s.yaml", "ok.yaml")
    Path("latin1.yaml").write_bytes(NOT_UTF8)
    reports = {}
    for name in ("json", "sarif"):
        assert main(["--format", name, "ok.yaml", "missing.yaml", "latin1.yaml"]) == 2
        reports[name] = json.loads(capsys.readouterr().out)
    assert reports["json"]["errors"] == [
        {"file": "missing.yaml", "message": "no such file or folder"},
        {"file": "ok.yaml", "message": "rule K0S101 failed: RuntimeError: boom"},
        {"file": "latin1.yaml", "message": NOT_UTF8_MESSAGE},
    ]
    (invocation,) = reports["sarif"]["runs"][0]["invocations"]
    assert [note["message"]["text"] for note in invocation["toolExecutionNotifications"]] == [
        "missing.yaml: no such file or folder.",
        "ok.yaml: rule K0S101 failed: RuntimeError: boom.",
        f"latin1.yaml:{NOT_UTF8_MESSAGE}.",
    ]
