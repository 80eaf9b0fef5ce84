from __future__ import annotations

import pytest

from k0slint.rules.repository_malformed import RepositoryMalformed, repository_problems
from k0slint.testing import Invalid, Valid, assert_invalid, assert_valid

RULE = RepositoryMalformed


def config(repository: str) -> str:
    return f"apiVersion: k0s.k0sproject.io/v1beta1\nkind: ClusterConfig\nspec:\n  images:\n    repository: {repository}\n"


VALID = [
    Valid(config(repository))
    for repository in [
        "registry.acme.corp",
        "registry.acme.corp:5000",
        "registry.acme.corp:5000/mirror/k0s",
        "localhost:5000",
        "ghcr.io/mirantiscontainers",
        "Registry.ACME.corp/mirror",
        "acme",
        "${REGISTRY}",
        '""',
    ]
]
INVALID = [
    Invalid(config(repository), at=[(5, 17)], message=problem)
    for repository, problem in [
        ("https://registry.acme.corp", "a URL scheme (https://)"),
        ("registry.acme.corp/", "a trailing '/'"),
        ("/registry.acme.corp/mirror", "a leading '/'"),
        ("registry.acme.corp//mirror", "an empty path segment ('//')"),
        ("'registry.acme.corp '", "leading or trailing whitespace"),
        ("'registry.acme.corp/my mirror'", "whitespace inside"),
        ("registry.acme.corp/Mirror", "upper case in the path"),
        ("registry.acme.corp/k0s:v1", "a tag (':...') in the path"),
        ("registry.acme.corp/k0s@sha256:abcd", "a digest"),
    ]
]


@pytest.mark.parametrize("case", VALID)
def test_valid(case: Valid) -> None:
    assert_valid(RULE, case)


@pytest.mark.parametrize("case", INVALID)
def test_invalid(case: Invalid) -> None:
    assert_invalid(RULE, case)


def test_all_problems_in_one_message() -> None:
    assert repository_problems("https://Registry.acme.corp/Mirror/") == [
        "a URL scheme (https://); image references have none",
        "a trailing '/' (k0s would pull e.g. <repository>/k0sproject/coredns with '//')",
        "upper case in the path (image paths must be lower case)",
    ]
