"""K0S208 null-section-crash: null image settings with a repository."""

from __future__ import annotations

import pytest

from k0slint.rules.null_section_crash import NullSectionCrash
from k0slint.testing import Invalid, Valid, assert_invalid, assert_valid
from tests.rules._configs import spec

RULE = NullSectionCrash
VALID = [
    Valid(spec("images:\n  repository: r.example.com\n  konnectivity: null\n"), k0s_version="1.31.14"),
    Valid(spec("images:\n  konnectivity: null\n"), k0s_version="1.36"),
]
INVALID = [
    Invalid(
        spec("images:\n  repository: r.example.com\n  konnectivity: null\n"),
        at=[(6, 5)],
        k0s_version="1.32.1",
        message="crash",
    ),
    Invalid(
        spec("images:\n  repository: r.example.com\n  calico:\n    cni: ~\n"),
        at=[(7, 7)],
        message="images.calico.cni: null",
    ),
]


@pytest.mark.parametrize("case", VALID)
def test_valid(case: Valid) -> None:
    assert_valid(RULE, case)


@pytest.mark.parametrize("case", INVALID)
def test_invalid(case: Invalid) -> None:
    assert_invalid(RULE, case)
