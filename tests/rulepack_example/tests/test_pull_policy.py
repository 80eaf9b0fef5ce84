"""The pack's own tests, with the tables k0slint's built-in rules use (k0slint.testing)."""

from __future__ import annotations

import pytest
from k0slint_acme import PullPolicyAlways

from k0slint.testing import Invalid, Valid, assert_invalid, assert_valid

HEADER = "apiVersion: k0s.k0sproject.io/v1beta1\nkind: ClusterConfig\n"


@pytest.mark.parametrize(
    "case",
    [
        Valid(HEADER + "spec:\n  images:\n    default_pull_policy: IfNotPresent\n"),
        Valid(HEADER + "spec:\n  images:\n    repository: registry.acme.corp\n"),
        Valid(HEADER + "spec: {}\n"),
    ],
)
def test_valid(case: Valid) -> None:
    assert_valid(PullPolicyAlways, case)


@pytest.mark.parametrize(
    "case",
    [
        Invalid(HEADER + "spec:\n  images:\n    default_pull_policy: Always\n", at=[(5, 26)]),
        Invalid(
            "apiVersion: k0sctl.k0sproject.io/v1beta1\nkind: Cluster\nspec:\n  k0s:\n    config:\n"
            "      spec:\n        images:\n          default_pull_policy: 'Always'\n",
            at=[(8, 32)],
            filename="k0sctl.yaml",
        ),
    ],
)
def test_invalid(case: Invalid) -> None:
    assert_invalid(PullPolicyAlways, case)
