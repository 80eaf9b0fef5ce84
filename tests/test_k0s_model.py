"""k0slint's model of k0s's images against k0s's own test vectors and release boundaries."""

from __future__ import annotations

import textwrap

import pytest

from k0slint.k0s.effective import ConfigImages, forgiven_decode_error, network_provider, written_provider
from k0slint.k0s.references import k0s_host, normalise, override_repository
from k0slint.k0s.releases import Release, load
from k0slint.k0s.versions import parse_version
from k0slint.yaml.nodes import MappingNode
from k0slint.yaml.parse import parse_documents

RELEASES = load()


def release(version: str) -> Release:
    found, _ = RELEASES.resolve(parse_version(version))
    return found


def spec_of(text: str) -> MappingNode | None:
    (document,) = list(parse_documents(textwrap.dedent(text)))
    assert isinstance(document.root, MappingNode)
    spec = document.root.get("spec")
    return spec if isinstance(spec, MappingNode) else None


def images(version: str, text: str) -> ConfigImages:
    return ConfigImages(release(version), spec_of(text))


# TestOverrideFunction, pkg/apis/k0s/v1beta1/images_test.go (every tag for the first three;
# the path-style cases and the double application from v1.31.12/v1.32.8/v1.33.4/v1.34.1).
@pytest.mark.parametrize(
    ("repository", "image", "expected"),
    [
        ("my.registry", "repo/image", "my.registry/repo/image"),
        ("my.registry", "registry.com/repo/image", "my.registry/repo/image"),
        ("my.registry", "image", "my.registry/image"),
    ],
)
@pytest.mark.parametrize("prefix_check", [False, True])
def test_override_function_host_only(repository: str, image: str, expected: str, prefix_check: bool) -> None:
    assert override_repository(repository, image, prefix_check=prefix_check) == expected


@pytest.mark.parametrize(
    ("image", "expected"),
    [
        ("repo/image", "my.registry/foo/repo/image"),
        ("registry.com/repo/image", "my.registry/foo/repo/image"),
        ("image", "my.registry/foo/image"),
    ],
)
def test_override_function_path_style_is_idempotent_with_the_prefix_check(image: str, expected: str) -> None:
    once = override_repository("my.registry/foo", image, prefix_check=True)
    assert once == expected
    assert override_repository("my.registry/foo", once, prefix_check=True) == expected
    # Without the check (k0s #6230) the second pass doubles the path.
    doubled = override_repository("my.registry/foo", once, prefix_check=False)
    assert doubled == expected.replace("my.registry/foo", "my.registry/foo/foo", 1)


@pytest.mark.parametrize(
    ("image", "host"),
    [
        ("localhost/foo", "localhost"),
        ("localhost:5000/foo", "localhost:5000"),
        ("foo.bar/x", "foo.bar"),
        ("foo:5000/x", "foo:5000"),
        ("custom-repository/img", ""),
        ("nginx", ""),
    ],
)
def test_host_detection(image: str, host: str) -> None:
    assert k0s_host(image) == host


# TestImagesRepoOverrideInConfiguration: the default config with repository my.repo.
REPO_OVERRIDE_VECTORS = {
    "v1.26.0+k0s.0": {
        "images.konnectivity": "my.repo/k0sproject/apiserver-network-proxy-agent",
        "images.metricsserver": "my.repo/metrics-server/metrics-server",
        "images.kubeproxy": "my.repo/kube-proxy",
        "images.coredns": "my.repo/coredns/coredns",
        "images.calico.cni": "my.repo/calico/cni",
        "images.calico.node": "my.repo/calico/node",
        "images.calico.kubecontrollers": "my.repo/calico/kube-controllers",
        "images.kuberouter.cni": "my.repo/cloudnativelabs/kube-router",
        "images.kuberouter.cniInstaller": "my.repo/k0sproject/cni-node",
    },
    "v1.27.16+k0s.0": {
        "images.konnectivity": "my.repo/k0sproject/apiserver-network-proxy-agent",
        "images.calico.cni": "my.repo/k0sproject/calico-cni",
        "images.calico.kubecontrollers": "my.repo/k0sproject/calico-kube-controllers",
        "images.calico.node": "my.repo/k0sproject/calico-node",
        "images.kuberouter.cniInstaller": "my.repo/k0sproject/cni-node",
        "images.coredns": "my.repo/k0sproject/coredns",
        "images.kubeproxy": "my.repo/k0sproject/kube-proxy",
        "images.kuberouter.cni": "my.repo/k0sproject/kube-router",
        "images.metricsserver": "my.repo/k0sproject/metrics-server",
    },
}
REPO_OVERRIDE_VECTORS["v1.28.2+k0s.0"] = {
    **REPO_OVERRIDE_VECTORS["v1.27.16+k0s.0"],
    "images.metricsserver": "my.repo/metrics-server/metrics-server",
    "images.pause": "my.repo/pause",
}
REPO_OVERRIDE_VECTORS["v1.32.2+k0s.0"] = {
    **REPO_OVERRIDE_VECTORS["v1.28.2+k0s.0"],
    "images.pushgateway": "my.repo/k0sproject/pushgateway-ttl",
}
REPO_OVERRIDE_VECTORS["v1.36.3+k0s.2"] = {
    **REPO_OVERRIDE_VECTORS["v1.32.2+k0s.0"],
    "images.metricsserver": "my.repo/k0sproject/metrics-server",
    "images.pause": "my.repo/k0sproject/pause",
}


