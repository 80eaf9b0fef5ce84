"""Image references (k0slint.k0s.references): hosts as k0s sees them, normalisation as a
runtime does it, what is wrong with a repository and how K0S105's fix cleans it."""

from __future__ import annotations

import pytest

from k0slint.k0s.references import (
    clean_repository,
    is_under,
    k0s_host,
    name_problem,
    normalise,
    override_repository,
    repository_problems,
    shadowed_by_prefix,
    written_image_problem,
)

LEADING = "a leading '/' (k0s would pull e.g. /<repository>/k0sproject/coredns, which no runtime can parse)"
TRAILING = "a trailing '/' (k0s would pull e.g. <repository>/k0sproject/coredns with '//')"
EMPTY_SEGMENT = "an empty path segment ('//')"
UPPER = "upper case in the path (image paths must be lower case)"
TAG = "a tag (':...') in the path; the repository is a prefix, not an image"
DIGEST = "a digest ('@...'); the repository is a prefix, not an image"


@pytest.mark.parametrize(
    ("image", "host"),
    [
        ("registry.example", ""),  # no slash: a name, whatever it looks like
        ("localhost", ""),
        ("k/x", ""),
        ("Registry.Example/x", "Registry.Example"),
    ],
)
def test_a_host_needs_a_slash_after_it(image: str, host: str) -> None:
    assert k0s_host(image) == host


def test_the_override_replaces_the_host_once() -> None:
    assert override_repository("my.repo", "quay.io/quay.io/x", prefix_check=False) == "my.repo/quay.io/x"
    assert override_repository("", "quay.io/x", prefix_check=True) == "quay.io/x"


@pytest.mark.parametrize(
    ("image", "repository", "under"),
    [
        ("r.io/m/x", "r.io/m", True),
        ("r.io/m/x", "r.io/m/", True),
        ("r.io/m", "r.io/m/", True),
        ("r.io/mx/y", "r.io/m", False),
        ("r.io/y", "r.ioX", False),
    ],
)
def test_under_a_repository_means_at_a_path_boundary(image: str, repository: str, under: bool) -> None:
    assert is_under(image, repository) is under
    assert shadowed_by_prefix(image, repository) is (image.startswith(repository) and not under)


@pytest.mark.parametrize(
    ("reference", "registry", "path", "tag", "digest"),
    [
        ("localhost/foo", "localhost", "foo", None, None),
        ("localhost/foo:1", "localhost", "foo", "1", None),
        ("registry-1.docker.io/nginx", "docker.io", "library/nginx", None, None),
        ("registry-1.docker.io/bitnami/nginx:1", "docker.io", "bitnami/nginx", "1", None),
        ("MyOrg/mirror", "docker.io", "MyOrg/mirror", None, None),
        ("r.io/a:b:c", "r.io", "a:b", "c", None),
        ("x.io", "docker.io", "library/x.io", None, None),
        ("./x", ".", "x", None, None),
        ("nginx@sha256:ab", "docker.io", "library/nginx", None, "sha256:ab"),
    ],
)
def test_normalise_edge_cases(
    reference: str, registry: str, path: str, tag: str | None, digest: str | None
) -> None:
    found = normalise(reference)
    assert (found.registry, found.path, found.tag, found.digest) == (registry, path, tag, digest)
    assert found.repository == f"{registry}/{path}"


@pytest.mark.parametrize(
    ("value", "problems"),
    [
        ("registry.acme.corp/mirror", []),
        (" registry.acme.corp", ["leading or trailing whitespace"]),
        ("r.io/a b", ["whitespace inside"]),
        ("https://r.io/x://y", ["a URL scheme (https://); image references have none", EMPTY_SEGMENT, TAG]),
        ("r.io/m//", [TRAILING]),
        ("r.io//m", [EMPTY_SEGMENT]),
        ("r.io//X", [EMPTY_SEGMENT, UPPER]),
        ("r.io/miX", [UPPER]),
        ("MyOrg/mirror", [UPPER]),  # no host: every segment is path
        ("myorg/mirror:1", [TAG]),
        ("r.io:5000/mirror", []),
        ("/r.io:5000", [LEADING]),
        ("/my.repo/mirror", [LEADING]),
        ("https:///r.io/", ["a URL scheme (https://); image references have none", LEADING, TRAILING]),
        ("Xlocalhost", [UPPER]),
        ("r.io/m@sha256:ab", [DIGEST]),
        ("r.io/m:1@sha256:ab", [DIGEST]),
        ("", []),
    ],
)
def test_repository_problems(value: str, problems: list[str]) -> None:
    assert repository_problems(value) == problems


