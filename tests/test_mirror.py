"""`--show-images --format mirror`: the pairs a registry is filled with, release by release,
against the k0s facts in ../shared/k0s worked out independently; what is left out goes to stderr."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from k0slint.cli.main import main
from k0slint.k0s.releases import load
from tests.helpers import ROOT, SHARED, expected_override, k0slint, needs_shared

FACTS = SHARED / "k0s"
# k0s #5455: the last tag of each line that leaves the pushgateway out, and the fix.
BOUNDARIES = [
    ("v1.29.13+k0s.0", "v1.29.14+k0s.0"),
    ("v1.30.9+k0s.0", "v1.30.10+k0s.0"),
    ("v1.31.5+k0s.0", "v1.31.6+k0s.0"),
    ("v1.32.1+k0s.0", "v1.32.2+k0s.0"),
]
DIGEST = "sha256:" + "0123456789abcdef" * 4
PUSHGATEWAY = "quay.io/k0sproject/pushgateway-ttl"


def _config(folder: Path, images: str, name: str = "k0s.yaml") -> Path:
    path = folder / name
    path.write_text(f"apiVersion: k0s.k0sproject.io/v1beta1\nkind: ClusterConfig\nspec:\n  images:\n{images}")
    return path


def _plan(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, list[list[str]], str]:
    code = main(["--show-images", "--format", "mirror", *args])
    captured = capsys.readouterr()
    return code, [line.split(" ") for line in captured.out.splitlines()], captured.err


def _version(tag: str, field: str) -> str:
    return load().releases[tag].defaults[field].version


@needs_shared
@pytest.mark.parametrize("repository", ["registry.acme.corp", "registry.acme.corp:5000/mirror"])
def test_every_release_plans_exactly_what_it_rewrites(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], repository: str
) -> None:
    """All 147 releases: each field the release rewrites is copied from its default to the
    rewritten name; each one it does not (the #5455 boundaries) is reported as outside."""
    images = json.loads((FACTS / "images.json").read_text())
    per_tag = json.loads((FACTS / "override-semantics.json").read_text())["per_tag"]
    config = _config(tmp_path, f"    repository: {repository}\n")
    for tag, fields in images.items():
        facts = per_tag[tag]
        code, pairs, err = _plan(capsys, "--k0s-version", tag, str(config))
        assert code == 0, err
        expected = set()
        for field, default in fields.items():
            if field in facts["rewritten"]:
                target = expected_override(repository, default["image"], facts["hasprefix_idempotency_check"])
                expected.add((f"{default['image']}:{default['version']}", f"{target}:{default['version']}"))
            else:
                assert f"{default['image']}:{default['version']} ({field}, k0s {tag}: " in err
        assert {(source, target) for source, target in pairs} == expected, tag
        assert pairs == sorted(pairs)


@pytest.mark.parametrize(("before", "after"), BOUNDARIES)
def test_the_pushgateway_joins_the_plan_at_the_fix(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], before: str, after: str
) -> None:
    config = _config(tmp_path, "    repository: registry.acme.corp\n")
    version = _version(after, "images.pushgateway")
    pair = [f"{PUSHGATEWAY}:{version}", f"registry.acme.corp/k0sproject/pushgateway-ttl:{version}"]

    code, pairs, err = _plan(capsys, "--k0s-version", before, str(config))
    assert code == 0
    assert pair not in pairs
    assert "k0slint: pulled from outside spec.images.repository (not in the plan):\n" in err
    assert (
        f"{config}:5:17: {PUSHGATEWAY}:{version} (images.pushgateway, k0s {before}: this release does not "
        "rewrite it (k0s #5455, fixed by PR #5520))\n"
    ) in err

    code, pairs, err = _plan(capsys, "--k0s-version", after, str(config))
    assert code == 0
    assert pair in pairs
    assert "pushgateway" not in err and "outside" not in err
    pause = _version(after, "images.pause")
    assert [f"registry.k8s.io/pause:{pause}", f"registry.acme.corp/pause:{pause}"] in pairs


