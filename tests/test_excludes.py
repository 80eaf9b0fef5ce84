"""Leaving paths out: `exclude` / `extend-exclude`, `--exclude`, `.gitignore` (git's rules, as
far as pathspec has them), `--no-respect-gitignore`, `--force-exclude`; and the same matcher
for per-file-ignores."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from k0slint.cli.main import build_parser
from k0slint.lint.selection import file_matches
from k0slint.lint.settings import ConfigError, parse
from tests.helpers import NEEDS_FIX, k0slint


def _tree(root: Path, *files: str, git: bool = True) -> None:
    if git:
        (root / ".git").mkdir()
    for name in files:
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(NEEDS_FIX)


def _linted(root: Path, *args: str) -> list[str]:
    result = k0slint("--format", "json", "--exit-zero", *args, cwd=root)
    assert result.returncode == 0, result.stderr
    return sorted({finding["file"] for finding in json.loads(result.stdout)["findings"]})


def test_configuration_exclude_and_extend_exclude(tmp_path: Path) -> None:
    _tree(tmp_path, "clusters/k0s.yaml", "legacy/k0s.yaml", "gen/a/k0s.yaml", "old.k0s.yaml")
    (tmp_path / ".k0slint.yaml").write_text('exclude: ["legacy/"]\nextend-exclude: ["gen/", "old.*"]\n')
    assert _linted(tmp_path, ".") == ["clusters/k0s.yaml"]
    # --exclude replaces `exclude`; `extend-exclude` stays
    assert _linted(tmp_path, "--exclude", "clusters/", ".") == ["legacy/k0s.yaml"]
    assert _linted(tmp_path, "--exclude", "clusters/,legacy/", ".") == []
    assert _linted(tmp_path, "--exclude", "clusters/", "--exclude", "legacy/", ".") == []


def test_patterns_are_relative_to_the_configuration_folder(tmp_path: Path) -> None:
    _tree(tmp_path, "a/k0s.yaml", "team/a/k0s.yaml", "team/b/k0s.yaml")
    (tmp_path / "team" / ".k0slint.yaml").write_text('exclude: ["/a/", "!b/"]\n')
    assert _linted(tmp_path, ".") == ["a/k0s.yaml", "team/b/k0s.yaml"]
    assert _linted(tmp_path / "team", ".") == ["b/k0s.yaml"]


def test_gitignore_is_respected_as_git_does(tmp_path: Path) -> None:
    _tree(
        tmp_path,
        "clusters/k0s.yaml",
        "rendered/k0s.yaml",
        "clusters/scratch/k0s.yaml",
        "clusters/keep.tmp.yaml",
        "clusters/drop.tmp.yaml",
        "private/k0s.yaml",
    )
    (tmp_path / ".gitignore").write_text("# rendered by CI\nrendered/\n*.tmp.yaml\n")
    (tmp_path / "clusters" / ".gitignore").write_text("scratch/\n!keep.tmp.yaml\n")
    (tmp_path / ".git" / "info").mkdir()
    (tmp_path / ".git" / "info" / "exclude").write_text("private/\n")
    assert _linted(tmp_path, ".") == ["clusters/k0s.yaml", "clusters/keep.tmp.yaml"]
    # from inside a folder, the root's .gitignore still applies
    assert _linted(tmp_path / "clusters", ".") == ["k0s.yaml", "keep.tmp.yaml"]
    everything = _linted(tmp_path, "--no-respect-gitignore", ".")
    assert len(everything) == 6


def test_respect_gitignore_false_in_configuration(tmp_path: Path) -> None:
    _tree(tmp_path, "rendered/k0s.yaml")
    (tmp_path / ".gitignore").write_text("rendered/\n")
    (tmp_path / ".k0slint.yaml").write_text("respect-gitignore: false\n")
    assert _linted(tmp_path, ".") == ["rendered/k0s.yaml"]


def test_gitignore_outside_a_repository_is_not_read(tmp_path: Path) -> None:
    """git reads .gitignore files only inside a repository; so does k0slint."""
    _tree(tmp_path, "rendered/k0s.yaml", git=False)
    (tmp_path / ".gitignore").write_text("rendered/\n")
    assert _linted(tmp_path, ".") == ["rendered/k0s.yaml"]


def test_a_file_named_is_linted_unless_force_exclude(tmp_path: Path) -> None:
    """pre-commit names every file: --force-exclude (in the hooks) applies the excludes to them."""
    _tree(tmp_path, "legacy/deep/k0s.yaml", "clusters/k0s.yaml", "rendered/k0s.yaml")
    (tmp_path / ".k0slint.yaml").write_text('exclude: ["legacy/"]\n')
    (tmp_path / ".gitignore").write_text("rendered/\n")
    named = ("legacy/deep/k0s.yaml", "clusters/k0s.yaml", "rendered/k0s.yaml")
    assert _linted(tmp_path, *named) == sorted(named)
    # a pattern on a folder above the file counts; a named file git ignores is still linted
    assert _linted(tmp_path, "--force-exclude", *named) == ["clusters/k0s.yaml", "rendered/k0s.yaml"]
    assert _linted(tmp_path, "--force-exclude", "legacy") == []
    (tmp_path / ".k0slint.yaml").write_text('exclude: ["legacy/"]\nforce-exclude: true\n')
    assert _linted(tmp_path, *named) == ["clusters/k0s.yaml", "rendered/k0s.yaml"]


def test_a_folder_named_is_walked_though_excluded(tmp_path: Path) -> None:
    """As ruff does: naming an excluded (or git-ignored) folder lints it; the other patterns
    still apply inside it, and --force-exclude leaves it out."""
    _tree(tmp_path, "legacy/k0s.yaml", "legacy/old.tmp.yaml", "rendered/sub/k0s.yaml")
    (tmp_path / ".k0slint.yaml").write_text('exclude: ["legacy/", "*.tmp.yaml"]\n')
    (tmp_path / ".gitignore").write_text("rendered/\n")
    assert _linted(tmp_path, ".") == []
    assert _linted(tmp_path, "legacy") == ["legacy/k0s.yaml"]
    assert _linted(tmp_path, "rendered") == ["rendered/sub/k0s.yaml"]
    assert _linted(tmp_path, "--force-exclude", "legacy", "rendered") == ["rendered/sub/k0s.yaml"]


def test_show_images_leaves_out_the_same_paths(tmp_path: Path) -> None:
    _tree(tmp_path, "clusters/k0s.yaml", "legacy/k0s.yaml")
    result = k0slint("--show-images", "--format", "json", "--exclude", "legacy", ".", cwd=tmp_path)
    assert {image["file"] for image in json.loads(result.stdout)["images"]} == {"clusters/k0s.yaml"}


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"exclude": "legacy/"}, "exclude must be a list of gitignore-style patterns"),
        ({"extend-exclude": [""]}, "extend-exclude must be a list of gitignore-style patterns"),
        ({"respect-gitignore": "no"}, "respect-gitignore must be true or false"),
        ({"force-exclude": 1}, "force-exclude must be true or false"),
        ({"exclud": []}, "unknown key 'exclud' (did you mean 'exclude'?)"),
    ],
)
def test_bad_exclude_settings_name_the_key(data: dict[str, object], message: str) -> None:
    with pytest.raises(ConfigError, match=r"^\.k0slint\.yaml: ") as raised:
        parse(data, ".k0slint.yaml")
    assert str(raised.value).endswith(message)


def test_help_lists_the_options() -> None:
    text = build_parser().format_help()
    for option in ("--exclude PATTERNS", "--force-exclude", "--no-respect-gitignore"):
        assert option in text


@pytest.mark.parametrize(
    ("pattern", "path", "matches"),
    [
        # what the README and the tests have always written: the same meaning as before
        ("legacy/**", "legacy/k0s.yaml", True),
        ("legacy/**", "legacy/a/b/k0s.yaml", True),
        ("legacy/**", "other/legacy/k0s.yaml", False),
        ("legacy/**", "legacy.yaml", False),
        ("typos/**", "typos/k0s.yaml", True),
        ("*.yaml", "k0s.yaml", True),
        ("*.yaml", "clusters/prod/k0s.yaml", True),
        ("*.yaml", "k0s.yml", False),
        ("a/*", "a/k0s.yaml", True),
        ("a/*", "b/a/k0s.yaml", False),
        ("clusters/prod/k0s.yaml", "clusters/prod/k0s.yaml", True),
        ("clusters/*/k0s.yaml", "clusters/prod/k0s.yaml", True),
        # gitignore's folders, as exclude has them
        ("legacy/", "legacy/k0s.yaml", True),
        ("legacy/", "team/legacy/k0s.yaml", True),
        ("/legacy/", "team/legacy/k0s.yaml", False),
        ("**/k0s.yaml", "a/b/k0s.yaml", True),
    ],
)
def test_per_file_ignores_patterns(pattern: str, path: str, matches: bool) -> None:
    assert file_matches(path, pattern) is matches


def test_per_file_ignores_on_a_folder_pattern(tmp_path: Path) -> None:
    _tree(tmp_path, "legacy/k0s.yaml", "clusters/k0s.yaml", git=False)
    (tmp_path / ".k0slint.yaml").write_text('per-file-ignores:\n  "legacy/": [K0S110]\n')
    assert _linted(tmp_path, ".") == ["clusters/k0s.yaml"]


def test_show_settings_shows_the_exclude_settings(tmp_path: Path) -> None:
    _tree(tmp_path, "k0s.yaml", git=False)
    (tmp_path / ".k0slint.yaml").write_text('exclude: ["legacy/"]\nforce-exclude: true\n')
    shown = json.loads(k0slint("--show-settings", "k0s.yaml", cwd=tmp_path).stdout)
    assert {
        key: shown[key] for key in ("exclude", "extend-exclude", "respect-gitignore", "force-exclude")
    } == {
        "exclude": ["legacy/"],
        "extend-exclude": [],
        "respect-gitignore": True,
        "force-exclude": True,
    }
