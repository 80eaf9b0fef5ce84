"""K0S202 nllb-with-external-address: validate_test.go TestValidateCmd "stdin"."""

from __future__ import annotations

import pytest

from k0slint.rules.nllb_external_address import NllbWithExternalAddress
from k0slint.testing import Invalid, Valid, assert_invalid, assert_valid
from tests.rules._configs import spec

RULE = NllbWithExternalAddress
VALID = [
    Valid(spec("network:\n  nodeLocalLoadBalancing:\n    enabled: true\n")),
    Valid(
        spec(
            "api:\n  externalAddress: k0s.example.com\nnetwork:\n  nodeLocalLoadBalancing:\n    enabled: false\n"
        )
    ),
]
INVALID = [
    # cmd/config/validate_test.go TestValidateCmd "stdin": NLLB + externalAddress k0s.example.com
    Invalid(
        spec(
            "api:\n  externalAddress: k0s.example.com\nnetwork:\n  nodeLocalLoadBalancing:\n    enabled: true\n"
        ),
        at=[(8, 16)],
        message="node-local load balancing cannot be used with api.externalAddress 'k0s.example.com'",
    ),
    Invalid(
        spec(
            "api:\n  tunneledNetworkingMode: true\n  port: 7443\nnetwork:\n  nodeLocalLoadBalancing:\n    enabled: true\n"
        ),
        at=[(9, 16)],
        k0s_version="1.27",
        message="tunneled networking mode",
    ),
]


@pytest.mark.parametrize("case", VALID)
def test_valid(case: Valid) -> None:
    assert_valid(RULE, case)


@pytest.mark.parametrize("case", INVALID)
def test_invalid(case: Invalid) -> None:
    assert_invalid(RULE, case)
