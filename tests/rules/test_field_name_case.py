"""K0S007 field-name-case."""

from __future__ import annotations

import pytest

from k0slint.rules.field_name_case import FieldNameCase
from k0slint.testing import Invalid, Valid, assert_invalid, assert_valid, lint
from tests.rules._configs import spec

RULE = FieldNameCase
VALID = [
    Valid(spec("network:\n  kubeProxy:\n    mode: ipvs\n")),
    Valid(spec("images:\n  kubeproxy: {image: x}\n")),
]
INVALID = [
    Invalid(
        spec("network:\n  kubeproxy:\n    mode: ipvs\n"),
        at=[(5, 5)],
        message="spec.network.kubeproxy: the field is spelled 'kubeProxy'",
    ),
    Invalid(spec("Images:\n  Repository: r.example.com\n"), at=[(4, 3), (5, 5)]),
]


@pytest.mark.parametrize("case", VALID)
def test_valid(case: Valid) -> None:
    assert_valid(RULE, case)


@pytest.mark.parametrize("case", INVALID)
def test_invalid(case: Invalid) -> None:
    assert_invalid(RULE, case)


def test_did_you_mean_kubeproxy_suggests_kubeProxy() -> None:
    (finding,) = lint(spec("network:\n  kubeproxy: {mode: ipvs}\n"), [RULE])
    assert "'kubeProxy'" in finding.message
    assert finding.fix is not None and finding.fix.applicability.value == "safe"
