"""`--show-images` against the k0s facts in ../shared/k0s, tag by tag, computed independently."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from k0slint.cli.main import main
from tests.helpers import SHARED, expected_override, needs_shared

FACTS = SHARED / "k0s"


def _facts() -> tuple[dict[str, dict[str, dict[str, Any]]], dict[str, dict[str, Any]]]:
    """images.json (tag -> field -> default image) and override-semantics.json's per-tag facts."""
    images = json.loads((FACTS / "images.json").read_text())
    per_tag = json.loads((FACTS / "override-semantics.json").read_text())["per_tag"]
    return images, per_tag


@needs_shared
@pytest.mark.parametrize("repository", ["registry.acme.corp", "registry.acme.corp:5000/mirror"])
def test_every_tag_lists_exactly_its_fields(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], repository: str
) -> None:
    images, per_tag = _facts()
    config = tmp_path / "k0s.yaml"
    config.write_text(
        f"apiVersion: k0s.k0sproject.io/v1beta1\nspec:\n  images:\n    repository: {repository}\n"
    )
    assert len(images) == 147
    for tag, fields in images.items():
        assert main(["--show-images", "--format", "json", "--k0s-version", tag, str(config)]) == 0
        listed = json.loads(capsys.readouterr().out)["images"]
        facts = per_tag[tag]
        expected = {}
        for field, default in fields.items():
            rewritten = field in facts["rewritten"]
            image = (
                expected_override(
                    repository, str(default["image"]), bool(facts["hasprefix_idempotency_check"])
                )
                if rewritten
                else default["image"]
            )
            expected[field] = (f"{image}:{default['version']}", "default", rewritten)
        assert {
            entry["component"]: (entry["uri"], entry["source"], entry["rewritten"]) for entry in listed
        } == expected
        assert {entry["k0s_version"] for entry in listed} == {tag}


def test_text_listing_and_hardcoded_pause(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = tmp_path / "k0s.yaml"
    config.write_text(
        "apiVersion: k0s.k0sproject.io/v1beta1\nspec:\n  images:\n    repository: r.example.com\n"
        "    coredns: {image: docker.io/coredns/coredns, version: 1.10.1}\n"
    )
    assert main(["--show-images", "--k0s-version", "1.27", str(config)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == f"{config} (document 0, k0s v1.27.16+k0s.0):"
    assert out[1].split() == ["hardcoded", "pause", "registry.k8s.io/pause:3.8", *out[1].split()[3:]]
    coredns = next(line for line in out if "images.coredns" in line)
    assert coredns.split() == [
        "images.coredns",
        "r.example.com/coredns/coredns:1.10.1",
        "[explicit,",
        "rewritten]",
    ]
    pushgateway = next(line for line in out if "images.pushgateway" in line)
    assert "quay.io/k0sproject/pushgateway-ttl:1.4.0-k0s.0  [default]" in pushgateway


def test_json_entry_fields(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = tmp_path / "k0sctl.yaml"
    config.write_text(
        "apiVersion: k0sctl.k0sproject.io/v1beta1\nkind: Cluster\nspec:\n  k0s:\n    version: 1.32.1\n"
        "    config:\n      spec:\n        images:\n          repository: r.example.com\n"
        "          pushgateway: {version: 1.5.0}\n"
    )
    assert main(["--show-images", "--format", "json", str(config)]) == 0
    payload = json.loads(capsys.readouterr().out)
    entry = next(e for e in payload["images"] if e["component"] == "images.pushgateway")
    assert entry == {
        "file": str(config),
        "document": 0,
        "k0s_version": "v1.32.1+k0s.0",
        "component": "images.pushgateway",
        "uri": "quay.io/k0sproject/pushgateway-ttl:1.5.0",
        "source": "explicit",
        "rewritten": False,
        "line": 10,
        "column": 34,
        "in_repository": False,  # v1.32.1 leaves the pushgateway out of the repository (k0s #5455)
        "mirror_source": None,
    }
    (pause,) = payload["hardcoded"]  # list-images prints the pause constant before v1.32.2 (#5456)
    assert (pause["component"], pause["reference"]) == ("pause", "registry.k8s.io/pause:3.9")
    assert pause["when"].startswith("listed by k0s airgap list-images only")


@pytest.mark.parametrize(
    ("version", "listed"),
    [
        ("v1.28.4+k0s.0", ["registry.k8s.io/pause:3.8"]),
        ("v1.30.9+k0s.0", ["registry.k8s.io/pause:3.9"]),
        ("v1.30.10+k0s.0", []),
        ("v1.27.2+k0s.0", ["registry.k8s.io/pause:3.8"]),
    ],
)
def test_airgap_list_images_pause_constant_is_accounted_for(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], version: str, listed: list[str]
) -> None:
    """k0s's own GetImageURIs (conformance/, F2): up to v1.30.9 it prints the pause constant while
    nodes pull the rewritten images.pause; before v1.28.2 there is no images.pause at all."""
    config = tmp_path / "k0s.yaml"
    config.write_text(
        "apiVersion: k0s.k0sproject.io/v1beta1\nkind: ClusterConfig\nspec:\n  images:\n"
        "    repository: registry.example.com\n"
    )
    assert main(["--show-images", "--format", "json", "--k0s-version", version, str(config)]) == 0
    payload = json.loads(capsys.readouterr().out)
    pause = [entry["reference"] for entry in payload["hardcoded"] if entry["component"] == "pause"]
    assert pause == listed


@pytest.mark.parametrize(
    ("nllb", "envoy"),
    [("nodeLocalLoadBalancing: null", False), ("nodeLocalLoadBalancing: {envoyProxy: null}", True)],
)
def test_a_null_nllb_section_has_no_envoy_image(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], nllb: str, envoy: bool
) -> None:
    """k0s leaves a null nodeLocalLoadBalancing nil (no envoy image), but re-defaults a null
    envoyProxy (k0s's own code at v1.27.2 - v1.33.8: conformance/, F3)."""
    config = tmp_path / "k0s.yaml"
    config.write_text(
        "apiVersion: k0s.k0sproject.io/v1beta1\nkind: ClusterConfig\nspec:\n  images:\n"
        f"    repository: registry.example.com\n  network:\n    {nllb}\n"
    )
    assert main(["--show-images", "--format", "json", "--k0s-version", "1.33.8", str(config)]) == 0
    payload = json.loads(capsys.readouterr().out)
    components = {entry["component"] for entry in payload["images"]}
    assert ("network.nodeLocalLoadBalancing.envoyProxy.image" in components) is envoy
