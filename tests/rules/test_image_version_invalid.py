from __future__ import annotations

import pytest

from k0slint.rules.image_version_invalid import ImageVersionInvalid
from k0slint.testing import Invalid, Valid, assert_invalid, assert_valid

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
]


@pytest.mark.parametrize("case", VALID)
def test_valid(case: Valid) -> None:
    assert_valid(RULE, case)


@pytest.mark.parametrize("case", INVALID)
def test_invalid(case: Invalid) -> None:
    assert_invalid(RULE, case)
