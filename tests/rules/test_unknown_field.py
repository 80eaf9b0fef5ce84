"""K0S003 unknown-field, K0S004 ignored-field, K0S007 field-name-case."""

from __future__ import annotations

import pytest

from k0slint.lint.findings import Severity
from k0slint.rules.field_name_case import FieldNameCase
from k0slint.rules.ignored_field import IgnoredField
from k0slint.rules.unknown_field import UnknownField
from k0slint.testing import Invalid, Valid, assert_invalid, assert_valid, lint
from tests.rules._configs import spec

UNKNOWN_VALID = [
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
UNKNOWN_INVALID = [
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

IGNORED_VALID = [
    Valid(spec("images:\n  repository: registry.acme.corp\n")),
    Valid(spec("images:\n  pause: {image: registry.k8s.io/pause}\n"), k0s_version="1.28.2"),
    Valid(spec("api:\n  address: 10.0.0.1\n")),
    Valid(spec("aaa: 1\n")),  # strict: K0S003's
]
IGNORED_INVALID = [
    Invalid(
        spec("images:\n  repositry: registry.acme.corp\n"),
        at=[(5, 5)],
        message=(
            "spec.images.repositry is not a k0s field: k0s v1.36.3+k0s.2 ignores it; did you mean 'repository'?; "
            "no image is redirected to a repository"
        ),
    ),
    Invalid(
        spec("images:\n  pushgatway:\n    image: x\n"), at=[(5, 5)], message="did you mean 'pushgateway'?"
    ),
    Invalid(spec("network:\n  provide: calico\n"), at=[(5, 5)], message="did you mean 'provider'?"),
    Invalid(
        spec("images:\n  pause: {image: x}\n"), at=[(5, 5)], k0s_version="1.27", message="exists from v1.28.2"
    ),
    Invalid(spec("images:\n  windows: {}\n"), at=[(5, 5)], k0s_version="1.33", message="exists from v1.34.1"),
    Invalid(
        spec("network:\n  nodeLocalLoadBalancing:\n    traefik: {}\n"),
        at=[(6, 7)],
        k0s_version="1.35",
        message="exists from v1.36.1",
    ),
    Invalid(spec("api:\n  nodeIP: 10.0.0.1\n"), at=[(5, 5)], k0s_version="1.30"),
    Invalid(spec("podSecurityPolicy:\n  defaultPolicy: x\n"), at=[(4, 3)], message="k0s forgives it"),
    Invalid(spec("telemetry:\n  interval: 10m\n"), at=[(5, 5)], message="k0s forgives it"),
    Invalid(
        spec("podSecurityPolicy: {}\nzzz: 1\n"),
        at=[(4, 3), (5, 3)],
        message="a forgiven field met first hides the error",
    ),
]

CASE_VALID = [
    Valid(spec("network:\n  kubeProxy:\n    mode: ipvs\n")),
    Valid(spec("images:\n  kubeproxy: {image: x}\n")),
]
CASE_INVALID = [
    Invalid(
        spec("network:\n  kubeproxy:\n    mode: ipvs\n"),
        at=[(5, 5)],
        message="spec.network.kubeproxy: the field is spelled 'kubeProxy'",
    ),
    Invalid(spec("Images:\n  Repository: r.example.com\n"), at=[(4, 3), (5, 5)]),
]


@pytest.mark.parametrize("case", UNKNOWN_VALID)
def test_unknown_valid(case: Valid) -> None:
    assert_valid(UnknownField, case)


@pytest.mark.parametrize("case", UNKNOWN_INVALID)
def test_unknown_invalid(case: Invalid) -> None:
    assert_invalid(UnknownField, case)


@pytest.mark.parametrize("case", IGNORED_VALID)
def test_ignored_valid(case: Valid) -> None:
    assert_valid(IgnoredField, case)


@pytest.mark.parametrize("case", IGNORED_INVALID)
def test_ignored_invalid(case: Invalid) -> None:
    assert_invalid(IgnoredField, case)


@pytest.mark.parametrize("case", CASE_VALID)
def test_case_valid(case: Valid) -> None:
    assert_valid(FieldNameCase, case)


@pytest.mark.parametrize("case", CASE_INVALID)
def test_case_invalid(case: Invalid) -> None:
    assert_invalid(FieldNameCase, case)


def test_forgiven_fields_are_warnings_and_typos_errors() -> None:
    forgiven, typo = lint(spec("telemetry:\n  interval: 10m\nimages:\n  repositry: r\n"), [IgnoredField])
    assert (forgiven.severity, typo.severity) == (Severity.WARNING, Severity.ERROR)


def test_typo_fix_is_unsafe_and_renames_the_key() -> None:
    (finding,) = lint(spec("images:\n  repositry: registry.acme.corp\n"), [IgnoredField])
    assert finding.fix is not None and finding.fix.applicability.value == "unsafe"
    (edit,) = finding.fix.edits
    assert edit.value == "repository"  # type: ignore[union-attr]


def test_did_you_mean_kubeproxy_suggests_kubeProxy() -> None:
    (finding,) = lint(spec("network:\n  kubeproxy: {mode: ipvs}\n"), [FieldNameCase])
    assert "'kubeProxy'" in finding.message
    assert finding.fix is not None and finding.fix.applicability.value == "safe"
