from __future__ import annotations

import pytest

from k0slint.fix.splice import apply_text_edits, text_edits
from k0slint.rules.image_outside_repository import ImageOutsideRepository
from k0slint.testing import Invalid, Valid, assert_invalid, assert_valid, lint
from tests.rules._image_configs import NOT_FLAGGED, PATH_REPOSITORY

RULE = ImageOutsideRepository

VALID = [*NOT_FLAGGED]

# k0s rewrites an explicit image into the repository: the cluster pulls from the mirror,
# which is K0S110's warning, not this rule's error.
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
            coredns:
              image: quay.io/k0sproject/coredns
        """
    )
)
VALID.append(Valid(PATH_REPOSITORY, k0s_version="v1.32.8+k0s.0"))

INVALID = [
    # Node-local load balancing image after a forgiven decode error: not rewritten at all.
    Invalid(
        """\
        apiVersion: k0s.k0sproject.io/v1beta1
        spec:
          podSecurityPolicy:
            defaultPolicy: 00-k0s-privileged
          images:
            repository: registry.acme.corp
          network:
            nodeLocalLoadBalancing:
              enabled: true
              envoyProxy:
                image: {image: docker.io/envoyproxy/envoy-distroless}
        """,
        at=[(11, 24)],
        message="escapes repository registry.acme.corp: k0s v1.36.3+k0s.2 pulls docker.io/envoyproxy/envoy-distroless:v1.39.0; k0s stops decoding at spec.podSecurityPolicy",
    ),
    Invalid(
        """\
        apiVersion: k0s.k0sproject.io/v1beta1
        kind: Cluster
        spec:
          images:
            repository: ghcr.io/mirantiscontainers
            pushgateway:
              image: quay.io/k0sproject/pushgateway-ttl
        """,
        at=[(7, 14)],
        k0s_version="v1.32.1",
        message=(
            "image quay.io/k0sproject/pushgateway-ttl escapes repository ghcr.io/mirantiscontainers: "
            "k0s v1.32.1 pulls quay.io/k0sproject/pushgateway-ttl:1.4.0-k0s.0; the repository override "
            "skips pushgateway before v1.32.2 (k0s #5455, fixed by PR #5520)"
        ),
    ),
    Invalid(
        """\
        apiVersion: k0s.k0sproject.io/v1beta1
        kind: ClusterConfig
        spec:
          images:
            repository: my.registry
            pushgateway:
              image: quay.io/k0sproject/pushgateway-ttl
        """,
        at=[(7, 14)],
        k0s_version="1.27",
        message="skips pushgateway in every 1.27 release",
    ),
    Invalid(
        """\
        apiVersion: k0sctl.k0sproject.io/v1beta1
        kind: Cluster
        spec:
          hosts: []
          k0s:
            version: v1.31.5+k0s.0
            config:
              spec:
                images:
                  repository: registry.acme.corp/mirror
                  pushgateway:
                    image: quay.io/k0sproject/pushgateway-ttl
        """,
        at=[(12, 20)],
        filename="k0sctl.yaml",
        message="escapes repository registry.acme.corp/mirror: k0s v1.31.5 pulls",
    ),
    Invalid(
        """\
        apiVersion: controlplane.cluster.x-k8s.io/v1beta1
        kind: K0sControlPlane
        metadata:
          name: cp
        spec:
          version: v1.30.9+k0s.0
          k0sConfigSpec:
            k0s:
              apiVersion: k0s.k0sproject.io/v1beta1
              kind: ClusterConfig
              spec:
                images:
                  repository: registry.acme.corp
                  pushgateway:
                    image: quay.io/k0sproject/pushgateway-ttl
        """,
        at=[(15, 20)],
        filename="cp.yaml",
        message="k0s v1.30.9 pulls quay.io/k0sproject/pushgateway-ttl",
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
    # v1.32.2 - v1.32.7 rewrite the pushgateway without the prefix check: the path would double.
    assert finding.fix is not None and finding.fix.applicability.value == "unsafe"
    assert finding.fix.title.startswith(
        "write ghcr.io/mirantiscontainers/k0sproject/pushgateway-ttl (unsafe: "
    )


def test_no_fix_writes_a_reference_no_runtime_can_pull() -> None:
    (finding,) = assert_invalid(
        RULE,
        Invalid(
            """\
            apiVersion: k0s.k0sproject.io/v1beta1
            kind: ClusterConfig
            spec:
              images:
                repository: registry.example.com
                pushgateway:
                  image: "quay.io/k0s project/pushgateway-ttl"
            """,
            at=[(7, 14)],
            k0s_version="v1.32.1",
            message="(no fix: it would write 'registry.example.com/k0s project/pushgateway-ttl', but it "
            "contains whitespace or a control character)",
        ),
    )
    assert finding.fix is None


PUSHGATEWAY = """\
apiVersion: k0s.k0sproject.io/v1beta1
kind: ClusterConfig
spec:
  images:
    repository: {repository}
    pushgateway:
      image: {image}