@pytest.mark.parametrize("tag", sorted(REPO_OVERRIDE_VECTORS))
def test_images_repo_override_in_configuration(tag: str) -> None:
    found = images(tag, "spec:\n  images:\n    repository: my.repo\n")
    defaults = release(tag).defaults
    for field, expected in REPO_OVERRIDE_VECTORS[tag].items():
        image = found.image(field)
        assert image.image == expected, field
        assert image.version == defaults[field].version


def test_custom_konnectivity_image_is_rewritten_too() -> None:
    for tag in REPO_OVERRIDE_VECTORS:
        image = images(
            tag,
            "spec:\n  images:\n    repository: my.repo\n    konnectivity:\n      image: my-custom-image\n",
        ).image("images.konnectivity")
        assert image.uri == f"my.repo/my-custom-image:{release(tag).defaults['images.konnectivity'].version}"


def test_cluster_images_customized_without_repository() -> None:
    found = images(
        "v1.36.3+k0s.2",
        """\
        spec:
          images:
            konnectivity:
              image: custom-repository/my-custom-konnectivity-image
              version: v0.0.1
            coredns:
              image: custom.io/coredns/coredns
              version: 1.0.0
        """,
    )
    assert found.image("images.konnectivity").uri == "custom-repository/my-custom-konnectivity-image:v0.0.1"
    assert found.image("images.coredns").uri == "custom.io/coredns/coredns:1.0.0"
    assert found.image("images.metricsserver").source == "default"


def test_nllb_images_follow_the_repository() -> None:
    for tag in ("v1.26.0+k0s.0", "v1.33.1+k0s.0", "v1.36.3+k0s.2"):
        found = images(tag, "spec:\n  images:\n    repository: example.com\n")
        assert "example.com/" in found.image("network.nodeLocalLoadBalancing.envoyProxy.image").image
    traefik = images("v1.36.1", "spec:\n  images:\n    repository: example.com\n")
    assert (
        traefik.image("network.nodeLocalLoadBalancing.traefik.image").image
        == "example.com/k0sproject/traefik"
    )


def test_empty_nllb_image_falls_back_to_default() -> None:
    found = images(
        "v1.36.3",
        "spec:\n  network:\n    nodeLocalLoadBalancing:\n      envoyProxy:\n        image: {image: '', version: ''}\n",
    )
    image = found.image("network.nodeLocalLoadBalancing.envoyProxy.image")
    assert image.uri == "quay.io/k0sproject/envoy-distroless:v1.39.0"


@pytest.mark.parametrize(
    ("last_affected", "first_fixed"),
    [
        ("v1.29.13+k0s.0", "v1.29.14+k0s.0"),
        ("v1.30.9+k0s.0", "v1.30.10+k0s.0"),
        ("v1.31.5+k0s.0", "v1.31.6+k0s.0"),
        ("v1.32.1+k0s.0", "v1.32.2+k0s.0"),
    ],
)
def test_pushgateway_boundaries(last_affected: str, first_fixed: str) -> None:
    config = "spec:\n  images:\n    repository: ghcr.io/mirantiscontainers\n"
    before = images(last_affected, config).image("images.pushgateway")
    after = images(first_fixed, config).image("images.pushgateway")
    assert before.image == "quay.io/k0sproject/pushgateway-ttl"
    assert (before.rewritten, before.skipped) == (False, "release")
    assert after.image == "ghcr.io/mirantiscontainers/k0sproject/pushgateway-ttl"
    assert after.rewritten


