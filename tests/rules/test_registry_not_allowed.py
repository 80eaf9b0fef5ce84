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

INVALID = [
    # Without a repository every default image is pulled from its public registry.
    Invalid(
        """\
        apiVersion: k0s.k0sproject.io/v1beta1
        kind: ClusterConfig
        spec:
          api: {}
        """,
        at=[(3, 1)],
        options=ALLOWED,
        message="k0s v1.36.3+k0s.2 pulls 17 image(s) from registries not in allowed-registries (registry.acme.corp)",
    ),
    # v1.32.1 does not redirect the pushgateway; the finding sits on the repository that did not help.
    Invalid(
        MIRRORED,
        at=[(5, 17)],
        options=ALLOWED,
        k0s_version="v1.32.1",
        message="quay.io/k0sproject/pushgateway-ttl:1.4.0-k0s.0",
    ),
    # 1.27: the pause image is not configurable at all.
    Invalid(
        MIRRORED,
        at=[(5, 17)],
        options=ALLOWED,
        k0s_version="1.27.16",
        message="registry.k8s.io/pause:3.8 (pause, not configurable)",
    ),
    Invalid(
        """\
        apiVersion: k0s.k0sproject.io/v1beta1
        spec:
          images:
            repository: registry.acme.corp
            pushgateway:
              image: docker.io/prom/pushgateway
        """,
        at=[(6, 14)],
        k0s_version="v1.31.5",
        options=ALLOWED,
        message="k0s v1.31.5 pulls docker.io/prom/pushgateway:1.4.0-k0s.0 from docker.io",
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