"""


@pytest.mark.parametrize(
    ("version", "repository", "image", "mirrored", "applicability"),
    [
        # a look-alike prefix (acme / acmecorp) on a release without the prefix check
        (
            "v1.32.1",
            "ghcr.io/acme",
            "ghcr.io/acmecorp/pushgateway-ttl",
            "ghcr.io/acme/acmecorp/pushgateway-ttl",
            "unsafe",
        ),
        (
            "v1.32.1",
            "ghcr.io",
            "quay.io/k0sproject/pushgateway-ttl",
            "ghcr.io/k0sproject/pushgateway-ttl",
            "safe",
        ),
    ],
)
def test_fix_applicability_and_title(
    version: str, repository: str, image: str, mirrored: str, applicability: str
) -> None:
    text = PUSHGATEWAY.format(repository=repository, image=image)
    (finding,) = lint(text, [RULE], k0s_version=version)
    assert (finding.line, finding.column) == (7, 14)
    assert finding.message.startswith(
        f"image {image} escapes repository {repository}: k0s {version} pulls {image}:"
    )
    assert finding.fix is not None
    assert finding.fix.applicability.value == applicability
    if applicability == "unsafe":
        assert finding.fix.title == (
            f"write {mirrored} (unsafe: a later release that rewrites pushgateway without the prefix check "
            "would add the repository path again)"
        )
    else:
        assert finding.fix.title == f"write {mirrored}"
    assert apply_text_edits(text, text_edits(finding.fix, text)) == text.replace(image, mirrored)


@pytest.mark.parametrize(
    ("repository", "image", "k0s_version"),
    [
        ("ghcr.io/acme", "${REGISTRY}/x", "v1.32.1"),
        ("ghcr.io/acme", "ghcr.io/acme/x", "v1.32.1"),
        ("ghcr.io/acme/", "ghcr.io/acme/x", "v1.31.1"),
    ],
)
def test_templated_image_and_path_boundary_are_not_flagged(
    repository: str, image: str, k0s_version: str
) -> None:
    assert lint(PUSHGATEWAY.format(repository=repository, image=image), [RULE], k0s_version=k0s_version) == []


FORGIVEN_ENVOY = """\
apiVersion: k0s.k0sproject.io/v1beta1
kind: ClusterConfig
spec:
  podSecurityPolicy: {defaultPolicy: 00-k0s-privileged}
  images: {repository: ghcr.io/acme}
  network:
    nodeLocalLoadBalancing:
      enabled: true
      envoyProxy: {image: {image: quay.io/k0sproject/envoy-distroless}}
"""


@pytest.mark.parametrize(("version", "applicability"), [("v1.36.3", "safe"), ("v1.31.11", "unsafe")])
def test_forgiven_decode_fix_is_safe_only_with_the_prefix_check(version: str, applicability: str) -> None:
    (finding,) = lint(FORGIVEN_ENVOY, [RULE], k0s_version=version)
    assert (finding.line, finding.column) == (9, 35)
    assert "k0s stops decoding at spec.podSecurityPolicy" in finding.message
    assert finding.fix is not None
    assert finding.fix.applicability.value == applicability
    assert finding.fix.title.startswith("write ghcr.io/acme/k0sproject/envoy-distroless")


def test_images_before_the_escaping_one_do_not_hide_it() -> None:
    rewritten_first = """\
    apiVersion: k0s.k0sproject.io/v1beta1
    kind: ClusterConfig
    spec:
      images:
        repository: ghcr.io/acme
        coredns: {image: quay.io/k0sproject/coredns}
        pushgateway: {image: quay.io/k0sproject/pushgateway-ttl}
    """
    assert [(f.line, f.column) for f in lint(rewritten_first, [RULE], k0s_version="v1.32.1")] == [(7, 26)]
    under_first = """\
    apiVersion: k0s.k0sproject.io/v1beta1
    kind: ClusterConfig
    spec:
      podSecurityPolicy: {defaultPolicy: 00-k0s-privileged}
      images: {repository: ghcr.io/acme}
      network:
        nodeLocalLoadBalancing:
          envoyProxy: {image: {image: ghcr.io/acme/envoy}}
          traefik: {image: {image: quay.io/k0sproject/traefik}}
    """
    assert [(f.line, f.column) for f in lint(under_first, [RULE], k0s_version="v1.36.3")] == [(9, 32)]
