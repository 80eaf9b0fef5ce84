"""Releases people can pin: the version is written once, every document that names a release
names this one, and the changelog keeps its form."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
import tomli
import yaml

from k0slint import __version__
from tests.helpers import ROOT

VERSION = re.compile(r"\d+\.\d+\.\d+")
# Where the README names a release of k0slint: pre-commit's rev, the action's @, the rule pages
# and the configuration schema at the tag, `pip download k0slint==`, the reports' tool version.
RELEASE_REFERENCES = [
    re.compile(r"^\s*rev: v(\S+)$", re.M),
    re.compile(r"uses: k0slint/k0slint@v(\S+)"),
    re.compile(r"k0slint/k0slint/blob/v([^/]+)/"),
    re.compile(r"raw\.githubusercontent\.com/k0slint/k0slint/v([^/]+)/"),
    re.compile(r"\bk0slint==(\S+)"),
    re.compile(r'"name": "k0slint", "version": "([^"]+)"'),
]


def test_the_version_is_written_in_one_place() -> None:
    assert VERSION.fullmatch(__version__)
    project = tomli.loads((ROOT / "pyproject.toml").read_text())
    assert "version" not in project["project"] and project["project"]["dynamic"] == ["version"]
    assert project["tool"]["setuptools"]["dynamic"]["version"] == {"attr": "k0slint.__version__"}
    code = [*ROOT.glob("k0slint/**/*.py"), *ROOT.glob("rules/**/*.py"), *ROOT.glob("k0slint/**/*.json")]
    code += [ROOT / "action.yml", ROOT / ".pre-commit-hooks.yaml", *ROOT.glob(".github/workflows/*.yml")]
    written = [path.relative_to(ROOT).as_posix() for path in code if f'"{__version__}"' in path.read_text()]
    assert written == ["k0slint/__init__.py"]


@pytest.mark.parametrize("pattern", RELEASE_REFERENCES, ids=lambda pattern: pattern.pattern[:30])
def test_the_readme_names_this_release(pattern: re.Pattern[str]) -> None:
    found = pattern.findall((ROOT / "README.md").read_text())
    assert found, f"the README no longer has {pattern.pattern!r}: update this test"
    assert set(found) == {__version__}, "RELEASING.md, step 3"


def test_the_rule_pages_link_to_their_release_only_through_the_code() -> None:
    pages = list((ROOT / "docs" / "rules").glob("K0S*.md"))
    assert pages
    assert not [page.name for page in pages if re.search(r"blob/v\d+\.\d+\.\d+", page.read_text())]


def test_the_changelog_keeps_a_changelog() -> None:
    text = (ROOT / "CHANGELOG.md").read_text()
    headings = re.findall(r"^## \[([^\]]+)\](?: - (\d{4}-\d{2}-\d{2}))?$", text, re.M)
    assert headings[0] == ("Unreleased", "")
    versions = [version for version, _ in headings[1:]]
    assert __version__ in versions, "RELEASING.md, step 4"
    assert all(VERSION.fullmatch(version) for version in versions)
    assert versions == sorted(versions, key=lambda v: tuple(map(int, v.split("."))), reverse=True)
    for version, _ in headings:
        assert re.search(rf"^\[{re.escape(version)}\]: https://github\.com/k0slint/k0slint/", text, re.M), (
            version
        )
    sections = set(re.findall(r"^### (\w+)$", text, re.M))
    assert sections <= {"Added", "Changed", "Deprecated", "Removed", "Fixed", "Security"}


def test_the_release_procedure_tags_what_pre_commit_and_the_action_pin() -> None:
    releasing = (ROOT / "RELEASING.md").read_text()
    assert "git tag -a vX.Y.Z" in releasing
    assert "k0slint/__init__.py" in releasing and "twine check --strict" in releasing
    release = (ROOT / ".github" / "workflows" / "release.yml").read_text()
    assert 'tags: ["v*.*.*"]' in release


def test_the_tag_check_of_the_release_workflow_reads_the_version() -> None:
    """The release workflow's one-liner that reads __version__ without importing k0slint."""
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "release.yml").read_text())
    step = next(
        s for s in workflow["jobs"]["build"]["steps"] if s.get("name", "").startswith("The tag names")
    )
    line = step["run"].splitlines()[0]
    script = re.search(r"python -c '([^']+)'", line)
    assert script is not None
    result = subprocess.run(
        [sys.executable, "-c", script.group(1)], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == __version__
