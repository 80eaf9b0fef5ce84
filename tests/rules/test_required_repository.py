from __future__ import annotations

import pytest

from k0slint.lint.findings import Finding
from k0slint.lint.fixing import fix_text
from k0slint.rules.required_repository import RequiredRepository
from k0slint.testing import Invalid, Valid, assert_invalid, assert_valid, lint
from tests.rules._configs import spec

RULE = RequiredRepository
REQUIRED = {"required-repository": "registry.acme.corp"}
K0SCTL = """\
apiVersion: k0sctl.k0sproject.io/v1beta1
kind: Cluster
spec:
  k0s:
    config:
      spec:
        images:
          repository: {repository}
"""

VALID = [
    Valid(spec("images:\n  repository: registry.acme.corp\n"), options=REQUIRED),
    Valid(spec('images: {repository: "registry.acme.corp"}\n'), options=REQUIRED),
    Valid(K0SCTL.format(repository="registry.acme.corp"), options=REQUIRED, filename="k0sctl.yaml"),
    # The option is unset: the rule is off.
    Valid(spec("images:\n  repository: ghcr.io/acme\n")),
    Valid(spec("api: {}\n")),
    # Not a k0s configuration.
    Valid("services:\n  web:\n    image: nginx\n", options=REQUIRED, filename="compose.yaml"),
]

INVALID = [
    Invalid(
        spec("images:\n  repository: ghcr.io/acme\n"),
        at=[(5, 17)],
        options=REQUIRED,
        message="repository 'ghcr.io/acme' is not the required 'registry.acme.corp'",
    ),
    # A path below the required repository is another repository.
    Invalid(spec("images:\n  repository: registry.acme.corp/k0s\n"), at=[(5, 17)], options=REQUIRED),
    Invalid(
        spec("images:\n  konnectivity: {image: registry.acme.corp/konnectivity}\n"),
        at=[(4, 3)],
        options=REQUIRED,
        message="spec.images.repository is not set; the required repository is 'registry.acme.corp'",
    ),
    Invalid(spec("api: {}\n"), at=[(3, 1)], options=REQUIRED),
    Invalid("apiVersion: k0s.k0sproject.io/v1beta1\nkind: ClusterConfig\n", at=[(1, 1)], options=REQUIRED),
    Invalid(
        K0SCTL.format(repository="docker.io/acme"), at=[(8, 23)], options=REQUIRED, filename="k0sctl.yaml"
    ),
]


@pytest.mark.parametrize("case", VALID)
def test_valid(case: Valid) -> None:
    assert_valid(RULE, case)


@pytest.mark.parametrize("case", INVALID)
def test_invalid(case: Invalid) -> None:
    assert_invalid(RULE, case)


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "images:\n  repository: ghcr.io/acme  # ours\n",
            "images:\n  repository: registry.acme.corp  # ours\n",
        ),
        ("images:\n  repository: 'ghcr.io/acme'\n", "images:\n  repository: 'registry.acme.corp'\n"),
        (
            "images:\n  konnectivity: {image: x}\n",
            "images:\n  konnectivity: {image: x}\n  repository: registry.acme.corp\n",
        ),
        ("api: {}\n", "api: {}\nimages:\n  repository: registry.acme.corp\n"),
    ],
)
def test_fix_is_unsafe_and_writes_the_repository(body: str, expected: str) -> None:
    text = spec(body)

    def findings(current: str) -> list[Finding]:
        return lint(current, [RULE], options=REQUIRED)

    (finding,) = findings(text)
    assert finding.fix is not None and finding.fix.applicability.value == "unsafe"
    assert fix_text(text, findings, unsafe=False)[0].text == text
    outcome, remaining = fix_text(text, findings, unsafe=True)
    assert (outcome.text, remaining) == (spec(expected), [])
