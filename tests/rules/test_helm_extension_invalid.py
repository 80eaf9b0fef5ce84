"""K0S205 helm-extension-invalid: extenstions_test.go TestValidation."""

from __future__ import annotations

import pytest

from k0slint.rules.helm_extension_invalid import HelmExtensionInvalid
from k0slint.testing import Invalid, Valid, assert_invalid, assert_valid
from tests.rules._configs import spec

RULE = HelmExtensionInvalid


def chart(body: str) -> str:
    return spec(
        "extensions:\n  helm:\n    charts:\n" + "".join(f"      {line}\n" for line in body.splitlines())
    )


VALID = [
    Valid(chart("- name: release\n  chartname: k0s/chart\n  namespace: default")),
    Valid(
        spec(
            "extensions:\n  helm:\n    repositories:\n      - name: repo\n        url: http://charts.helm.sh\n"
        )
    ),
]
INVALID = [
    Invalid(
        chart("- name: ''\n  chartname: k0s/chart\n  namespace: default"),
        at=[(7, 11)],
        message="needs a name",
    ),
    Invalid(chart("- name: release\n  chartname: k0s/chart"), at=[(7, 11)], message="needs a namespace"),
    Invalid(chart("- name: release\n  namespace: default"), at=[(7, 11)], message="needs a chartname"),
    Invalid(
        chart("- name: My_Release\n  chartname: c\n  namespace: d"),
        at=[(7, 17)],
        message="not a valid helm release name",
    ),
    Invalid(
        spec("extensions:\n  helm:\n    repositories:\n      - name: repo\n"),
        at=[(7, 11)],
        message="needs a url",
    ),
    Invalid(
        spec("extensions:\n  helm:\n    repositories:\n      - url: http://x\n"),
        at=[(7, 11)],
        message="needs a name",
    ),
]


@pytest.mark.parametrize("case", VALID)
def test_valid(case: Valid) -> None:
    assert_valid(RULE, case)


@pytest.mark.parametrize("case", INVALID)
def test_invalid(case: Invalid) -> None:
    assert_invalid(RULE, case)
