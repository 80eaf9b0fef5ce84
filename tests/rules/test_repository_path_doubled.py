from __future__ import annotations

import pytest

from k0slint.rules.repository_path_doubled import RepositoryPathDoubled
from k0slint.testing import Invalid, Valid, assert_invalid, assert_valid

RULE = RepositoryPathDoubled
UNDER_PATH_REPOSITORY = """\
apiVersion: k0s.k0sproject.io/v1beta1
kind: ClusterConfig
spec:
  images:
    repository: registry.acme.io/mirror
    coredns:
      image: registry.acme.io/mirror/k0sproject/coredns
"""
DYNAMIC = """\
apiVersion: k0sctl.k0sproject.io/v1beta1
kind: Cluster
spec:
  hosts:
    - role: controller
      installFlags: [--enable-dynamic-config]
  k0s:
    version: {version}
    config:
      spec:
        images:
          repository: {repository}
"""

VALID = [
    Valid(UNDER_PATH_REPOSITORY, k0s_version="v1.32.8+k0s.0"),
    Valid(UNDER_PATH_REPOSITORY, k0s_version="v1.31.12+k0s.0"),
    Valid(UNDER_PATH_REPOSITORY, k0s_version="v1.33.4+k0s.0"),
    Valid(UNDER_PATH_REPOSITORY, k0s_version="1.34.1"),
    # A host-only repository replaces the host by itself: idempotent on every release.
    Valid(
        UNDER_PATH_REPOSITORY.replace("registry.acme.io/mirror", "registry.acme.io"),
        k0s_version="v1.30.0+k0s.0",
    ),
    # Image without the repository: k0s adds it once.
    Valid(
        UNDER_PATH_REPOSITORY.replace("registry.acme.io/mirror/k0sproject/coredns", "k0sproject/coredns"),
        k0s_version="1.30",
    ),
    # pushgateway is not rewritten at v1.32.1, so nothing is doubled there.
    Valid(
        """\
        apiVersion: k0s.k0sproject.io/v1beta1
        spec:
          images:
            repository: registry.acme.io/mirror
            pushgateway: {image: registry.acme.io/mirror/k0sproject/pushgateway-ttl}
        """,
        k0s_version="v1.32.1+k0s.0",
    ),
    Valid(
        DYNAMIC.format(version="v1.32.8+k0s.0", repository="registry.acme.io/mirror"), filename="k0sctl.yaml"
    ),
    Valid(DYNAMIC.format(version="v1.32.7+k0s.0", repository="registry.acme.io"), filename="k0sctl.yaml"),
]

INVALID = [
    Invalid(
        UNDER_PATH_REPOSITORY,
        at=[(7, 14)],
        k0s_version="v1.32.7+k0s.0",
        message=(
            "image registry.acme.io/mirror/k0sproject/coredns is already under repository registry.acme.io/mirror; "
            "k0s v1.32.7 adds the path again and pulls registry.acme.io/mirror/mirror/k0sproject/coredns:1.12.2"
        ),
    ),
    Invalid(UNDER_PATH_REPOSITORY, at=[(7, 14)], k0s_version="v1.31.11+k0s.0"),
    Invalid(UNDER_PATH_REPOSITORY, at=[(7, 14)], k0s_version="v1.33.3+k0s.0"),
    Invalid(UNDER_PATH_REPOSITORY, at=[(7, 14)], k0s_version="1.26"),
    # pushgateway rewritten but no prefix check yet: v1.32.2 - v1.32.7 double it.
    Invalid(
        """\
        apiVersion: k0s.k0sproject.io/v1beta1
        spec:
          images:
            repository: registry.acme.io/mirror
            pushgateway: {image: registry.acme.io/mirror/k0sproject/pushgateway-ttl}
        """,
        at=[(5, 26)],
        k0s_version="v1.32.2+k0s.0",
    ),
    Invalid(
        DYNAMIC.format(version="v1.32.7+k0s.0", repository="registry.mirantis.com/k0rdent-enterprise"),
        at=[(12, 23)],
        filename="k0sctl.yaml",
        message="registry.mirantis.com/k0rdent-enterprise/k0rdent-enterprise/k0sproject/coredns",
    ),
]


@pytest.mark.parametrize("case", VALID)
def test_valid(case: Valid) -> None:
    assert_valid(RULE, case)


@pytest.mark.parametrize("case", INVALID)
def test_invalid(case: Invalid) -> None:
    assert_invalid(RULE, case)
