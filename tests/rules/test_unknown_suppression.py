"""K0S009 unknown-suppression: a `# k0slint: disable` naming a rule that does not exist."""

from __future__ import annotations

import pytest

from k0slint.rules.unknown_suppression import UnknownSuppression
from k0slint.testing import Invalid, Valid, assert_invalid, assert_valid
from tests.rules._configs import spec

RULE = UnknownSuppression
HERE = spec("images:\n  repository: registry.acme.corp\n")
COREDNS = "    coredns: {image: quay.io/k0sproject/coredns}"

VALID = [
    Valid(HERE + f"{COREDNS}  # k0slint: disable=K0S101\n"),
    Valid(HERE + f"{COREDNS}  # k0slint: disable=image-outside-repository\n"),
    Valid(HERE + f"{COREDNS}  # k0slint: disable=K0S\n"),
    Valid(HERE + f"{COREDNS}  # k0slint: disable\n"),
]
INVALID = [
    Invalid(HERE + f"{COREDNS}  # k0slint: disable=K0S10l\n", at=[(6, 51)], message="'K0S10l'"),
    Invalid(HERE + "    # k0slint: disable=image-outside-repo\n", at=[(6, 5)]),
    Invalid("# k0slint: disable-file=ACME001\n" + HERE, at=[(1, 1)], message="'ACME001'"),
    Invalid(HERE + "    # k0slint: disable=K0S101,NOPE1 two\n", at=[(6, 5)], message="'NOPE1'"),
]


@pytest.mark.parametrize("case", VALID)
def test_valid(case: Valid) -> None:
    assert_valid(RULE, case)


@pytest.mark.parametrize("case", INVALID)
def test_invalid(case: Invalid) -> None:
    assert_invalid(RULE, case)
