"""K0S003 unknown-field: a key k0s refuses the config for (TestUnknownFieldValidation)."""

from __future__ import annotations

import pytest

from k0slint.rules.unknown_field import UnknownField
from k0slint.testing import Invalid, Valid, assert_invalid, assert_valid
from tests.rules._configs import spec

RULE = UnknownField
VALID = [
    Valid(spec("images:\n  repositry: registry.acme.corp\n")),  # lenient: K0S004's
    Valid(spec("featureGates:\n  - name: SomeGate\n    enabled: true\n"), k0s_version="1.27.1"),
    Valid(
        spec("extensions:\n  helm:\n    charts:\n      - name: x\n        forceUpgrade: true\n"),
        k0s_version="1.28.14",
    ),
    Valid(spec("konnectivity:\n  externalAddress: k.example.com\n"), k0s_version="1.33.6"),
    Valid(spec("api:\n  unknownThing: 1\n"), k0s_version="1.30"),  # api is lenient from 1.30
    Valid(spec("podSecurityPolicy:\n  defaultPolicy: 00-k0s-privileged\n")),  # forgiven: K0S004
    # A forgiven key met first (sorted order) hides a later unknown key: k0s accepts the config.
    Valid(spec("podSecurityPolicy: {}\nzzz: 1\n")),
]
INVALID = [
    # k0s's own loader panics on `interval` (v1.27.2 - v1.33.8+k0s.1: conformance/, finding F1).
    Invalid(spec("telemetry:\n  interval: 10m\n"), at=[(5, 5)], message="crashes on it instead of forgiving"),
    Invalid(spec("konnectivity:\n  interval: 5\n"), at=[(5, 5)], message="crashes on it"),
    # TestUnknownFieldValidation
    Invalid("apiVersion: k0s.k0sproject.io/v1beta1\nkind: ClusterConfig\nunknown: 1\n", at=[(3, 1)]),
    Invalid(
        spec("extensions:\n  helm:\n    chart:\n      - name: metallb\n"),
        at=[(6, 7)],
        message="unknown field spec.extensions.helm.chart: k0s v1.36.3+k0s.2 refuses the config; did you mean 'charts'?",
    ),
    Invalid(spec("podCIDR: 10.244.0.0/16\n"), at=[(4, 3)], message="did you mean 'spec.network.podCIDR'?"),
    Invalid(
        spec("featureGates: []\n"), at=[(4, 3)], k0s_version="1.26", message="(the field exists from v1.27.1)"
    ),
    Invalid(
        spec("extensions:\n  helm:\n    charts:\n      - name: x\n        forceUpgrade: true\n"),
        at=[(8, 11)],
        k0s_version="1.28.13",
        message="exists from v1.28.14",
    ),
    Invalid(spec("konnectivity:\n  externalAddress: k.example.com\n"), at=[(5, 5)], k0s_version="1.33.5"),
    # api is strict up to 1.29; tunneledNetworkingMode is gone from 1.28.2.
    Invalid(
        spec("api:\n  tunneledNetworkingMode: true\n"),
        at=[(5, 5)],
        k0s_version="1.28",
        message="exists up to 1.27.x",
    ),
    Invalid("apiVersion: k0s.k0sproject.io/v1beta1\nmetadata:\n  name: k0s\n  labelz: {}\n", at=[(4, 3)]),
    # The first unknown key in k0s's (sorted) order is not forgiven: the config is refused.
    Invalid(spec("aaa: 1\npodSecurityPolicy: {}\n"), at=[(4, 3)]),
]


@pytest.mark.parametrize("case", VALID)
def test_valid(case: Valid) -> None:
    assert_valid(RULE, case)


@pytest.mark.parametrize("case", INVALID)
def test_invalid(case: Invalid) -> None:
    assert_invalid(RULE, case)
