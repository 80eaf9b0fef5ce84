"""K0S207 storage-extension: extensions.storage (storageextensions, validate_test.go 1.28.3-1.30)."""

from __future__ import annotations

import pytest

from k0slint.lint.findings import Severity
from k0slint.rules.storage_extension import StorageExtension
from k0slint.testing import Invalid, Valid, assert_invalid, assert_valid, lint
from tests.rules._configs import spec

RULE = StorageExtension
VALID = [
    Valid(spec("extensions:\n  storage:\n    type: external_storage\n"), k0s_version="1.36"),
    Valid(spec("extensions:\n  storage:\n    type: openebs_local_storage\n"), k0s_version="1.30"),
]
INVALID = [
    Invalid(
        spec("extensions:\n  storage:\n    type: openebs_local_storage\n"),
        at=[(6, 13)],
        k0s_version="1.31.1",
        message="no-op",
    ),
    Invalid(
        spec("extensions:\n  storage:\n    type: nfs\n"),
        at=[(6, 13)],
        k0s_version="1.29",
        message="unknown storage mode `nfs`",
    ),
    Invalid(
        spec("extensions:\n  storage:\n    type: external_storage\n    create_default_storage_class: true\n"),
        at=[(7, 37)],
        k0s_version="1.30",
        message="default storage class for external_storage",
    ),
]


@pytest.mark.parametrize("case", VALID)
def test_valid(case: Valid) -> None:
    assert_valid(RULE, case)


@pytest.mark.parametrize("case", INVALID)
def test_invalid(case: Invalid) -> None:
    assert_invalid(RULE, case)


def test_storage_extension_errors_before_1_31_warnings_after() -> None:
    (finding,) = lint(spec("extensions:\n  storage:\n    type: nfs\n"), [RULE], k0s_version="1.29")
    assert finding.severity is Severity.ERROR
    (finding,) = lint(
        spec("extensions:\n  storage:\n    type: openebs_local_storage\n"),
        [RULE],
        k0s_version="1.31",
    )
    assert finding.severity is Severity.WARNING
