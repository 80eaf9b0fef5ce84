"""K0S203 network-invalid: network_test.go TestNetworkSuite/TestValidation vectors."""

from __future__ import annotations

import pytest

from k0slint.lint.findings import Severity
from k0slint.rules.network_invalid import NetworkInvalid
from k0slint.testing import Invalid, Valid, assert_invalid, assert_valid, lint
from tests.rules._configs import spec

RULE = NetworkInvalid
GATE = (
    "apiVersion: k0sctl.k0sproject.io/v1beta1\nkind: Cluster\nspec:\n  hosts:\n    - role: controller\n"
    "      installFlags: [--feature-gates=IPv6SingleStack=true]\n  k0s:\n    config:\n      spec:\n"
    "        network:\n          podCIDR: fd00::/108\n          serviceCIDR: {service}\n"
)

VALID = [
    Valid(spec("network:\n  provider: kuberouter\n")),  # defaults_are_valid
    # valid_proxy_disabled_for_dualstack
    Valid(
        spec(
            "network:\n  kubeProxy: {disabled: true}\n  dualStack:\n    enabled: true\n"
            "    IPv6podCIDR: fd00::/108\n    IPv6serviceCIDR: fd01::/108\n"
        )
    ),
    # valid_single_stack_ipv6 (gate on)
    Valid(GATE.format(service="fd01::/108"), k0s_version="1.34.1", filename="k0sctl.yaml"),
    Valid(spec("network:\n  podCIDR: fd00::/108\n  serviceCIDR: 10.96.0.0/12\n"), k0s_version="1.33"),
    # /120 is fine for the single-stack check before v1.35.1
    Valid(GATE.format(service="fd01::/120"), k0s_version="1.34.10", filename="k0sctl.yaml"),
    Valid(
        spec("network:\n  dualStack:\n    enabled: true\n    IPv6podCIDR: 10.0.0.0/24\n"), k0s_version="1.34"
    ),
    Valid(spec("network:\n  podCIDR: '${POD_CIDR}'\n  clusterDomain: '{{ .domain }}'\n")),
    Valid(spec("network:\n  kubeProxy:\n    metricsBindAddress: 0.0.0.0:10249\n"), k0s_version="1.36.1"),
]

INVALID = [
    Invalid(spec("network:\n  podCIDR: foobar\n"), at=[(5, 14)], message="podCIDR 'foobar' is not a CIDR"),
    Invalid(
        spec("network:\n  serviceCIDR: foobar\n"), at=[(5, 18)], message="serviceCIDR 'foobar' is not a CIDR"
    ),
    Invalid(spec("network:\n  podCIDR: 10.244.0.0\n"), at=[(5, 14)]),
    Invalid(
        spec("network:\n  clusterDomain: .invalid-cluster-domain\n"),
        at=[(5, 20)],
        message="clusterDomain '.invalid-cluster-domain' is not a DNS name",
    ),
    # invalid_ipv6_service_cidr
    Invalid(
        spec(
            "network:\n  calico: {mode: bird}\n  kubeProxy: {mode: ipvs}\n  dualStack:\n    enabled: true\n"
            "    IPv6podCIDR: fd00::/108\n    IPv6serviceCIDR: foobar\n"
        ),
        at=[(10, 24)],
        message="dualStack.IPv6serviceCIDR 'foobar' is not a CIDR",
    ),
    # invalid_ipv6_pod_cidr
    Invalid(
        spec(
            "network:\n  dualStack:\n    enabled: true\n    IPv6podCIDR: foobar\n    IPv6serviceCIDR: fd00::/108\n"
        ),
        at=[(7, 20)],
    ),
    # invalid_ipv6_service_cidr_prefix_too_large (1.35+, gate on)
    Invalid(
        GATE.format(service="fd01::/120"),
        at=[(12, 24)],
        k0s_version="1.35.1",
        filename="k0sctl.yaml",
        message="IPv6 service CIDR prefix must be <= 108",
    ),
    # dualstack_ipv6_podcidr_rejects_ipv4 (1.35+)
    Invalid(
        spec(
            "network:\n  dualStack:\n    enabled: true\n    IPv6podCIDR: 10.0.0.0/24\n    IPv6serviceCIDR: fd01::/108\n"
        ),
        at=[(7, 20)],
        k0s_version="1.35.1",
        message="must be an IPv6 CIDR, not IPv4",
    ),
    # invalid_pod_cidr_service_cidr_protocol_mismatch (1.34+)
    Invalid(
        spec("network:\n  serviceCIDR: fd01::/108\n"),
        at=[(5, 5)],
        k0s_version="1.34.1",
        message="must both be IPv4 or IPv6",
    ),
    # invalid_single_stack_ipv6_missing_feature_gates: an error where k0sctl shows the flags...
    Invalid(
        GATE.format(service="fd01::/108").replace("--feature-gates=IPv6SingleStack=true", "--debug"),
        at=[(11, 20)],
        k0s_version="1.34.1",
        filename="k0sctl.yaml",
        message="needs controllers started with --feature-gates=IPv6SingleStack=true",
    ),
    # invalid_dual_stack_ipv6_dualstack_CIDRs (1.34+): exactly the two IPv4 errors
    Invalid(
        spec(
            "network:\n  podCIDR: fd00::/108\n  serviceCIDR: fd01::/108\n  dualStack:\n    enabled: true\n"
            "    IPv6podCIDR: fd02::/108\n    IPv6serviceCIDR: fd03::/108\n"
        ),
        at=[(5, 14), (6, 18)],
        k0s_version="1.34.1",
        message="with dual stack enabled, podCIDR must be IPv4",
    ),
    # dual stack with calico needs bird (k0s #2220)
    Invalid(
        spec(
            "network:\n  provider: calico\n  calico:\n    mode: vxlan\n  dualStack:\n    enabled: true\n"
            "    IPv6podCIDR: fd00::/108\n    IPv6serviceCIDR: fd01::/108\n"
        ),
        at=[(7, 13)],
        message="dual stack with calico needs calico.mode bird, not vxlan",
    ),
    Invalid(
        spec("network:\n  kubeProxy:\n    healthzBindAddress: 0.0.0.0\n"),
        at=[(6, 27)],
        k0s_version="1.36.1",
        message="missing port in address",
    ),
]


@pytest.mark.parametrize("case", VALID)
def test_valid(case: Valid) -> None:
    assert_valid(RULE, case)


@pytest.mark.parametrize("case", INVALID)
def test_invalid(case: Invalid) -> None:
    assert_invalid(RULE, case)


def test_ipv6_single_stack_without_visible_flags_is_a_warning() -> None:
    (finding,) = lint(
        spec("network:\n  podCIDR: fd00::/108\n  serviceCIDR: fd01::/108\n"), [RULE], k0s_version="1.34.1"
    )
    assert finding.severity is Severity.WARNING
    assert finding.message == (
        "IPv6 single stack (fd00::/108) needs controllers started with "
        "--feature-gates=IPv6SingleStack=true (this file does not say how they are started)"
    )
