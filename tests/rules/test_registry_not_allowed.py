from __future__ import annotations

import pytest

from k0slint.rules.registry_not_allowed import RegistryNotAllowed, allowed_prefixes, is_allowed
from k0slint.testing import Invalid, Valid, assert_invalid, assert_valid

RULE = RegistryNotAllowed
ALLOWED = {"allowed-registries": ["registry.acme.corp"]}
MIRRORED = """\
apiVersion: k0s.k0sproject.io/v1beta1
kind: ClusterConfig
spec:
  images:
    repository: registry.acme.corp
"""

VALID = [
    Valid(MIRRORED, options=ALLOWED),
    Valid(MIRRORED, options=ALLOWED, k0s_version="v1.32.2"),
    # The option is empty: the rule is off.
    Valid("apiVersion: k0s.k0sproject.io/v1beta1\nspec: {}\n"),
    Valid(
        """\
        apiVersion: k0s.k0sproject.io/v1beta1
        spec:
          images:
            coredns: {image: registry.acme.corp/coredns/coredns}
        """,
        options={
            "allowed-registries": ["registry.acme.corp", "quay.io/k0sproject", "registry.k8s.io", "docker.io"]
        },
    ),
]

PLAIN = """\
apiVersion: k0s.k0sproject.io/v1beta1
kind: ClusterConfig
spec:
  api: {}
"""
ALL = {**ALLOWED, "judge": "all"}
PUSHGATEWAY_DOCKER_HUB = """\
apiVersion: k0s.k0sproject.io/v1beta1
spec:
  images:
    repository: registry.acme.corp
    pushgateway:
      image: docker.io/prom/pushgateway
"""


def k0sctl(config: str, *, version: str = "v1.36.3+k0s.2", hosts: str = "") -> str:
    return (
        "apiVersion: k0sctl.k0sproject.io/v1beta1\nkind: Cluster\nspec:\n  hosts:\n"
        f"  - role: controller\n{hosts}  k0s:\n    version: {version}\n    config:\n      spec:\n"
        + "".join(f"        {line}\n" for line in config.splitlines())
    )


# What k0s pulls for a config decides (pkg/airgap/images.go GetImageURIs without --all,
# v1.36.1+k0s.0 - v1.36.3+k0s.2): not the other provider, not Windows, not an NLLB that is off,
# not the pushgateway without --enable-metrics-scraper.
VALID += [
    Valid(
        """\
        apiVersion: k0s.k0sproject.io/v1beta1
        spec:
          images:
            repository: registry.acme.corp
            calico:
              cni: {image: quay.io/k0sproject/calico-cni}
            windows:
              pause: {image: registry.k8s.io/pause}
          network:
            nodeLocalLoadBalancing:
              enabled: false
              envoyProxy: {image: {image: docker.io/envoyproxy/envoy-distroless}}
        """,
        options=ALLOWED,
    ),
    Valid(MIRRORED, options=ALLOWED, k0s_version="v1.32.1"),
    Valid(PUSHGATEWAY_DOCKER_HUB, options=ALLOWED, k0s_version="v1.31.5"),
]

