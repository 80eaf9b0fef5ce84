from __future__ import annotations

import pytest

from k0slint.rules.repository_prefix_shadow import RepositoryPrefixShadow
from k0slint.testing import Invalid, Valid, assert_invalid, assert_valid

RULE = RepositoryPrefixShadow
SHADOWED_IMAGE = """\
apiVersion: k0s.k0sproject.io/v1beta1
kind: ClusterConfig
spec:
  images:
    repository: ghcr.io/acme
    coredns:
      image: ghcr.io/acmecorp/coredns
"""
SHADOWED_DEFAULTS = """\
apiVersion: k0s.k0sproject.io/v1beta1
kind: ClusterConfig
spec:
  images:
    repository: quay.io/k0s
"""

VALID = [
    # Before the prefix check the image is rewritten (ghcr.io/acme/acmecorp/coredns).
    Valid(SHADOWED_IMAGE, k0s_version="v1.31.11+k0s.0"),
    Valid(SHADOWED_IMAGE, k0s_version="v1.32.7+k0s.0"),
    Valid(SHADOWED_DEFAULTS, k0s_version="v1.33.3+k0s.0"),
    Valid(SHADOWED_IMAGE.replace("ghcr.io/acmecorp/coredns", "ghcr.io/acme/coredns")),
    Valid(SHADOWED_DEFAULTS.replace("quay.io/k0s", "quay.io/k0s-mirror")),
]

INVALID = [
    Invalid(
        SHADOWED_IMAGE,
        at=[(7, 14)],
        k0s_version="v1.31.12+k0s.0",
        message=(
            "image ghcr.io/acmecorp/coredns starts with repository ghcr.io/acme but is not under it: k0s v1.31.12 "
            "compares strings, leaves it unchanged and pulls ghcr.io/acmecorp/coredns:1.11.4"
        ),
    ),
    Invalid(SHADOWED_IMAGE, at=[(7, 14)], k0s_version="v1.32.8+k0s.0"),
    Invalid(SHADOWED_IMAGE, at=[(7, 14)], k0s_version="v1.33.4+k0s.0"),
    Invalid(SHADOWED_IMAGE, at=[(7, 14)], k0s_version="v1.34.1+k0s.0"),
    Invalid(
        SHADOWED_DEFAULTS,
        at=[(5, 17)],
        message="repository quay.io/k0s is a string prefix of 13 default image(s)",
    ),
    # `registry` is a string prefix of registry.k8s.io/pause on 1.32.
    Invalid(
        SHADOWED_DEFAULTS.replace("quay.io/k0s", "registry"),
        at=[(5, 17)],
        k0s_version="v1.32.13",
        message="(metricsserver, pause, e.g. registry.k8s.io/metrics-server/metrics-server)",
    ),
]


@pytest.mark.parametrize("case", VALID)
def test_valid(case: Valid) -> None:
    assert_valid(RULE, case)


@pytest.mark.parametrize("case", INVALID)
def test_invalid(case: Invalid) -> None:
    assert_invalid(RULE, case)
