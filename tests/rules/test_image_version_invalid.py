from __future__ import annotations

import pytest

from k0slint.rules.image_version_invalid import ImageVersionInvalid
from k0slint.testing import Invalid, Valid, assert_invalid, assert_valid, lint

RULE = ImageVersionInvalid
DIGEST = "0" * 64


def coredns(image: str = "quay.io/k0sproject/coredns", version: str = "1.12.0") -> str:
    return (
        "apiVersion: k0s.k0sproject.io/v1beta1\nkind: ClusterConfig\nspec:\n  images:\n    coredns:\n"
        f"      image: {image}\n      version: {version}\n"
    )


def envoy(version: str) -> str:
    return (
        "apiVersion: k0s.k0sproject.io/v1beta1\nspec:\n  network:\n    nodeLocalLoadBalancing:\n"
        f"      envoyProxy:\n        image:\n          version: {version}\n"
    )


# TestImageSpec_Validate (digest-support tags): v1.0.0, latest, v1.0.0-rc1, v1.0.0@sha256:0...0 valid.
VALID = [
    Valid(coredns(version="v1.0.0")),
    Valid(coredns(version="latest")),
    Valid(coredns(version="v1.0.0-rc1")),
    Valid(coredns(version=f"v1.0.0@sha256:{DIGEST}")),
    Valid(coredns(version=f"v1.0.0@sha256:{DIGEST}"), k0s_version="v1.27.16"),
    # Before v1.31.1 k0s does not check spec.images; a runtime takes tag@digest.
    Valid(coredns(version=f"v1@sha256:{DIGEST}"), k0s_version="v1.29.1"),
    Valid(coredns(version='"${COREDNS_VERSION}"')),
    Valid(coredns(image="registry.acme.corp:5000/coredns")),
    Valid(envoy("v1.24.1"), k0s_version="1.26"),
    # Separators of the grammar, an upper-case registry host, a port, IPv6 and bare names.
    Valid(coredns(image="Registry.Acme.Corp:5000/k0s__project/core-dns/core--dns.x_y")),
    Valid(coredns(image='"[fd00::1]:5000/coredns"')),
    Valid(coredns(image="coredns")),
    Valid(coredns(image='"<registry>/coredns"')),
]

INVALID = [
    # digest-only versions (TestImageSpec_Validate, TestClusterSpecCustomImages).
    Invalid(
        coredns(version=f"sha256:{DIGEST}"),
        at=[(7, 16)],
        message="does not match k0s v1.36.3+k0s.2's version pattern",
    ),
    Invalid(
        coredns(version=f"sha256:{DIGEST}"),
        at=[(7, 16)],
        k0s_version="v1.30.0",
        message="which is not an image reference",
    ),
    Invalid(coredns(version='""'), at=[(7, 16)]),
    # NLLB images are checked by every release: the 1.26 pattern knows no digest.
    Invalid(
        envoy(f"v1.24.1@sha256:{DIGEST}"),
        at=[(7, 20)],
        k0s_version="v1.26.0",
        message="refuses a digest in the version",
    ),
    Invalid(envoy('"*"'), at=[(7, 20)], k0s_version="v1.26.0", message="version '*' does not match"),
    Invalid(coredns(image="quay.io/k0sproject/coredns:1.12.0"), at=[(6, 14)], message="carries a tag"),
    Invalid(
        coredns(image=f"quay.io/k0sproject/coredns@sha256:{DIGEST}"), at=[(6, 14)], message="carries a digest"
    ),
    Invalid(
        coredns(image='" quay.io/k0sproject/coredns"'), at=[(6, 14)], message="leading or trailing whitespace"
    ),
    Invalid(coredns(image='""'), at=[(6, 14)], message="image is empty"),
    # The OCI reference grammar (distribution/reference): lower-case path components
    # joined by '.', '_', '__' or '-'; no whitespace or control characters anywhere.
    Invalid(
        coredns(image="quay.io/Coredns"),
        at=[(6, 14)],
        message="image 'quay.io/Coredns' is not a name a container runtime can pull: the repository "
        "path 'Coredns' has upper case",
    ),
    Invalid(coredns(image='"quay.io/k0s project/konn"'), at=[(6, 14)], message="whitespace"),
    Invalid(
        coredns(image='"quay.io/k0sproject/pushgateway-ttl\\nX"'),
        at=[(6, 14)],
        message="image 'quay.io/k0sproject/pushgateway-ttl\\nX' is not a name",
    ),
    Invalid(coredns(image="quay.io/k0sproject//coredns"), at=[(6, 14)], message="path component ''"),
    Invalid(coredns(image="quay.io/k0sproject/coredns-"), at=[(6, 14)], message="'coredns-'"),
    Invalid(coredns(image="quay.io:port/coredns"), at=[(6, 14)], message="the registry 'quay.io:port'"),
    Invalid(
        coredns(image="registry_acme.corp/coredns"), at=[(6, 14)], message="the registry 'registry_acme.corp'"
    ),
]


@pytest.mark.parametrize("case", VALID)
def test_valid(case: Valid) -> None:
    assert_valid(RULE, case)


@pytest.mark.parametrize("case", INVALID)
def test_invalid(case: Invalid) -> None:
    assert_invalid(RULE, case)


COREDNS = """\
apiVersion: k0s.k0sproject.io/v1beta1
kind: ClusterConfig
spec:
  images:
    calico: {{cni: {{image: '${{REGISTRY}}/cni'}}}}
    coredns: {{image: {image}}}
    pushgateway: {{image: 'quay.io/x:1'}}
"""


@pytest.mark.parametrize(
    ("image", "message"),
    [
        ("''", "image is empty"),
        (
            "quay.io/a:1/b",
            "image 'quay.io/a:1/b' is not a name a container runtime can pull: the path component 'a:1' is not "
            "lower-case letters and digits joined by '.', '_', '__' or '-'",
        ),
        (
            "quay.io:5000/k0sproject/coredns:1",
            "image quay.io:5000/k0sproject/coredns:1 carries a tag; k0s appends ':<version>', giving "
            "quay.io:5000/k0sproject/coredns:1:1.12.0; put the tag in version",
        ),
    ],
)
def test_image_messages_and_every_image_after_a_templated_one_is_judged(image: str, message: str) -> None:
    coredns, pushgateway = lint(COREDNS.format(image=image), [RULE], k0s_version="v1.32.5")
    assert coredns.message == message
    assert pushgateway.message.startswith("image quay.io/x:1 carries a tag")