@pytest.mark.parametrize(
    ("without", "with_check"),
    [
        ("v1.31.11+k0s.0", "v1.31.12+k0s.0"),
        ("v1.32.7+k0s.0", "v1.32.8+k0s.0"),
        ("v1.33.3+k0s.0", "v1.33.4+k0s.0"),
        ("v1.30.14+k0s.0", "v1.34.1+k0s.0"),
    ],
)
def test_prefix_check_boundaries(without: str, with_check: str) -> None:
    doubled = (
        "spec:\n  images:\n    repository: registry.acme.io/mirror\n"
        "    coredns: {image: registry.acme.io/mirror/coredns}\n"
    )
    assert images(without, doubled).image("images.coredns").image == "registry.acme.io/mirror/mirror/coredns"
    assert images(with_check, doubled).image("images.coredns").image == "registry.acme.io/mirror/coredns"
    shadow = (
        "spec:\n  images:\n    repository: ghcr.io/acme\n    coredns: {image: ghcr.io/acmecorp/coredns}\n"
    )
    assert images(without, shadow).image("images.coredns").image == "ghcr.io/acme/acmecorp/coredns"
    after = images(with_check, shadow).image("images.coredns")
    assert (after.image, after.skipped) == ("ghcr.io/acmecorp/coredns", "prefix-check")


def test_partial_imagespecs_keep_the_other_default_half() -> None:
    found = images(
        "v1.32.5+k0s.1",
        "spec:\n  images:\n    coredns: {version: 9.9.9}\n    kubeproxy: {image: registry.acme.corp/kube-proxy}\n",
    )
    assert found.image("images.coredns").uri == "quay.io/k0sproject/coredns:9.9.9"
    assert found.image("images.kubeproxy").uri == "registry.acme.corp/kube-proxy:v1.32.5"


def test_field_names_match_ignoring_case_like_go_json() -> None:
    found = images(
        "v1.36.3", "spec:\n  Images:\n    Repository: my.repo\n    CoreDNS: {Image: custom/coredns}\n"
    )
    assert found.repository is not None and found.repository.value == "my.repo"
    assert found.image("images.coredns").image == "my.repo/custom/coredns"


def test_forgiven_decode_error_leaves_nllb_image_unrewritten() -> None:
    config = (
        "spec:\n  podSecurityPolicy: {defaultPolicy: x}\n  images:\n    repository: my.repo\n"
        "  network:\n    nodeLocalLoadBalancing: {enabled: true}\n"
    )
    found = images("v1.36.3", config)
    envoy = found.image("network.nodeLocalLoadBalancing.envoyProxy.image")
    assert (envoy.image, envoy.skipped) == ("quay.io/k0sproject/envoy-distroless", "forgiven-decode-error")
    assert found.image("images.coredns").image == "my.repo/k0sproject/coredns"


def test_hardcoded_images() -> None:
    assert [h.reference for h in images("1.27", "spec: {}\n").hardcoded()] == ["registry.k8s.io/pause:3.8"]
    openebs = images("1.30", "spec:\n  extensions:\n    storage: {type: openebs_local_storage}\n")
    assert [h.component for h in openebs.hardcoded()] == ["extensions.storage"]
    windows = images("1.32", "spec:\n  network: {provider: calico}\n")
    assert windows.hardcoded() == []
    assert len(windows.hardcoded(windows_workers=True)) == 3
    assert images("1.36", "spec:\n  network: {provider: calico}\n").hardcoded(windows_workers=True) == []


