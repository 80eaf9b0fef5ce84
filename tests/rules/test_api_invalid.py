"""K0S201 api-invalid: api_test.go TestApiSuite."""

from __future__ import annotations

import pytest

from k0slint.lint.findings import Severity
from k0slint.rules.api_invalid import ApiInvalid
from k0slint.testing import Invalid, Valid, assert_invalid, assert_valid
from tests.rules._configs import spec

RULE = ApiInvalid
VALID = [
    Valid(spec("api:\n  address: 10.0.0.1\n  sans: [10.0.0.1, k8s.acme.corp, K8S_Host.example]\n")),
    # accepts_ipv6_as_address
    Valid(spec("api:\n  address: 2001:0db8:85a3:0000:0000:8a2e:0370:7334\n")),
    Valid(spec("api:\n  address: 0.0.0.0\n"), k0s_version="1.30"),
    Valid(spec("api:\n  address: ''\n"), k0s_version="1.30"),
    Valid(spec("api:\n  externalAddress: k8s.acme.corp:6443\n"), k0s_version="1.33.6"),
    Valid(spec("api:\n  externalAddress: '[::1]:6443'\n"), k0s_version="1.34.1"),
    Valid(spec("api:\n  address: '${CONTROLLER_IP}'\n  sans: ['{{ .ip }}']\n")),
    Valid(spec("api:\n  tunneledNetworkingMode: true\n  port: 7443\n"), k0s_version="1.27"),
]
INVALID = [
    # invalid_api_address
    Invalid(
        spec("api:\n  address: something.that.is.not.valid//(())\n"),
        at=[(5, 14)],
        message="api.address 'something.that.is.not.valid//(())' is not an IP address",
    ),
    # invalid_sans_address
    Invalid(
        spec("api:\n  address: 10.0.0.1\n  sans: [something.that.is.not.valid//(())]\n"),
        at=[(6, 12)],
        message="api.sans[0] 'something.that.is.not.valid//(())' is not an IP address or a DNS name",
    ),
    Invalid(spec("api:\n  address: 0.0.0.0\n"), at=[(5, 14)], k0s_version="1.31.1", message="INADDR_ANY"),
    Invalid(spec("api:\n  address: '::'\n"), at=[(5, 14)], message="INADDR_ANY"),
    Invalid(spec("api:\n  address: ''\n"), at=[(5, 14)], k0s_version="1.29"),
    Invalid(spec("api:\n  address: controller.lan\n"), at=[(5, 14)]),
    Invalid(spec("api:\n  address: 010.0.0.1\n"), at=[(5, 14)]),
    Invalid(spec("api:\n  externalAddress: k8s.acme.corp:6443\n"), at=[(5, 22)], k0s_version="1.33.5"),
    Invalid(
        spec("api:\n  externalAddress: 0.0.0.0\n"), at=[(5, 22)], k0s_version="1.31", message="INADDR_ANY"
    ),
    # Up to v1.31.12 the whole string is checked. (From v1.31.13 net.SplitHostPort splits
    # "https://k8s.acme.corp" into host "https" and k0s accepts it.)
    Invalid(spec("api:\n  externalAddress: https://k8s.acme.corp\n"), at=[(5, 22)], k0s_version="1.31.12"),
    # TunneledNetworkingMode_and_default_kas_port_is_invalid (1.26/1.27)
    Invalid(spec("api:\n  tunneledNetworkingMode: true\n"), at=[(5, 29)], k0s_version="1.26"),
]


@pytest.mark.parametrize("case", VALID)
def test_valid(case: Valid) -> None:
    assert_valid(RULE, case)


@pytest.mark.parametrize("case", INVALID)
def test_invalid(case: Invalid) -> None:
    assert_invalid(RULE, case)


def test_severity() -> None:
    assert RULE.severity is Severity.ERROR
