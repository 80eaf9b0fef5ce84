"""Which files a run lints: folders walked, symlinks followed once, each real file once."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from k0slint.lint.discovery import FileTarget, expand
from tests.helpers import FIXED, NEEDS_FIX, k0slint

posix_only = pytest.mark.skipif(os.name != "posix", reason="symlinks as POSIX makes them")


def _files(*paths: str) -> list[str]:
    return [target.path for target in expand(list(paths)) if isinstance(target, FileTarget)]


@posix_only
def test_a_link_back_to_an_ancestor_is_not_a_loop(tmp_path: Path) -> None:
    (tmp_path / "k0s.yaml").write_text(NEEDS_FIX)
    (tmp_path / "loop").mkdir()
    (tmp_path / "loop" / "up").symlink_to("..")
    result = k0slint(".", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout.count("K0S110") == 1, result.stdout
    assert "Found 1 finding in 1 file." in result.stdout


@posix_only
def test_a_link_to_a_sibling_folder_lints_each_file_once(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "k0s.yaml").write_text(NEEDS_FIX)
    (tmp_path / "b").symlink_to("a")
    assert _files(str(tmp_path)) == [str(tmp_path / "a" / "k0s.yaml")]


@posix_only
def test_a_file_named_twice_through_a_link_is_linted_once(tmp_path: Path) -> None:
    (tmp_path / "k0s.yaml").write_text(NEEDS_FIX)
    (tmp_path / "link.yaml").symlink_to("k0s.yaml")
    assert _files(str(tmp_path / "k0s.yaml"), str(tmp_path / "link.yaml"), str(tmp_path)) == [
        str(tmp_path / "k0s.yaml")
    ]


@posix_only
def test_a_file_reached_twice_is_fixed_once(tmp_path: Path) -> None:
    (tmp_path / "clusters").mkdir()
    (tmp_path / "clusters" / "k0s.yaml").write_text(NEEDS_FIX)
    (tmp_path / "prod").symlink_to("clusters")
    (tmp_path / "clusters" / "back").symlink_to("..")
    result = k0slint("--fix", "--show-fixes", ".", cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert (tmp_path / "clusters" / "k0s.yaml").read_text() == FIXED
    assert result.stdout.count("K0S110") == 1, result.stdout


def test_a_folder_and_a_file_in_it_lint_the_file_once(tmp_path: Path) -> None:
    (tmp_path / "k0s.yaml").write_text(NEEDS_FIX)
    assert _files(str(tmp_path / "k0s.yaml"), str(tmp_path)) == [str(tmp_path / "k0s.yaml")]
