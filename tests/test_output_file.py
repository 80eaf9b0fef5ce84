"""--output-file takes what every command prints (not only the lint report), written atomically
through k0slint.atomic_write; standard output then stays empty."""

from __future__ import annotations

from pathlib import Path

import pytest

from k0slint import atomic_write
from k0slint.cli.main import main
from tests.helpers import NEEDS_FIX

COMMANDS = [
    ["--show-images", "k0s.yaml"],
    ["--show-images", "--format", "json", "k0s.yaml"],
    ["--diff", "k0s.yaml"],
    ["--print-schema", "--k0s-version", "1.32"],
    ["--list-rules"],
    ["--list-rules", "--format", "json"],
    ["--explain", "K0S101"],
    ["--show-settings", "k0s.yaml"],
    ["k0s.yaml"],
    ["--format", "sarif", "k0s.yaml"],
]


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "k0s.yaml").write_text(NEEDS_FIX)
    return tmp_path


@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_every_command_writes_what_it_prints_into_the_output_file(
    repo: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, args: list[str]
) -> None:
    code = main(args)
    printed = capsys.readouterr().out
    assert printed
    written: list[str] = []
    real = atomic_write.write_new_file

    def recording(path: str, new: bytes) -> None:
        written.append(path)
        real(path, new)

    monkeypatch.setattr(atomic_write, "write_new_file", recording)
    (repo / "out.txt").write_text("an older report\n")
    assert main([*args, "--output-file", "out.txt"]) == code
    assert capsys.readouterr().out == ""
    assert written == ["out.txt"]
    assert (repo / "out.txt").read_text() == printed
    assert (repo / "k0s.yaml").read_text() == NEEDS_FIX


@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_an_output_file_that_cannot_be_written_is_one_line_and_exit_2(
    repo: Path, capsys: pytest.CaptureFixture[str], args: list[str]
) -> None:
    assert main([*args, "-o", "missing/out.txt"]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    (line,) = [line for line in err.splitlines() if "error" in line]
    assert line.startswith("k0slint: error: --output-file missing/out.txt: cannot create a temporary file")
