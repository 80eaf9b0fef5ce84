"""Golden files for --fix, compared byte for byte (comments, quotes, flow style, anchors,
CRLF, BOM, UTF-16, no final newline, deep k0sctl indentation, several documents, literal
blocks)."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from tests.helpers import k0slint

GOLDEN = Path(__file__).parent / "golden" / "fix"
CASES: dict[str, list[str]] = json.loads((GOLDEN / "cases.json").read_text())


@pytest.mark.parametrize("name", sorted(CASES))
def test_fix_matches_golden_and_settles(name: str, tmp_path: Path) -> None:
    target = tmp_path / f"{name}.yaml"
    shutil.copyfile(GOLDEN / f"{name}.in.yaml", target)
    os.chmod(target, 0o640)
    first = k0slint("--fix", *CASES[name], target.name, cwd=tmp_path)
    assert first.returncode == 0, first.stdout + first.stderr
    assert target.read_bytes() == (GOLDEN / f"{name}.out.yaml").read_bytes()
    assert oct(target.stat().st_mode & 0o777) == oct(0o640)
    assert [p.name for p in tmp_path.iterdir()] == [target.name], "no temporary file is left behind"
    before = target.stat().st_mtime_ns
    second = k0slint("--fix", *CASES[name], target.name, cwd=tmp_path)
    assert second.returncode == 0
    assert target.read_bytes() == (GOLDEN / f"{name}.out.yaml").read_bytes()
    assert target.stat().st_mtime_ns == before


@pytest.mark.parametrize("name", sorted(CASES))
def test_diff_writes_nothing(name: str, tmp_path: Path) -> None:
    target = tmp_path / f"{name}.yaml"
    shutil.copyfile(GOLDEN / f"{name}.in.yaml", target)
    result = k0slint("--diff", *CASES[name], target.name, cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout.startswith(f"--- a/{name}.yaml\n+++ b/{name}.yaml\n")
    assert target.read_bytes() == (GOLDEN / f"{name}.in.yaml").read_bytes()
