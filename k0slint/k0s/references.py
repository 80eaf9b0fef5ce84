"""Image references as k0s handles them, and as a registry sees them.

`k0s_host` and `override_repository` follow `getHostName()` and `overrideRepository()` in
k0s's pkg/apis/k0s/v1beta1/images.go (pkg/apis/k0s.k0sproject.io/v1beta1/ in 1.26/1.27):
two variants, without and (v1.31.12+, v1.32.8+, v1.33.4+, v1.34.1+; k0s PR #6243) with the
plain string-prefix guard.
"""

import functools
import re
from collections.abc import Sequence
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
    if text.startswith("/"):
        problems.append(
            "a leading '/' (k0s would pull e.g. /<repository>/k0sproject/coredns, which no runtime can parse)"
        )
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


# The reference grammar of the OCI distribution spec as github.com/distribution/reference
# implements it (regexp.go; normalize.go's ParseNormalizedNamed, which containerd's
# ParseDockerRef calls). k0s builds its version pattern from that package's TagRegexp and
# DigestRegexp (ImageSpec.Validate, pkg/apis/k0s/v1beta1/images.go: containerd's
# reference/docker at v1.30.14+k0s.0, distribution/reference from v1.31.1+k0s.0) but never
# parses the image name, so a name no runtime can pull passes k0s. Written from the grammar:
#   name      := [domain "/"] path-component ("/" path-component)*
#   domain    := host [":" port], host a DNS-like name (mixed case allowed), an IPv4
#                address or "[" IPv6 "]"
#   path-component := [a-z0-9]+ (separator [a-z0-9]+)*, separator "." | "_" | "__" | "-"+
# and a name of at most 255 characters. The tag and digest that follow the name are k0s's
# `version`, judged apart (the release's version pattern, or tag[@digest] where k0s checks none).
_DOMAIN_COMPONENT = r"(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])"
_DOMAIN = re.compile(
    rf"(?:{_DOMAIN_COMPONENT}(?:\.{_DOMAIN_COMPONENT})*|\[[a-fA-F0-9:]+\])(?::[0-9]+)?\Z", re.ASCII
)
_PATH_COMPONENT = re.compile(r"[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*\Z", re.ASCII)
_IDENTIFIER = re.compile(r"[a-f0-9]{64}\Z")
_SPACE_OR_CONTROL = re.compile(r"[\s\x00-\x1f\x7f]")
NAME_MAX = 255


def _runtime_domain(name: str) -> tuple[str, str]:
    """(domain, remote path) as a runtime splits `name`: the first segment is a domain when
    it has `.` or `:`, is `localhost`, or has upper case (distribution/reference's
    splitDockerDomain; k0s's own getHostName ignores the upper-case case)."""
    first, slash, rest = name.partition("/")
    if slash and ("." in first or ":" in first or first == "localhost" or first.lower() != first):
        return first, rest
    return "", name


def _name_problem(name: str) -> str | None:
    """Why a container runtime cannot pull an image named `name` (no tag, no digest), in
    words; None when it can."""
    if not name:
        return "it is empty"
    if _SPACE_OR_CONTROL.search(name):
        return "it contains whitespace or a control character"
    if _IDENTIFIER.match(name):
        return "a 64-hex-digit string is an image ID, not a name"
    domain, path = _runtime_domain(name)
    if domain and not _DOMAIN.match(domain):
        return f"the registry {domain!r} is not a host name or address with an optional port"
    if path != path.lower():
        return f"the repository path {path!r} has upper case; registries take lower-case paths only"
    for component in path.split("/"):
        if not _PATH_COMPONENT.match(component):
            return (
                f"the path component {component!r} is not lower-case letters and digits joined by "
                "'.', '_', '__' or '-'"
            )
    if len(name) > NAME_MAX:
        return f"it is {len(name)} characters long; a name has at most {NAME_MAX}"
    return None


# Cached, as the same few names recur in every config of a run; wrapped here rather than
# decorated so that mutation testing (mutation/README.md) reaches the logic above.
name_problem = functools.lru_cache(maxsize=1024)(_name_problem)


def written_image_problem(path: Sequence[object], value: object) -> tuple[str, str] | None:
    """(value, why) for the first image name or repository in `value`, written at the YAML
    `path` of a config, that no runtime can pull; None when all are fine or none is there.

    Image names are the strings under an `image` key below `images` or
    `nodeLocalLoadBalancing`; the repository is `images.repository`, a prefix checked as
    `<repository>/k0sproject/coredns`. Keys are matched ignoring case, as k0s's decoder does.
    """
    keys = [key.lower() for key in path if isinstance(key, str)]
    if isinstance(value, dict):
        for key, child in value.items():
            found = written_image_problem([*path, key], child)
            if found is not None:
                return found
        return None
    if not isinstance(value, str) or not keys:
        return None
    if keys[-1] == "repository" and keys[-2:-1] == ["images"]:
        problem = name_problem(f"{value}/k0sproject/coredns")
        return (value, problem) if problem is not None else None
    if keys[-1] == "image" and ("images" in keys or "nodelocalloadbalancing" in keys):
        problem = name_problem(value)
        return (value, problem) if problem is not None else None
    return None