@pytest.mark.parametrize(
    ("value", "cleaned"),
    [
        ("https://r.io//a///b/", "r.io/a/b"),
        ("  r.io/a  ", "r.io/a"),
        ("r.io//mirror", "r.io/mirror"),
        ("/r.io/MirrorX/", "r.io/MirrorX"),
    ],
)
def test_clean_repository_collapses_doubled_slashes(value: str, cleaned: str) -> None:
    assert clean_repository(value) == cleaned


@pytest.mark.parametrize(
    ("name", "problem"),
    [
        ("quay.io/k0sproject/coredns", None),
        ("localhost/x", None),
        ("Registry.Example/x", None),  # upper case makes the first segment a domain
        ("MyOrg/mirror", None),
        (
            "myorg/Mirror",
            "the repository path 'myorg/Mirror' has upper case; registries take lower-case paths only",
        ),
        ("r_io:5000/x", "the registry 'r_io:5000' is not a host name or address with an optional port"),
        (
            "a_-b/x",
            "the path component 'a_-b' is not lower-case letters and digits joined by '.', '_', '__' or '-'",
        ),
        ("a.b_c/x", "the registry 'a.b_c' is not a host name or address with an optional port"),
        ("localhost", None),
        ("nginx", None),
        ("localhost/X", "the repository path 'X' has upper case; registries take lower-case paths only"),
        ("", "it is empty"),
        ("0123456789abcdef" * 4, "a 64-hex-digit string is an image ID, not a name"),
        ("a" * 255, None),
        ("a" * 256, "it is 256 characters long; a name has at most 255"),
    ],
)
def test_name_problem_splits_the_domain_as_a_runtime_does(name: str, problem: str | None) -> None:
    assert name_problem(name) == problem


@pytest.mark.parametrize(
    ("path", "value", "found"),
    [
        (
            ["spec", "images", "repository"],
            "r.io/",
            (
                "r.io/",
                "the path component '' is not lower-case letters and digits joined by '.', '_', '__' or '-'",
            ),
        ),
        (
            ["spec", "Images", "Repository"],
            "r.io/",
            (
                "r.io/",
                "the path component '' is not lower-case letters and digits joined by '.', '_', '__' or '-'",
            ),
        ),
        (["spec", "images", "repository"], "r.io", None),
        (["spec", "repository"], "r.io/", None),
        (["spec", "images", "x", "repository"], "r.io/", None),
        (
            ["spec", "images", "coredns", "image"],
            "Bad/Image",
            (
                "Bad/Image",
                "the repository path 'Image' has upper case; registries take lower-case paths only",
            ),
        ),
        (
            ["spec", "network", "nodeLocalLoadBalancing", "envoyProxy", "image"],
            "a b",
            ("a b", "it contains whitespace or a control character"),
        ),
        (
            ["spec", "network", "nodelocalloadbalancing", "envoyProxy", "image"],
            "a b",
            ("a b", "it contains whitespace or a control character"),
        ),
        (["spec", "network", "other", "image"], "a b", None),
        (["spec", "images", "coredns", "image"], 1, None),
        ([], "a b", None),
        (
            ["spec", "images"],
            {"ok": {"image": "x"}, "coredns": {"image": "A"}, "pause": {"image": "B"}},
            ("A", "the repository path 'A' has upper case; registries take lower-case paths only"),
        ),
        (["spec", "images"], {"coredns": {"image": "x"}}, None),
    ],
)
def test_written_image_problem(path: list[object], value: object, found: tuple[str, str] | None) -> None:
    assert written_image_problem(path, value) == found
