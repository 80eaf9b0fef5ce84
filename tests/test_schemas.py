"""schemas/: generated from k0s's CRDs, valid JSON Schema, one per minor, loaded lazily."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from jsonschema import Draft7Validator

from k0slint.k0s.releases import load
from k0slint.k0s.schema import all_minors, load_schema, minor_of, validator
from tests.helpers import ROOT, SHARED, needs_shared


@needs_shared
def test_committed_schemas_match_the_generator() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "gen_schemas.py"), "--shared", str(SHARED), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr


def test_sources_record_tag_and_hashes() -> None:
    import hashlib

    sources = json.loads((ROOT / "schemas" / "SOURCES.json").read_text())
    assert sorted(sources) == [f"k0s-{minor}.json" for minor in all_minors()]
    for name, entry in sources.items():
        assert entry["k0s_tag"].startswith("v" + name[4:-5] + ".")
        assert hashlib.sha256((ROOT / "schemas" / name).read_bytes()).hexdigest() == entry["schema_sha256"]


@pytest.mark.parametrize("minor", all_minors())
def test_each_schema_is_valid_draft7(minor: str) -> None:
    Draft7Validator.check_schema(load_schema(minor))


def test_every_release_has_a_schema_and_validators_are_built_once() -> None:
    minors = {minor_of(release) for release in load().releases.values()}
    assert minors == set(all_minors())
    assert validator("1.30") is validator("1.30")


def test_print_schema() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "k0slint", "--print-schema", "--k0s-version", "1.27.3"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert json.loads(result.stdout) == load_schema("1.27")


def test_jsonschema_is_imported_only_to_validate() -> None:
    code = "import sys; from k0slint.cli.main import main; main(['--list-rules']); print('jsonschema' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.splitlines()[-1] == "False"


def test_print_schema_names_a_bad_version_and_where_it_came_from(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from k0slint.cli.main import main

    monkeypatch.chdir(tmp_path)
    assert main(["--print-schema", "--k0s-version", "bogus"]) == 2
    assert "k0slint: error: --k0s-version: 'bogus' is not a k0s version" in capsys.readouterr().err
    (tmp_path / ".k0slint.yaml").write_text("k0s-version: nope\n")
    assert main(["--print-schema"]) == 2
    assert ".k0slint.yaml: k0s-version: 'nope' is not a k0s version" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("version", "minor", "note"),
    [
        (
            "2.0",
            "1.36",
            "--k0s-version: k0s v2.0 is newer than k0slint's data; checking as v1.36.3+k0s.2; "
            "printing the k0s 1.36 schema",
        ),
        (
            "1.25",
            "1.26",
            "--k0s-version: k0s v1.25 is older than k0slint's data; checking as v1.26.0+k0s.0; "
            "printing the k0s 1.26 schema",
        ),
        ("1.27.3", "1.27", None),
    ],
)
def test_print_schema_says_which_release_an_unknown_version_gets(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    version: str,
    minor: str,
    note: str | None,
) -> None:
    from k0slint.cli.main import main

    monkeypatch.chdir(tmp_path)
    assert main(["--print-schema", "--k0s-version", version]) == 0
    out, err = capsys.readouterr()
    assert json.loads(out) == load_schema(minor)
    assert err == (f"k0slint: note: {note}\n" if note else "")
    assert main(["--print-schema", "--k0s-version", version, "-q"]) == 0
    assert capsys.readouterr().err == ""