@pytest.mark.parametrize(
    ("tag", "target"),
    [
        # Before k0s's prefix check (PR #6243) a written image under a path-style repository is
        # prefixed again: k0s asks for the doubled path (k0s #6230), which is what gets filled.
        ("v1.31.11+k0s.0", "registry.acme.io/mirror/mirror/k0sproject/coredns"),
        ("v1.31.12+k0s.0", "registry.acme.io/mirror/k0sproject/coredns"),
    ],
)
def test_a_path_style_repository_k0s_doubles_is_copied_where_k0s_pulls(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], tag: str, target: str
) -> None:
    config = _config(
        tmp_path,
        "    repository: registry.acme.io/mirror\n    coredns: {image: registry.acme.io/mirror/k0sproject/coredns}\n",
    )
    version = _version(tag, "images.coredns")
    code, pairs, err = _plan(capsys, "--k0s-version", tag, str(config))
    assert code == 0, err
    assert [f"quay.io/k0sproject/coredns:{version}", f"{target}:{version}"] in pairs
    assert err == ""


def test_an_image_under_the_repository_k0s_does_not_make_of_the_default_has_no_known_source(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = _config(
        tmp_path,
        "    repository: registry.acme.io\n    coredns:\n      image: registry.acme.io/dns/coredns\n",
    )
    version = _version("v1.33.8+k0s.0", "images.coredns")
    code, pairs, err = _plan(capsys, "--k0s-version", "1.33.8", str(config))
    assert code == 1, "the plan is incomplete"
    assert all("coredns" not in target for _, target in pairs)
    assert err.startswith(
        f"{config}:7:14: no known public source for registry.acme.io/dns/coredns:{version} (images.coredns, "
        "k0s v1.33.8+k0s.1: the config writes registry.acme.io/dns/coredns under the repository, which is "
        "not what k0s makes of the default quay.io/k0sproject/coredns)\n"
    )
    assert main(["--show-images", "--format", "json", "--k0s-version", "1.33.8", str(config)]) == 0
    entries = {entry["component"]: entry for entry in json.loads(capsys.readouterr().out)["images"]}
    assert (entries["images.coredns"]["in_repository"], entries["images.coredns"]["mirror_source"]) == (
        True,
        None,
    )


def test_a_written_public_image_and_a_digest_are_kept(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = _config(
        tmp_path,
        "    repository: registry.acme.corp\n"
        "    coredns: {image: docker.io/coredns/coredns, version: 1.12.0}\n"
        f'    pushgateway: {{version: "1.4.0-k0s.0@{DIGEST}"}}\n',
    )
    code, pairs, _ = _plan(capsys, "--k0s-version", "v1.36.3+k0s.2", str(config))
    assert code == 0
    assert ["docker.io/coredns/coredns:1.12.0", "registry.acme.corp/coredns/coredns:1.12.0"] in pairs
    assert [
        f"{PUSHGATEWAY}:1.4.0-k0s.0@{DIGEST}",
        f"registry.acme.corp/k0sproject/pushgateway-ttl:1.4.0-k0s.0@{DIGEST}",
    ] in pairs


def test_pairs_are_deduplicated_across_files_and_sorted(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    one = _config(tmp_path, "    repository: registry.acme.corp\n", "a.k0s.yaml")
    shutil.copy(one, tmp_path / "b.k0s.yaml")
    _, alone, _ = _plan(capsys, "--k0s-version", "1.34", str(one))
    _, both, _ = _plan(capsys, "--k0s-version", "1.34", str(tmp_path))
    assert both == alone == sorted(alone)
    assert len(both) == len({tuple(pair) for pair in both}) == len(load().resolve_minor("1.34").fields)


def test_two_sources_for_one_target_plan_neither(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _config(
        tmp_path,
        "    repository: r.example.com\n    coredns: {image: docker.io/coredns/coredns}\n",
        "a.k0s.yaml",
    )
    _config(
        tmp_path,
        "    repository: r.example.com\n    coredns: {image: ghcr.io/coredns/coredns}\n",
        "b.k0s.yaml",
    )
    code, pairs, err = _plan(capsys, "--k0s-version", "1.34.1", str(tmp_path))
    assert code == 1
    assert all("coredns" not in target for _, target in pairs)
    assert (
        "k0slint: r.example.com/coredns/coredns:1.13.1 has more than one source, so none is planned: " in err
    )


def test_hardcoded_images_and_configs_without_repository_are_reported_apart(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _config(tmp_path, "    repository: registry.acme.corp\n", "a.k0s.yaml")
    _config(tmp_path, "    default_pull_policy: Always\n", "b.k0s.yaml")
    code, pairs, err = _plan(capsys, "--k0s-version", "1.27", str(tmp_path))
    assert code == 0 and pairs
    lines = err.splitlines()
    section = lines.index("k0slint: hard-coded in the release, pulled from there whatever the repository:")
    assert lines[section + 1].startswith(
        f"{tmp_path / 'a.k0s.yaml'}: registry.k8s.io/pause:3.8 (pause, k0s v1.27.16"
    )
    assert lines[-1] == (
        f"{tmp_path / 'b.k0s.yaml'}: spec.images.repository is not set: k0s pulls every image from its public registry"
    )


def test_json_says_where_each_image_comes_from(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = _config(tmp_path, "    repository: registry.acme.corp\n")
    assert main(["--show-images", "--format", "json", "--k0s-version", "1.32.1", str(config)]) == 0
    entries = {entry["component"]: entry for entry in json.loads(capsys.readouterr().out)["images"]}
    coredns = entries["images.coredns"]
    assert (coredns["in_repository"], coredns["mirror_source"]) == (True, "quay.io/k0sproject/coredns:1.12.0")
    assert coredns["uri"] == "registry.acme.corp/k0sproject/coredns:1.12.0"
    assert (
        entries["images.pushgateway"]["in_repository"],
        entries["images.pushgateway"]["mirror_source"],
    ) == (
        False,
        None,
    )


def test_the_plan_feeds_xargs_two_at_a_time(tmp_path: Path) -> None:
    """What the README pipes into `xargs -n2 crane copy`: every line two words, nothing else."""
    result = subprocess.run(
        [
            "sh",
            "-c",
            f'"{sys.executable}" -m k0slint --show-images --format mirror examples/ | xargs -n2 echo copy',
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    lines = result.stdout.splitlines()
    assert lines and all(line.startswith("copy ") and len(line.split()) == 3 for line in lines)


def test_the_readme_shows_what_goes_to_standard_error() -> None:
    readme = (ROOT / "README.md").read_text()
    section = readme.split("### Mirror plan: `--format mirror`")[1]
    command = re.search(r"```console\n\$ k0slint (.*?)\n", section)
    shown = re.search(r"```text\n(k0slint: .*?)```", section, re.S)
    assert command is not None and shown is not None
    result = k0slint(*command.group(1).split())
    assert result.returncode == 0
    assert result.stderr == shown.group(1)


def test_the_readmes_sed_for_skopeo_keeps_the_digest_alone() -> None:
    readme = (ROOT / "README.md").read_text()
    found = re.search(r"sed -E '([^']+)'", readme)
    assert found is not None
    pair = f"quay.io:5000/x:1.4.0-k0s.0@{DIGEST} r.example.com/m/x:1.4.0-k0s.0@{DIGEST} q.io/y:1 r.example.com/y:1\n"
    result = subprocess.run(
        ["sed", "-E", found.group(1)], input=pair, capture_output=True, text=True, check=True
    )
    assert result.stdout == f"quay.io:5000/x@{DIGEST} r.example.com/m/x@{DIGEST} q.io/y:1 r.example.com/y:1\n"


@pytest.mark.parametrize(
    ("tag", "planned"),
    [
        # k0s's string-prefix check (v1.31.12+) leaves ghcr.io/acmecorp/... outside ghcr.io/acme (K0S104).
        ("v1.31.12+k0s.0", False),
        ("v1.31.11+k0s.0", True),
    ],
)
def test_a_prefix_shadow_is_outside_from_the_prefix_check_on(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], tag: str, planned: bool
) -> None:
    config = _config(
        tmp_path, "    repository: ghcr.io/acme\n    coredns: {image: ghcr.io/acmecorp/coredns}\n"
    )
    version = _version(tag, "images.coredns")
    code, pairs, err = _plan(capsys, "--k0s-version", tag, str(config))
    assert code == 0
    pair = [f"ghcr.io/acmecorp/coredns:{version}", f"ghcr.io/acme/acmecorp/coredns:{version}"]
    assert (pair in pairs) is planned
    outside = f"{config}:6:22: ghcr.io/acmecorp/coredns:{version} (images.coredns, k0s {tag}: k0s's string-prefix check"
    assert (outside in err) is not planned


def test_a_forgiven_decode_error_leaves_the_envoy_image_outside(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "k0s.yaml"
    path.write_text(
        "apiVersion: k0s.k0sproject.io/v1beta1\nkind: ClusterConfig\nspec:\n  podSecurityPolicy: {}\n"
        "  images:\n    repository: registry.acme.corp\n"
    )
    code, pairs, err = _plan(capsys, "--k0s-version", "1.33.8", str(path))
    assert code == 0
    assert all("envoy" not in target for _, target in pairs)
    assert "quay.io/k0sproject/envoy-distroless" in err
    assert "spec.podSecurityPolicy stops k0s's decoding before it rewrites node-local load balancing" in err
