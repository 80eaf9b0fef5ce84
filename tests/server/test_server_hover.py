"""Hovers of `k0slint server`: what k0s pulls for an image field, and a finding's rule."""

from __future__ import annotations

from pathlib import Path

from lsprotocol import types

from tests.server.lsp import ROOT, Session

K0S_YAML = """\
apiVersion: k0s.k0sproject.io/v1beta1
kind: ClusterConfig
spec:
  images:
    repository: registry.acme.corp
    coredns:
      version: 1.12.0
    metricsserver:
      image: registry.acme.corp/k0sproject/metrics-server
"""


def test_hover_on_an_image_pinned_by_a_k0sctl_file(session: Session, folder: Path) -> None:
    text = (ROOT / "examples" / "k0sctl.yaml").read_text()
    uri = session.open(folder / "k0sctl.yaml", text)
    session.diagnostics(uri, 1)
    shown = session.hover(uri, 29, 24)  # `image: quay.io/k0sproject/pushgateway-ttl`
    assert shown is not None
    image, finding = shown.split("\n\n---\n\n")
    assert image.splitlines()[0] == (
        "**k0s pulls** `quay.io/k0sproject/pushgateway-ttl:1.4.0-k0s.0` for `spec.images.pushgateway`"
    )
    assert (
        "- `spec.images.repository` (`ghcr.io/mirantiscontainers`) does not rewrite it: "
        "k0s v1.32.1+k0s.0 does not rewrite this field"
    ) in image
    assert f"- k0s **v1.32.1+k0s.0**: the version the file pins at {folder / 'k0sctl.yaml'}:20:14" in image
    assert finding.startswith(
        "**K0S101 image-outside-repository** (error): image quay.io/k0sproject/pushgateway-ttl"
    )
    assert "## What it does" in finding
    assert finding.endswith("docs/rules/K0S101.md)")


def test_hover_on_a_default_image_and_on_the_repository(session: Session, folder: Path) -> None:
    uri = session.open(folder / "k0s.yaml", K0S_YAML)
    session.diagnostics(uri, 1)
    coredns = session.hover(uri, 5, 6)  # the key `coredns`: the image is the release's default
    assert coredns is not None
    assert coredns.startswith(
        "**k0s pulls** `registry.acme.corp/k0sproject/coredns:1.12.0` for `spec.images.coredns`"
    )
    assert (
        "- image `quay.io/k0sproject/coredns` (the release's default), version `1.12.0` (written in the file)"
        in coredns
    )
    assert "- `spec.images.repository` (`registry.acme.corp`) rewrites it" in coredns
    assert "**: the newest known release" in coredns
    repository = session.hover(uri, 4, 20)
    assert repository is not None
    assert repository.startswith("**`spec.images.repository`** rewrites ")
    assert session.hover(uri, 1, 2) is None  # `kind`: nothing to say


def test_hover_says_which_setting_chose_the_release(session: Session, folder: Path) -> None:
    team = folder / "team"
    team.mkdir()
    (team / ".k0slint.yaml").write_text("k0s-version: 1.30.2\n")
    uri = session.open(team / "k0s.yaml", K0S_YAML)
    session.diagnostics(uri, 1)
    shown = session.hover(uri, 5, 6)
    assert shown is not None
    assert f"**: {team / '.k0slint.yaml'}: k0s-version" in shown
    assert "k0s **v1.30.2" in shown
    session.notify(
        types.WORKSPACE_DID_CHANGE_CONFIGURATION,
        types.DidChangeConfigurationParams(settings={"k0s-version": "1.31.1"}),
    )
    shown = session.hover(uri, 5, 6)
    assert shown is not None
    assert "k0s **v1.31.1" in shown
    assert "**: the editor's k0s-version setting" in shown
    session.notify(types.WORKSPACE_DID_CHANGE_CONFIGURATION, types.DidChangeConfigurationParams(settings={}))


def test_no_hover_in_other_yaml(session: Session, folder: Path) -> None:
    uri = session.open(folder / "deploy.yaml", "apiVersion: apps/v1\nkind: Deployment\n")
    assert session.hover(uri, 0, 3) is None


NLLB_YAML = """\
apiVersion: k0s.k0sproject.io/v1beta1
kind: ClusterConfig
spec:
  images:
    repository: registry.acme.corp
  network:
    nodeLocalLoadBalancing:
      enabled: true
      envoyProxy:
        image:
          image: quay.io/k0sproject/envoy-distroless
          version: v1.31.5
"""


def test_hover_on_a_node_local_load_balancing_image_and_its_version(session: Session, folder: Path) -> None:
    uri = session.open(folder / "nllb.yaml", NLLB_YAML)
    session.diagnostics(uri, 1)
    field = "`spec.network.nodeLocalLoadBalancing.envoyProxy.image`"
    on_version = session.hover(uri, 11, 20)
    assert on_version is not None
    assert on_version.startswith(
        f"**k0s pulls** `registry.acme.corp/k0sproject/envoy-distroless:v1.31.5` for {field}"
    )
    assert "version `v1.31.5` (written in the file)" in on_version
    on_key = session.hover(uri, 9, 9)  # the key `image:` above them
    assert on_key is not None
    assert on_key.split("\n")[0] == on_version.split("\n")[0]
