"""Every real-world config of ../shared/corpus/real goes through k0slint without a traceback."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from k0slint.k0s.releases import load
from k0slint.lint.linter import Linter
from k0slint.lint.rule_packs import all_rules, load_packs
from k0slint.yaml.parse import YamlError, parse_documents
from k0slint.yaml.source import SourceError, decode
from tests.helpers import CORPUS, corpus_files, k0slint, needs_shared, node_shape

pytestmark = needs_shared


@pytest.fixture(scope="module")
def linter() -> Linter:
    return Linter([rule() for rule in all_rules(load_packs())], load(), None)


@pytest.mark.parametrize("path", corpus_files(), ids=lambda path: path.name)
def test_lints_without_internal_error(linter: Linter, path: Path) -> None:
    result = linter.lint_bytes(path.name, path.read_bytes())
    assert result.error is None
    for finding in result.findings:
        assert finding.line >= 1 and finding.column >= 1
        assert (finding.end_line, finding.end_column) >= (finding.line, finding.column)


@pytest.mark.parametrize("path", corpus_files(), ids=lambda path: path.name)
def test_pure_and_libyaml_composers_agree(path: Path) -> None:
    try:
        text = decode(path.name, path.read_bytes()).text
        expected = node_shape(text, pure=False)
    except (SourceError, YamlError):
        with pytest.raises((SourceError, YamlError)):
            node_shape(decode(path.name, path.read_bytes()).text, pure=True)
        return
    assert node_shape(text, pure=True) == expected


def test_whole_corpus_through_the_cli() -> None:
    files = [str(path) for path in corpus_files()]
    run = k0slint("--format", "json", *files)
    assert run.returncode in (0, 1), run.stderr
    assert "Traceback" not in run.stderr
    report = json.loads(run.stdout)
    assert report["summary"]["files"] == len(files)
    assert report["errors"] == []
    # Every file SOURCES.tsv calls a k0s, k0sctl or k0smotron config is recognised, skipped
    # as a template, or reported as invalid YAML; none is silently dropped.
    kinds = {}
    for row in (CORPUS / "SOURCES.tsv").read_text().splitlines()[1:]:
        name, _repo, _path, _commit, _licence, kind = row.split("\t")
        kinds[name] = kind
    skipped = {Path(s["file"]).name for s in report["skipped"]}
    skipped |= {Path(f["file"]).name for f in report["findings"] if f["code"] == "K0S001"}
    linter_configs = _configs_per_file(files)
    for name, kind in kinds.items():
        if kind in ("clusterconfig", "k0sctl", "k0smotron"):
            assert linter_configs.get(name) or name in skipped, f"{name} ({kind}) was not recognised"


def _configs_per_file(files: list[str]) -> dict[str, int]:
    linter = Linter([], load(), None)
    out = {}
    for file in files:
        result = linter.lint_bytes(file, Path(file).read_bytes())
        out[Path(file).name] = len(result.configs)
    return out


def test_yaml_errors_in_corpus_are_real() -> None:
    broken = []
    for path in corpus_files():
        if not path.name.endswith((".yaml", ".yml")):
            continue
        try:
            list(parse_documents(decode(path.name, path.read_bytes()).text))
        except YamlError:
            broken.append(path.name)
        except SourceError:
            continue
    assert broken, "the corpus holds at least one real syntax error"


def test_corpus_findings_are_the_reviewed_ones() -> None:
    """Every finding on the real corpus (each file at its own k0s version) was judged by hand;
    the list lives in tests/golden/corpus-findings.txt. A change here needs a new review."""
    files = [str(path) for path in corpus_files()]
    run = k0slint("--format", "json", *files, cwd=CORPUS)
    found = [
        f"{Path(f['file']).name}:{f['line']}:{f['column']}: {f['code']} {f['severity']}"
        for f in json.loads(run.stdout)["findings"]
    ]
    reviewed = (Path(__file__).parent / "golden" / "corpus-findings.txt").read_text().splitlines()
    assert found == reviewed