INVALID = [
    # Without a repository every default image k0s pulls comes from its public registry.
    Invalid(
        PLAIN,
        at=[(3, 1)],
        options=ALLOWED,
        message=(
            "k0s v1.36.3+k0s.2 pulls 7 image(s) from registries not in allowed-registries (registry.acme.corp): "
            "pulled in every cluster: quay.io/k0sproject/coredns:1.14.6-k0s.0, "
            "quay.io/k0sproject/apiserver-network-proxy-agent:v0.36.0-k0s.0, quay.io/k0sproject/kube-proxy:v1.36.3-1, "
            "quay.io/k0sproject/metrics-server:v0.9.0-k0s.0, quay.io/k0sproject/pause:3.10.2-0; "
            "pulled because spec.network.provider is kuberouter (the default): "
            "quay.io/k0sproject/kube-router:v2.10.0-iptables1.8.13-k0s.1, quay.io/k0sproject/cni-node:v1.9.1-k0s.1"
        ),
    ),
    # judge: all - every image of the release, as list-images --all.
    Invalid(
        PLAIN,
        at=[(3, 1)],
        options=ALL,
        message="pulls 17 image(s) from registries not in allowed-registries",
    ),
    Invalid(
        PLAIN,
        at=[(3, 1)],
        options=ALL,
        message="; not pulled by this config, judged because judge is all: quay.io/k0sproject/calico-cni:v3.32.1-2",
    ),
    # v1.32.1 does not redirect the pushgateway, which controllers with the metrics scraper pull.
    Invalid(
        k0sctl(
            "images:\n  repository: registry.acme.corp",
            version="v1.32.1+k0s.0",
            hosts="    installFlags: [--enable-metrics-scraper]\n",
        ),
        at=[(12, 23)],
        options=ALLOWED,
        filename="k0sctl.yaml",
        message=(
            "pulled because controllers run with --enable-metrics-scraper: "
            "quay.io/k0sproject/pushgateway-ttl:1.4.0-k0s.0"
        ),
    ),
    Invalid(
        MIRRORED, at=[(5, 17)], options=ALL, k0s_version="v1.32.1", message="pushgateway-ttl:1.4.0-k0s.0"
    ),
    # 1.27: the pause image is not configurable at all, and every worker pulls it.
    Invalid(
        MIRRORED,
        at=[(5, 17)],
        options=ALLOWED,
        k0s_version="1.27.16",
        message="pulled in every cluster: registry.k8s.io/pause:3.8 (pause, not configurable)",
    ),
    Invalid(
        PUSHGATEWAY_DOCKER_HUB,
        at=[(4, 17), (6, 14)],
        k0s_version="v1.31.5",
        options=ALL,
        message=(
            "k0s v1.31.5 pulls docker.io/prom/pushgateway:1.4.0-k0s.0 from docker.io, which is not in "
            "allowed-registries (registry.acme.corp); not pulled by this config, judged because judge is all"
        ),
    ),
    # The provider in use, an enabled NLLB backend and Windows workers pull their images.
    Invalid(
        """\
        apiVersion: k0s.k0sproject.io/v1beta1
        spec:
          images:
            calico:
              cni: {image: quay.io/k0sproject/calico-cni}
          network:
            provider: calico
        """,
        at=[(3, 3), (4, 5), (5, 20)],
        options={"allowed-registries": ["registry.acme.corp", "registry.k8s.io"]},
        message="pulls quay.io/k0sproject/calico-cni:v3.32.1-2 from quay.io, which is not in allowed-registries "
        "(registry.acme.corp, registry.k8s.io); pulled because spec.network.provider is calico",
    ),
    Invalid(
        """\
        apiVersion: k0s.k0sproject.io/v1beta1
        spec:
          network:
            nodeLocalLoadBalancing:
              enabled: true
              type: Traefik
              traefik: {image: {image: docker.io/library/traefik}}
        """,
        at=[(7, 32)],
        options={"allowed-registries": ["registry.acme.corp", "quay.io"]},
        message="pulled because spec.network.nodeLocalLoadBalancing is enabled with type Traefik",
    ),
    Invalid(
        k0sctl(
            "network:\n  provider: calico",
            hosts="  - role: worker\n    os: windows\n",
        ),
        at=[(11, 7)],
        options={"allowed-registries": ["quay.io"]},
        filename="k0sctl.yaml",
        message=(
            "pulled because the cluster has Windows workers and spec.network.provider is calico: "
            "docker.io/calico/cni-windows:v3.32.1, docker.io/calico/node-windows:v3.32.1; pulled because the "
            "cluster has Windows workers: docker.io/sigwindowstools/kube-proxy:v1.36.3-calico-hostprocess, "
            "registry.k8s.io/pause:3.10.1"
        ),
    ),
]


@pytest.mark.parametrize("case", VALID)
def test_valid(case: Valid) -> None:
    assert_valid(RULE, case)


@pytest.mark.parametrize("case", INVALID)
def test_invalid(case: Invalid) -> None:
    assert_invalid(RULE, case)


@pytest.mark.parametrize(
    ("reference", "allowed", "verdict"),
    [
        ("nginx", ["docker.io"], True),
        ("nginx", ["docker.io/library"], True),
        ("bitnami/nginx", ["docker.io/library"], False),
        ("index.docker.io/library/nginx:1", ["docker.io"], True),
        ("Registry.ACME.corp/app:1", ["registry.acme.corp"], True),
        ("registry.acme.corporate/app", ["registry.acme.corp"], False),
        ("ghcr.io/acmecorp/x", ["ghcr.io/acme"], False),
        ("ghcr.io/acme/x@sha256:ab", ["ghcr.io/acme/"], True),
        ("localhost:5000/x", ["localhost"], False),
        ("localhost:5000/x", ["localhost:5000"], True),
    ],
)
def test_reference_matching(reference: str, allowed: list[str], verdict: bool) -> None:
    assert is_allowed(reference, allowed_prefixes(allowed)) is verdict


def test_a_placeholder_provider_may_name_either_provider() -> None:
    """README "Placeholders": a value filled in later may be any of them, so both are judged."""
    (finding, nllb) = assert_invalid(
        RULE,
        Invalid(
            """\
            apiVersion: k0s.k0sproject.io/v1beta1
            spec:
              network:
                provider: ${CNI}
                nodeLocalLoadBalancing: {enabled: "{{ .nllb }}"}
            """,
            at=[(2, 1), (5, 5)],
            options=ALLOWED,
        ),
    )
    assert (
        "pulled because spec.network.provider is a placeholder (${CNI}) that may name it: " in finding.message
    )
    assert (
        "quay.io/k0sproject/calico-node" in finding.message
        and "quay.io/k0sproject/kube-router" in finding.message
    )
    assert nllb.message.endswith(
        "pulled because spec.network.nodeLocalLoadBalancing holds a placeholder that may enable type "
        "EnvoyProxy: quay.io/k0sproject/envoy-distroless:v1.39.0"
    )
