"""k0slint against k0s's own Go code: the committed oracle verdicts (conformance/verdicts/,
recorded by conformance/record.py) must agree with k0slint, except for the deliberate
differences listed in conformance/differences.yaml, each of which must still happen."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from conformance import inputs
from conformance.classify import CLASSIFICATION
from conformance.compare import (
    SCOPES,
    Disagreement,
    TagResult,
    all_texts,
    compare_tags,
    default_differences,
    differences,
    unlisted,
    unused,
)
from conformance.oracle import REPO, committed_tags, read_verdicts, served_tags

CORPUS_ABSENT = f"{inputs.CORPUS} is absent (the shared folder beside the checkout)"


@pytest.fixture(scope="module")
def result() -> TagResult:
    texts, _ = all_texts(SCOPES)
    return compare_tags(committed_tags(), texts)


def _show(items: list[Disagreement]) -> str:
    return "\n".join(f"{i.scope} {i.tag} {i.key}: {i.kind} {i.subject}: {i.message}" for i in items[:40])


def _skip_absent(scope: str) -> None:
    if scope == "corpus" and not inputs.corpus_available():
        pytest.skip(CORPUS_ABSENT)


def test_every_rule_is_classified() -> None:
    command = [sys.executable, "-m", "k0slint", "--list-rules", "--format", "json"]
    out = subprocess.run(command, capture_output=True, text=True, check=True, cwd=REPO).stdout
    codes = {rule["code"] for rule in json.loads(out)}
    assert codes - set(CLASSIFICATION) == set(), "classify these in conformance/classify.py"
    assert set(CLASSIFICATION) - codes == set(), "these rules are gone"


def test_every_served_tag_has_verdicts() -> None:
    assert committed_tags() == served_tags()
    for tag in committed_tags():
        assert read_verdicts(tag)["build"]["tag"] == tag


def test_every_canonical_config_has_a_verdict() -> None:
    names = {item.key for item in inputs.canonical()}
    for tag in committed_tags():
        assert set(read_verdicts(tag)["canonical"]) == names, "run python -m conformance.record"


@pytest.mark.parametrize("scope", ["corpus", "docs"])
def test_recorded_inputs_are_current(result: TagResult, scope: str) -> None:
    _skip_absent(scope)
    if result.stale[scope]:
        pytest.skip(f"{result.stale[scope]} {scope} verdicts are for inputs that changed: re-record with Go")
    assert result.compared[scope] > 0


@pytest.mark.parametrize("scope", SCOPES)
def test_no_unlisted_disagreement(result: TagResult, scope: str) -> None:
    _skip_absent(scope)
    found = [item for item in result.disagreements if item.scope == scope]
    new = unlisted(found, differences())
    assert not new, (
        "k0s and k0slint disagree (list in conformance/differences.yaml only if deliberate):\n" + _show(new)
    )


def test_listed_differences_still_happen(result: TagResult) -> None:
    scopes = [scope for scope in SCOPES if scope != "corpus" or inputs.corpus_available()]
    gone = [
        entry for entry in unused(result.disagreements, differences(), scopes) if entry.scope != "campaign"
    ]
    assert not gone, "no longer happens; remove from conformance/differences.yaml:\n" + "\n".join(
        map(str, gone)
    )


@pytest.mark.parametrize("tag", committed_tags())
def test_default_images_match_release_data(tag: str) -> None:
    assert default_differences(tag) == []
