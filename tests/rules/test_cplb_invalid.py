"""K0S209 cplb-invalid: cplb_test.go TestValidateVRRPInstances (1.30+)."""

from __future__ import annotations

import pytest

from k0slint.rules.cplb_invalid import CplbInvalid
from k0slint.testing import Invalid, Valid, assert_invalid, assert_valid
from tests.rules._configs import spec

RULE = CplbInvalid


def vrrp(body: str) -> str:
    return spec(
        "network:\n  controlPlaneLoadBalancing:\n    enabled: true\n    keepalived:\n      vrrpInstances:\n"
        + "".join(f"        {line}\n" for line in body.splitlines())
    )


VALID = [
    Valid(vrrp("- virtualIPs: [192.168.1.1/24]\n  authPass: '123456'"), k0s_version="1.30"),
    Valid(vrrp("- virtualIPs: [192.168.1.1/24]"), k0s_version="1.29"),
]
INVALID = [
    Invalid(
        vrrp("- virtualIPs: [192.168.1.1/24]"),
        at=[(9, 13)],
        k0s_version="1.30",
        message="AuthPass must be defined",
    ),
    Invalid(
        vrrp("- virtualIPs: [192.168.1.1/24]\n  authPass: '012345678'"),
        at=[(10, 23)],
        message="8 characters or less",
    ),
    Invalid(
        vrrp("- virtualIPs: [192.168.1.1]\n  authPass: x"),
        at=[(9, 26)],
        message="VirtualIPs must be a CIDR",
    ),
    Invalid(
        vrrp(
            "- virtualIPs: [192.168.1.1/24]\n  authPass: x\n  unicastSourceIP: example.com\n  unicastPeers: [192.168.1.2]"
        ),
        at=[(11, 30)],
        k0s_version="1.32.1",
        message="valid UnicastSourceIP",
    ),
    Invalid(
        vrrp(
            "- virtualIPs: [192.168.1.1/24]\n  authPass: x\n  unicastSourceIP: 192.168.1.1\n  unicastPeers: [192.168.1.1]"
        ),
        at=[(12, 28)],
        k0s_version="1.32.1",
        message="must not contain the UnicastSourceIP",
    ),
    Invalid(
        spec(
            "network:\n  controlPlaneLoadBalancing:\n    keepalived:\n      virtualServers:\n"
            "        - ipAddress: INVALID\n"
        ),
        at=[(8, 24)],
        k0s_version="1.30",
        message="invalid IP address: INVALID",
    ),
    Invalid(
        spec(
            "network:\n  controlPlaneLoadBalancing:\n    keepalived:\n      virtualServers:\n        - delayLoop: -1ns\n"
        ),
        at=[(8, 13), (8, 24)],
        k0s_version="1.30",
        message="DelayLoop must be positive",
    ),
]


@pytest.mark.parametrize("case", VALID)
def test_valid(case: Valid) -> None:
    assert_valid(RULE, case)


@pytest.mark.parametrize("case", INVALID)
def test_invalid(case: Invalid) -> None:
    assert_invalid(RULE, case)
