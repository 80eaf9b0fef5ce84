"""k0s version strings: parsing, ordering and resolving to a known release tag."""

import re
from typing import NamedTuple

_VERSION = re.compile(
    r"v?(?P<major>\d+)\.(?P<minor>\d+)(?:\.(?P<patch>\d+))?"
    r"(?:-(?P<pre>(?:alpha|beta|rc)[.0-9]*))?"
    r"(?:[+-]k0s\.(?P<build>\d+))?\Z",
)


class VersionError(ValueError):
    """A version string that is not a k0s version."""


class K0sVersion(NamedTuple):
    """`v1.32.1+k0s.0`; patch and build are None when not given."""

    major: int
    minor: int
    patch: int | None = None
    build: int | None = None
    prerelease: str | None = None

    @property
    def minor_key(self) -> tuple[int, int]:
        return (self.major, self.minor)

    def sort_key(self) -> tuple[int, int, int, int]:
        return (self.major, self.minor, self.patch or 0, self.build or 0)

    def __str__(self) -> str:
        text = f"v{self.major}.{self.minor}"
        if self.patch is not None:
            text += f".{self.patch}"
            if self.prerelease:
                text += f"-{self.prerelease}"
            if self.build is not None:
                text += f"+k0s.{self.build}"
        return text


def parse_version(text: str) -> K0sVersion:
    """Accept `1.32`, `v1.32.1`, `1.32.1+k0s.0`, `v1.32.1+k0s.0`, k0smotron's `-k0s.0` and
    pre-releases (`1.26.2-rc.1+k0s.0`)."""
    match = _VERSION.match(text.strip())
    if not match:
        raise VersionError(f"{text!r} is not a k0s version (expected e.g. v1.32.1+k0s.0, 1.32.1 or 1.32)")
    patch, build = match["patch"], match["build"]
    if patch is None and (build is not None or match["pre"]):
        raise VersionError(f"{text!r} is not a k0s version: a +k0s.N build needs a patch number")
    return K0sVersion(
        int(match["major"]),
        int(match["minor"]),
        int(patch) if patch is not None else None,
        int(build) if build is not None else None,
        match["pre"],
    )


class Resolution(NamedTuple):
    """The known tag used for a requested version, and a note when they differ."""

    tag: str
    note: str | None = None


def resolve(requested: K0sVersion, known_tags: list[str]) -> Resolution:
    """Pick the release tag whose behaviour k0slint applies for `requested`.

    `known_tags` is sorted oldest first. An exact tag wins; a minor or a patch without build
    resolves to the newest known tag inside it; a version between known tags to the newest
    known tag below it in its minor, or to its minor's first release where it is older than
    that (v1.34.0 was never released: 1.34 began at v1.34.1, and 1.34 behaves like 1.34, not
    like 1.33); a version newer or older than all known tags to the nearest end.
    """
    parsed = [(parse_version(tag), tag) for tag in known_tags]
    if requested.prerelease:
        release = K0sVersion(requested.major, requested.minor, requested.patch, requested.build)
        resolution = resolve(release, known_tags)
        return Resolution(resolution.tag, f"k0s {requested} is a pre-release; checking as {resolution.tag}")

    def within(version: K0sVersion) -> bool:
        return version.minor_key == requested.minor_key and (
            requested.patch is None
            or (
                version.patch == requested.patch
                and (requested.build is None or version.build == requested.build)
            )
        )

    inside = [tag for version, tag in parsed if within(version)]
    if inside:
        return Resolution(inside[-1])
    newest_version, newest = parsed[-1]
    oldest_version, oldest = parsed[0]
    wanted = requested.sort_key()
    if wanted > newest_version.sort_key():
        return Resolution(newest, f"k0s {requested} is newer than k0slint's data; checking as {newest}")
    if wanted < oldest_version.sort_key():
        return Resolution(oldest, f"k0s {requested} is older than k0slint's data; checking as {oldest}")
    same_minor = [(version, tag) for version, tag in parsed if version.minor_key == requested.minor_key]
    below = [tag for version, tag in same_minor or parsed if version.sort_key() <= wanted]
    nearest = below[-1] if below else same_minor[0][1]
    return Resolution(nearest, f"k0s {requested} is not a known release; checking as {nearest}")
