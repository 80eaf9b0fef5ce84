"""Rule packs found through the entry-point group `k0slint.rules`, and every way one can be
unusable: each is exit 2 with one line naming the distribution."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from k0slint.cli.main import main
from k0slint.lint.rule_packs import RegistryError, load_packs

GOOD_RULE = """
from k0slint.api import Rule, Severity

class {name}(Rule):
    '''## What it does
    Nothing.'''
    code = "{code}"
    name = "{rule_name}"
    severity = Severity.WARNING
    summary = "A rule of a test pack"

RULES = ({name},)
"""


def install_pack(site: Path, distribution: str, prefix: str, source: str, module: str | None = None) -> None:
    """A distribution on `site` (a sys.path entry) with one `k0slint.rules` entry point."""
    module = module or distribution.replace("-", "_")
    (site / f"{module}.py").write_text(textwrap.dedent(source))
    info = site / f"{module}-0.1.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {distribution}\nVersion: 0.1\n")
    (info / "entry_points.txt").write_text(f"[k0slint.rules]\n{prefix} = {module}:RULES\n")


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "site"
    folder.mkdir()
    monkeypatch.syspath_prepend(str(folder))
    return folder


def _rule(code: str, rule_name: str, name: str = "PackRule") -> str:
    return GOOD_RULE.format(code=code, rule_name=rule_name, name=name)


def test_a_pack_is_loaded_with_its_prefix(site: Path) -> None:
    install_pack(site, "k0slint-acme", "ACME", _rule("ACME001", "acme-rule"))
    packs = {pack.prefix: pack for pack in load_packs()}
    assert packs["ACME"].distribution == "k0slint-acme"
    assert [rule.code for rule in packs["ACME"].rules] == ["ACME001"]
    assert "K0S" in packs


@pytest.mark.parametrize(
    ("distribution", "prefix", "source", "message"),
    [
        (
            "k0slint-broken",
            "BRK",
            "raise ImportError('no module named acme_internal')",
            "rule pack 'k0slint-broken' failed to import: no module named acme_internal",
        ),
        (
            "k0slint-sneaky",
            "K0S",
            _rule("K0S900", "sneaky"),
            "rule pack 'k0slint-sneaky' uses the reserved prefix K0S",
        ),
        (
            "k0slint-prefix",
            "PFX",
            _rule("XYZ001", "wrong-prefix"),
            "rule pack 'k0slint-prefix': rule XYZ001 does not start with its prefix PFX",
        ),
        (
            "k0slint-notrule",
            "NTR",
            "RULES = (object,)",
            "rule pack 'k0slint-notrule': <class 'object'> is not a k0slint Rule class",
        ),
        (
            "k0slint-notseq",
            "NSQ",
            "RULES = 42",
            "rule pack 'k0slint-notseq': k0slint_notseq:RULES is not a sequence of rules",
        ),
        (
            "k0slint-dupname",
            "DUP",
            _rule("DUP001", "image-outside-repository"),
            "rule pack 'k0slint-dupname': image-outside-repository is already defined by 'k0slint'",
        ),
    ],
)
def test_an_unusable_pack_is_exit_2_naming_it(
    site: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    distribution: str,
    prefix: str,
    source: str,
    message: str,
) -> None:
    install_pack(site, distribution, prefix, source)
    with pytest.raises(RegistryError, match="^" + message.replace("(", r"\(").replace(")", r"\)")):
        load_packs()
    (tmp_path / "k0s.yaml").write_text("apiVersion: k0s.k0sproject.io/v1beta1\nkind: ClusterConfig\n")
    assert main([str(tmp_path / "k0s.yaml")]) == 2
    assert main(["--list-rules"]) == 2
    err = capsys.readouterr().err
    assert err.splitlines()[0] == f"k0slint: error: {message}"


def test_two_packs_with_one_prefix_clash(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    install_pack(site, "k0slint-one", "TWO", _rule("TWO001", "one"))
    install_pack(site, "k0slint-two", "TWO", _rule("TWO002", "two"))
    assert main(["--list-rules"]) == 2
    assert capsys.readouterr().err == (
        "k0slint: error: rule packs 'k0slint-one' and 'k0slint-two' both use prefix TWO\n"
    )


@pytest.mark.parametrize("group", ["k0slint.rules", "console_scripts", "pytest11"])
def test_entry_points_agree_with_importlib_metadata(site: Path, group: str) -> None:
    from importlib import metadata

    from k0slint.lint.entry_points import entry_points, normalise

    install_pack(site, "k0slint-acme", "ACME", _rule("ACME001", "acme-rule"))
    ours = {(e.name, e.value, normalise(e.distribution)) for e in entry_points(group)}
    theirs = {
        (e.name, e.value, normalise(e.dist.name if e.dist else ""))
        for e in metadata.entry_points(group=group)
    }
    assert ours == theirs
    assert ours or group == "pytest11"


def test_a_zip_on_sys_path_falls_back_to_importlib_metadata(
    site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import zipfile

    from k0slint.lint.entry_points import entry_points

    archive = tmp_path / "pack.zip"
    with zipfile.ZipFile(archive, "w") as bundle:
        bundle.writestr("zipped_pack.py", _rule("ZIP001", "zipped"))
        bundle.writestr(
            "zipped_pack-0.1.dist-info/METADATA", "Metadata-Version: 2.1\nName: zipped-pack\nVersion: 0.1\n"
        )
        bundle.writestr(
            "zipped_pack-0.1.dist-info/entry_points.txt", "[k0slint.rules]\nZIP = zipped_pack:RULES\n"
        )
    monkeypatch.syspath_prepend(str(archive))
    assert [(e.name, e.distribution) for e in entry_points("k0slint.rules") if e.name == "ZIP"] == [
        ("ZIP", "zipped-pack")
    ]
    assert [rule.code for rule in next(p for p in load_packs() if p.prefix == "ZIP").rules] == ["ZIP001"]
