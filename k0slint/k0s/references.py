"""Image references as k0s handles them, and as a registry sees them.

`k0s_host` and `override_repository` follow `getHostName()` and `overrideRepository()` in
k0s's pkg/apis/k0s/v1beta1/images.go (pkg/apis/k0s.k0sproject.io/v1beta1/ in 1.26/1.27):
two variants, without and (v1.31.12+, v1.32.8+, v1.33.4+, v1.34.1+; k0s PR #6243) with the
plain string-prefix guard.
"""

import re
from typing import NamedTuple


def k0s_host(image: str) -> str:
    """The registry host k0s sees in `image`: the first path segment if it has `.` or `:`
    or is `localhost`, else "" (a Docker Hub style path)."""
    slash = image.find("/")
    if slash == -1:
        return ""
    first = image[:slash]
    if "." not in first and ":" not in first and first != "localhost":
        return ""
    return first


def override_repository(repository: str, image: str, *, prefix_check: bool) -> str:
    """The image k0s makes of `image` when `spec.images.repository` is `repository`."""
    if prefix_check:
        if repository == "":
            return image
        if image.startswith(repository):
            return image
    host = k0s_host(image)
    if host:
        return image.replace(host, repository, 1)
    return f"{repository}/{image}"


def is_under(image: str, repository: str) -> bool:
    """Whether `image` lives below `repository` at a path boundary."""
    prefix = repository.rstrip("/")
    return image == prefix or image.startswith(prefix + "/")


def shadowed_by_prefix(image: str, repository: str) -> bool:
    """`ghcr.io/acmecorp/x` under `ghcr.io/acme`: a string prefix but not a path prefix."""
    return image.startswith(repository) and not is_under(image, repository)


class Reference(NamedTuple):
    """A normalised image reference, as a container runtime resolves it."""

    registry: str
    path: str
    tag: str | None
    digest: str | None

    @property
    def repository(self) -> str:
        return f"{self.registry}/{self.path}"


DOCKER_HUB = "docker.io"


def normalise(reference: str) -> Reference:
    """Split `reference` the way containerd does: implicit docker.io and `library/`."""
    rest, _, digest = reference.partition("@")
    slash = rest.find("/")
    first = rest[:slash] if slash != -1 else ""
    if slash != -1 and ("." in first or ":" in first or first == "localhost"):
        registry, path = first, rest[slash + 1 :]
    else:
        registry, path = DOCKER_HUB, rest
    tag = None
    colon = path.rfind(":")
    if colon != -1:
        path, tag = path[:colon], path[colon + 1 :]
    if registry in ("index.docker.io", "registry-1.docker.io"):
        registry = DOCKER_HUB
    if registry == DOCKER_HUB and "/" not in path:
        path = f"library/{path}"
    return Reference(registry.lower(), path, tag, digest or None)


_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")


def repository_problems(value: str) -> list[str]:
    """What is wrong with `value` as an image repository prefix, in words."""
    problems = []
    if value != value.strip():
        problems.append("leading or trailing whitespace")
    text = value.strip()
    if _SCHEME.match(text):
        problems.append(f"a URL scheme ({text.split('://', 1)[0]}://); image references have none")
        text = text.split("://", 1)[1]
    if any(ch.isspace() for ch in text):
        problems.append("whitespace inside")
    if text.endswith("/"):
        problems.append("a trailing '/' (k0s would pull e.g. <repository>/k0sproject/coredns with '//')")
    if "//" in text.rstrip("/"):
        problems.append("an empty path segment ('//')")
    segments = [segment for segment in text.strip("/").split("/") if segment]
    host = k0s_host(text.strip("/") + "/x") if segments else ""
    path = segments[1:] if host else segments
    if "@" in text:
        problems.append("a digest ('@...'); the repository is a prefix, not an image")
    elif any(":" in segment for segment in path):
        problems.append("a tag (':...') in the path; the repository is a prefix, not an image")
    if any(segment != segment.lower() for segment in path):
        problems.append("upper case in the path (image paths must be lower case)")
    return problems


def clean_repository(value: str) -> str:
    """Without surrounding whitespace, URL scheme, and stray or doubled slashes."""
    text = _SCHEME.sub("", value.strip())
    while "//" in text:
        text = text.replace("//", "/")
    return text.strip("/")
