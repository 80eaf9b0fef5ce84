"""K0S008 unused-suppression: a `# k0slint: disable` that suppresses nothing."""

from __future__ import annotations

import pytest

from k0slint.rules.image_rewritten_into_repository import ImageRewrittenIntoRepository
from k0slint.rules.unused_suppression import UnusedSuppression
from k0slint.testing import Invalid, Valid, assert_invalid, assert_valid
from tests.rules._configs import spec

RULE = UnusedSuppression
# K0S110 runs alongside: a suppression of it is used where it finds something.
ALONGSIDE = (ImageRewrittenIntoRepository,)
HERE = spec("images:\n  repository: registry.acme.corp\n")
COREDNS = "    coredns: {image: quay.io/k0sproject/coredns}"  # K0S110 at column 23

VALID = [
    Valid(HERE + f"{COREDNS}  # k0slint: disable=K0S110 proxied\n", alongside=ALONGSIDE),
    # Names only a rule that is not enabled in this run: nothing to say about it.
    Valid(HERE + "    # k0slint: disable=K0S201\n", alongside=ALONGSIDE),
    Valid(HERE + "    # k0slint: enable=K0S110\n", alongside=ALONGSIDE),
]
INVALID = [
    Invalid(HERE + "    # k0slint: disable=K0S110 was needed once\n", at=[(6, 5)], alongside=ALONGSIDE),
    Invalid(
        HERE + "    konnectivity: {}  # k0slint: disable\n",
        at=[(6, 23)],
        message="every rule",
        alongside=ALONGSIDE,
    ),
    Invalid("# k0slint: disable-file=K0S110\n" + HERE, at=[(1, 1)], alongside=ALONGSIDE),
    Invalid(
        HERE + "    # k0slint: disable=K0S110\n    # k0slint: enable=K0S110\n",
        at=[(6, 5)],
        message="this suppression of K0S110 suppresses nothing",
        alongside=ALONGSIDE,
    ),
]


@pytest.mark.parametrize("case", VALID)
def test_valid(case: Valid) -> None:
    assert_valid(RULE, case)


@pytest.mark.parametrize("case", INVALID)
def test_invalid(case: Invalid) -> None:
    assert_invalid(RULE, case)
