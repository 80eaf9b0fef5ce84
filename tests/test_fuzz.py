"""Fuzzing, bounded for CI: generated k0s/k0sctl files and damaged real configs never crash
k0slint, its findings lie inside the file, and --fix is idempotent and changes only what it targets.

Longer campaigns with the same generators: benchmarks/fuzz_campaign.py.
"""

from __future__ import annotations

import contextlib
import io

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from k0slint.cli.main import main
from tests.fuzzing import check, configs, mutations
from tests.helpers import NEEDS_FIX, corpus_files, needs_shared

FAST = settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck), database=None)
FILES = corpus_files()


@pytest.mark.slow
@FAST
@given(config=configs(), unsafe=st.booleans())
def test_generated_configs(config: tuple[str, bytes], unsafe: bool) -> None:
    name, data = config
    assert check(name, data, unsafe=unsafe) == []


@needs_shared
@FAST
@given(mutated=mutations(FILES) if FILES else st.nothing())
def test_mutated_real_configs(mutated: tuple[str, bytes]) -> None:
    name, data = mutated
    assert check(name, data) == []


@settings(max_examples=20, deadline=None, suppress_health_check=list(HealthCheck), database=None)
@given(config=configs())
def test_cli_on_generated_configs(
    config: tuple[str, bytes], tmp_path_factory: pytest.TempPathFactory
) -> None:
    name, data = config
    folder = tmp_path_factory.mktemp("cli")
    target = folder / name
    target.write_bytes(data)
    for argv in ([str(target)], ["--format", "sarif", str(target)], ["--fix", str(target)]):
        code, errors = _run(argv)
        assert code in (0, 1, 2)
        assert "internal error" not in errors and "Traceback" not in errors, errors
    _, errors = _run(["--fix", str(target)])
    assert "Fixed" not in errors, "a second --fix found more to fix"


def _run(argv: list[str]) -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(argv)
    return code, err.getvalue()


def test_check_catches_a_crashing_rule(monkeypatch: pytest.MonkeyPatch) -> None:
    """The invariants are not vacuous: a rule that raises is reported."""
    from tests import fuzzing

    rule = next(rule for rule in fuzzing.LINTER.rules if rule.code == "K0S110")

    def crash(*args: object, **kwargs: object) -> None:
        raise ZeroDivisionError("boom")

    monkeypatch.setattr(rule, "check", crash)
    text = b"apiVersion: k0s.k0sproject.io/v1beta1\nkind: ClusterConfig\nspec:\n  images: {}\n"
    assert any("boom" in problem for problem in check("k0s.yaml", text))


def test_check_catches_values_changed_outside_the_fix() -> None:
    from tests.fuzzing import _covered, _differences

    before = {"spec": {"images": {"coredns": {"image": "a"}, "repository": "r"}}}
    after = {"spec": {"images": {"coredns": {"image": "b"}, "repository": "s"}}}
    changed = _differences(before, after, ())
    edited = [("spec", "images", "coredns", "image")]
    assert [path for path in changed if not _covered(path, edited)] == [("spec", "images", "repository")]


def test_duplicated_wrong_case_key_does_not_block_other_fixes() -> None:
    """Found by fuzzing: renaming one of two `KINE` keys failed verification, so no fix applied."""
    from k0slint.lint.fixing import fix_file
    from tests.fuzzing import LINTER

    text = NEEDS_FIX + "  storage:\n    KINE: {dataSource: x}\n    type: etcd\n    KINE: {dataSource: x}\n"
    fixed = fix_file(LINTER, "k0s.yaml", text.encode(), explicit=True, unsafe=False)
    assert fixed.error is None
    assert [f.code for f in fixed.applied] == ["K0S110"]
    assert check("k0s.yaml", text.encode()) == []


def test_fix_with_a_broken_later_document_is_refused_not_crashed(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    """Found by fuzzing: verify parsed the whole original text and let YamlError escape."""
    text = NEEDS_FIX + "---\napiVersion: v1\nkind\nmetadata: x\n"
    target = tmp_path_factory.mktemp("broken") / "k0s.yaml"
    target.write_text(text)
    code, errors = _run(["--fix", str(target)])
    assert code == 2
    assert "internal error" not in errors
    assert "fixes not applied (K0S110): the file is not valid YAML (11:1" in errors
    assert target.read_text() == text
    assert check("k0s.yaml", text.encode()) == []


@pytest.mark.parametrize("brk", ["\x85", "\u2028", "\u2029"])
def test_lines_are_counted_as_yaml_1_1_counts_them(brk: str) -> None:
    """NEL, LS and PS end a line in YAML 1.1 (libyaml, and k0s's yaml.v2): positions count them,
    as the README says, so later findings are one line further than a count of LF alone."""
    from tests.fuzzing import LINTER

    text = NEEDS_FIX.replace("spec:\n", f'metadata:\n  name: "a{brk}b"\nspec:\n')
    (finding,) = [f for f in LINTER.lint_text("k0s.yaml", text).findings if f.code == "K0S110"]
    assert (finding.line, finding.column) == (10, 14)
