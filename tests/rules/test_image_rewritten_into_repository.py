from __future__ import annotations

import pytest

from k0slint.rules.image_rewritten_into_repository import ImageRewrittenIntoRepository
from k0slint.testing import Invalid, Valid, assert_invalid, assert_valid, lint
from tests.rules._image_configs import NOT_FLAGGED, PATH_REPOSITORY

RULE = ImageRewrittenIntoRepository

VALID = [*NOT_FLAGGED]

# k0s v1.32.1 does not rewrite the pushgateway: the image escapes (K0S101's error).
VALID.append(
    Valid(
        """\
        apiVersion: k0s.k0sproject.io/v1beta1
        kind: ClusterConfig
        spec:
          images:
            repository: ghcr.io/mirantiscontainers
            pushgateway:
              image: quay.io/k0sproject/pushgateway-ttl
        """,
        k0s_version="v1.32.1+k0s.0",
    )
)

INVALID = [
    Invalid(PATH_REPOSITORY, at=[(7, 14)], k0s_version="v1.32.8+k0s.0", message="rewrites it and pulls"),
    Invalid(
        """\
        apiVersion: k0s.k0sproject.io/v1beta1
        kind: ClusterConfig
        spec:
          images:
            repository: ghcr.io/mirantiscontainers
            pushgateway:
              image: quay.io/k0sproject/pushgateway-ttl
              version: 1.4.0-k0s.0
        """,
        at=[(7, 14)],
        message=(
            "image quay.io/k0sproject/pushgateway-ttl is outside repository ghcr.io/mirantiscontainers; "
            "k0s v1.36.3+k0s.2 rewrites it and pulls "
            "ghcr.io/mirantiscontainers/k0sproject/pushgateway-ttl:1.4.0-k0s.0"
        ),
    ),
    Invalid(
        """\
        apiVersion: k0s.k0sproject.io/v1beta1
        kind: ClusterConfig
        spec:
          images:
            repository: registry.acme.corp:5000
            calico:
              cni: {image: docker.io/calico/cni, version: v3.29.1}
              node:
                image: 'quay.io/k0sproject/calico-node'
          network:
            nodeLocalLoadBalancing:
              envoyProxy:
                image:
                  image: "docker.io/envoyproxy/envoy-distroless"
        """,
        at=[(7, 20), (9, 16), (14, 18)],
        message="pulls registry.acme.corp:5000/calico/cni:v3.29.1",
    ),
    Invalid(
        """\
        apiVersion: k0s.k0sproject.io/v1beta1
        kind: ClusterConfig
        spec:
          images:
            repository: my.repo
            konnectivity:
              image: my-custom-image
        """,
        at=[(7, 14)],
        k0s_version="v1.32.2+k0s.0",
        message="pulls my.repo/my-custom-image:v0.31.0",
    ),
    Invalid(
        """\
        apiVersion: k0s.k0sproject.io/v1beta1
        kind: ClusterConfig
        spec:
          images:
            repository: registry.acme.corp
            windows:
              kubeproxy:
                image: docker.io/sigwindowstools/kube-proxy
            calico:
              windows:
                node:
                  image: docker.io/calico/node-windows
        """,
        at=[(8, 16), (12, 18)],
    ),
    # k0sctl merges a separate ClusterConfig document; the finding points into it.
    Invalid(
        """\
        apiVersion: k0sctl.k0sproject.io/v1beta1
        kind: Cluster
        spec:
          k0s:
            config:
              spec:
                images:
                  repository: registry.acme.corp
        ---
        apiVersion: k0s.k0sproject.io/v1beta1
        kind: ClusterConfig
        spec:
          images:
            repository: ignored.example.com
            coredns:
              image: docker.io/coredns/coredns
        """,
        at=[(16, 14)],
        filename="k0sctl.yaml",
        message="outside repository registry.acme.corp",
    ),
    Invalid(
        """\
        apiVersion: k0s.k0sproject.io/v1beta1
        kind: ClusterConfig
        spec:
          images:
            repository: my.registry
            kubeproxy: {image: registry.k8s.io/kube-proxy}
        ---
        apiVersion: k0s.k0sproject.io/v1beta1
        kind: ClusterConfig
        spec:
          images:
            repository: my.registry
            metricsserver: {image: registry.k8s.io/metrics-server/metrics-server}
        """,
        at=[(6, 24), (13, 28)],
    ),
]


@pytest.mark.parametrize("case", VALID)
def test_valid(case: Valid) -> None:
    assert_valid(RULE, case)


@pytest.mark.parametrize("case", INVALID)
def test_invalid(case: Invalid) -> None:
    assert_invalid(RULE, case)


def test_finding_points_at_repository_as_related_location() -> None:
    (finding,) = assert_invalid(RULE, INVALID[1])
    (related,) = finding.related
    assert (related.location.line, related.location.column) == (5, 17)
    assert related.path == ("spec", "images", "repository")
    assert finding.path == ("spec", "images", "pushgateway", "image")
    assert (finding.end_line, finding.end_column) == (7, 48)


def test_fix_writes_the_image_k0s_pulls_and_is_safe() -> None:
    (finding,) = assert_invalid(RULE, INVALID[1])
    assert finding.severity.value == "warning"
    assert finding.fix is not None
    assert finding.fix.applicability.value == "safe"
    assert finding.fix.title == "write ghcr.io/mirantiscontainers/k0sproject/pushgateway-ttl"


def test_no_fix_writes_a_reference_no_runtime_can_pull() -> None:
    """`quay.io/Coredns` would become `registry.example.com/Coredns`: no fix, and the message says why."""
    (finding,) = assert_invalid(
        RULE,
        Invalid(
            """\
            apiVersion: k0s.k0sproject.io/v1beta1
            kind: ClusterConfig
            spec:
              images:
                repository: registry.example.com
                coredns:
                  image: quay.io/Coredns
            """,
            at=[(7, 14)],
        ),
    )
    assert finding.fix is None
    assert finding.message.endswith(
        "(no fix: it would write 'registry.example.com/Coredns', but the repository path 'Coredns' "
        "has upper case; registries take lower-case paths only)"
    )


@pytest.mark.parametrize(
    ("version", "repository", "first"),
    [
        ("v1.32.5", "ghcr.io", "ghcr.io/k0sproject/coredns"),  # under the repository
        ("v1.33.4", "ghcr.io/acme", "ghcr.io/acmecorp/coredns"),  # kept by the prefix check
    ],
)
def test_an_image_left_alone_does_not_hide_the_next(version: str, repository: str, first: str) -> None:
    text = f"""\
    apiVersion: k0s.k0sproject.io/v1beta1
    kind: ClusterConfig
    spec:
      images:
        repository: {repository}
        coredns: {{image: {first}}}
        konnectivity: {{image: quay.io/k0sproject/apiserver-network-proxy-agent}}
    """
    (finding,) = lint(text, [RULE], k0s_version=version)
    assert (finding.line, finding.column) == (7, 27)
