"""K0S004 ignored-field: a key k0s ignores or forgives."""

from __future__ import annotations

import pytest

from k0slint.fix.edits import ReplaceValue
from k0slint.lint.findings import Severity
from k0slint.rules.ignored_field import IgnoredField
from k0slint.testing import Invalid, Valid, assert_invalid, assert_valid, lint
from tests.rules._configs import spec

RULE = IgnoredField
VALID = [
    Valid(spec("telemetry:\n  interval: 10m\n")),  # k0s crashes on it: K0S003's
    Valid(spec("images:\n  repository: registry.acme.corp\n")),
    Valid(spec("images:\n  pause: {image: registry.k8s.io/pause}\n"), k0s_version="1.28.2"),
    Valid(spec("api:\n  address: 10.0.0.1\n")),
    Valid(spec("aaa: 1\n")),  # strict: K0S003's
]
INVALID = [
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
    Invalid(
        spec("podSecurityPolicy: {}\nzzz: 1\n"),
        at=[(4, 3), (5, 3)],
        message="a forgiven field met first hides the error",
    ),
]


@pytest.mark.parametrize("case", VALID)
def test_valid(case: Valid) -> None:
    assert_valid(RULE, case)


@pytest.mark.parametrize("case", INVALID)
def test_invalid(case: Invalid) -> None:
    assert_invalid(RULE, case)


def test_forgiven_fields_are_warnings_and_typos_errors() -> None:
    forgiven, typo = lint(spec("podSecurityPolicy: {}\nimages:\n  repositry: r\n"), [RULE])
    assert (forgiven.severity, typo.severity) == (Severity.WARNING, Severity.ERROR)


def test_typo_fix_is_unsafe_and_renames_the_key() -> None:
    (finding,) = lint(spec("images:\n  repositry: registry.acme.corp\n"), [RULE])
    assert finding.fix is not None and finding.fix.applicability.value == "unsafe"
    (edit,) = finding.fix.edits
    assert isinstance(edit, ReplaceValue) and edit.value == "repository"