@pytest.mark.parametrize(
    ("reference", "registry", "path", "tag", "digest"),
    [
        ("nginx", "docker.io", "library/nginx", None, None),
        ("nginx:1.25", "docker.io", "library/nginx", "1.25", None),
        ("bitnami/nginx", "docker.io", "bitnami/nginx", None, None),
        ("index.docker.io/library/nginx", "docker.io", "library/nginx", None, None),
        ("localhost:5000/x:1@sha256:ab", "localhost:5000", "x", "1", "sha256:ab"),
        ("Registry.ACME.corp/team/app", "registry.acme.corp", "team/app", None, None),
    ],
)
def test_normalise(reference: str, registry: str, path: str, tag: str | None, digest: str | None) -> None:
    found = normalise(reference)
    assert (found.registry, found.path, found.tag, found.digest) == (registry, path, tag, digest)


def test_windows_workers_pull_calico_images_only_with_calico() -> None:
    default_provider = images("1.32", "spec: {}\n")
    assert default_provider.hardcoded(windows_workers=True) == []
    kuberouter = images("1.32", "spec:\n  network: {provider: kuberouter}\n")
    assert kuberouter.hardcoded(windows_workers=True) == []
    calico = images("1.32", "spec:\n  network: {provider: calico}\n")
    assert [item.component for item in calico.hardcoded(windows_workers=True)] == ["windows"] * 3
    assert calico.hardcoded(windows_workers=False) == []


def test_listed_not_pulled_says_why() -> None:
    (listed,) = images("1.28", "spec:\n  images:\n    repository: my.repo\n").listed_not_pulled()
    assert (listed.component, listed.reference) == ("pause", "registry.k8s.io/pause:3.8")
    assert listed.when == (
        "listed by k0s airgap list-images only: it prints the pause constant, the nodes pull "
        "images.pause (k0s #5456, fixed in v1.29.14, v1.30.10, v1.31.6, v1.32.2)"
    )
    assert images("1.28", "spec: {}\n").listed_not_pulled() == []
    assert images("1.32", "spec:\n  images:\n    repository: my.repo\n").listed_not_pulled() == []


def test_the_forgiven_field_is_named_and_located() -> None:
    spec = spec_of("spec:\n  images: {}\n  podSecurityPolicy: {defaultPolicy: x}\n")
    found = forgiven_decode_error(spec)
    assert found is not None
    assert found.name == "spec.podSecurityPolicy"
    assert (found.key_node.value, found.key_node.line) == ("podSecurityPolicy", 3)
    assert forgiven_decode_error(spec_of("spec:\n  images:\n    podSecurityPolicy: x\n")) is None
    assert forgiven_decode_error(None) is None


def test_the_properties_of_an_effective_image() -> None:
    found = images(
        "v1.36.3",
        "spec:\n  images:\n    repository: my.repo/{{ env }}\n    coredns: {version: '{{ v }}'}\n",
    )
    coredns = found.image("images.coredns")
    assert (coredns.uri, coredns.source, coredns.templated, coredns.component) == (
        "my.repo/{{ env }}/k0sproject/coredns:{{ v }}",
        "explicit",
        True,
        "coredns",
    )
    envoy = found.image("network.nodeLocalLoadBalancing.envoyProxy.image")
    assert (envoy.source, envoy.templated, envoy.component) == (
        "default",
        False,
        "nodeLocalLoadBalancing.envoyProxy",
    )
    assert found.image("images.calico.cni").component == "calico.cni"
    assert found.repository is not None
    assert (found.repository.templated, found.repository.usable, found.repository.has_path) == (
        True,
        False,
        True,
    )


@pytest.mark.parametrize(
    ("repository", "usable", "has_path"),
    [
        ("my.repo", True, False),
        ("my.repo/", False, False),
        ("my.repo/mirror/", False, True),
        ("my.repo/mirror", True, True),
        ("", False, False),
        ("https://my.repo", False, True),
    ],
)
def test_a_repository_is_usable_when_set_and_well_formed(
    repository: str, usable: bool, has_path: bool
) -> None:
    found = images("v1.36.3", f"spec:\n  images:\n    repository: '{repository}'\n").repository
    assert found is not None
    assert (found.usable, found.has_path, found.templated) == (usable, has_path, False)


def test_the_network_provider_defaults_to_kuberouter() -> None:
    assert network_provider(spec_of("spec: {}\n")) == "kuberouter"
    assert network_provider(spec_of("spec:\n  network: {provider: calico}\n")) == "calico"
    assert network_provider(spec_of("spec:\n  network: {provider: 1}\n")) == "kuberouter"
    assert written_provider(spec_of("spec:\n  network: {provider: custom}\n")) == "custom"
