"""K0S006 duplicate-key."""

from __future__ import annotations

import pytest

from k0slint.rules.duplicate_key import DuplicateKey
from k0slint.testing import Invalid, Valid, assert_invalid, assert_valid

RULE = DuplicateKey
VALID = [
    Valid("apiVersion: k0s.k0sproject.io/v1beta1\nspec:\n  base: &b {a: 1}\n  x:\n    <<: *b\n    a: 2\n"),
]
INVALID = [
    Invalid(
        "apiVersion: k0s.k0sproject.io/v1beta1\nspec:\n  images:\n    repository: r\n  images:\n    default_pull_policy: Always\n",
        at=[(5, 3)],
        message="key 'images' is already set in this mapping",
    ),
    Invalid(
        "apiVersion: k0sctl.k0sproject.io/v1beta1\nkind: Cluster\nspec:\n  hosts: []\n  hosts: []\n",
        at=[(5, 3)],
        filename="k0sctl.yaml",
    ),
    # In a ClusterConfig document that k0sctl merges into its Cluster.
    Invalid(
        "apiVersion: k0s.k0sproject.io/v1beta1\nkind: ClusterConfig\nspec:\n  network: {}\n  network: {}\n"
        "---\napiVersion: k0sctl.k0sproject.io/v1beta1\nkind: Cluster\nspec:\n  hosts: []\n",
        at=[(5, 3)],
        filename="k0sctl.yaml",
    ),
    # In a config written as a string (a ConfigMap's k0s.yaml).
    Invalid(
        "apiVersion: v1\nkind: ConfigMap\ndata:\n  k0s.yaml: |\n"
        "    apiVersion: k0s.k0sproject.io/v1beta1\n    kind: ClusterConfig\n"
        "    spec:\n      api: {}\n      api: {}\n",
        at=[(9, 7)],
        filename="configmap.yaml",
    ),
    # Repeated in an anchored mapping that an alias brings in again: reported once.
    Invalid(
        "apiVersion: k0s.k0sproject.io/v1beta1\nspec:\n  a: &x {k: 1, k: 2}\n  b: *x\n",
        at=[(3, 16)],
    ),
]


@pytest.mark.parametrize("case", VALID)
def test_valid(case: Valid) -> None:
    assert_valid(RULE, case)


@pytest.mark.parametrize("case", INVALID)
def test_invalid(case: Invalid) -> None:
    assert_invalid(RULE, case)
