"""k0s release facts per tag, loaded from the generated data file (see scripts/gen_k0s_data.py)."""

import json
import re
from collections.abc import Iterator, Mapping
from functools import cache
from typing import Any, NamedTuple

from k0slint.k0s.package_data import read_text
from k0slint.k0s.versions import K0sVersion, Resolution, parse_version, resolve

# Why a config image field is left alone by the repository override on some tags.
NOT_REWRITTEN_BECAUSE = {
    "images.pushgateway": "k0s #5455, fixed by PR #5520",
}


class ImageDefault(NamedTuple):
    image: str
    version: str


class HardcodedImage(NamedTuple):
    """An image k0s pulls that no config field redirects."""

    component: str
    reference: str
    when: str


class Release(NamedTuple):
    """What one k0s release tag does with image settings."""

    tag: str
    version: K0sVersion
    defaults: dict[str, ImageDefault]
    rewritten: frozenset[str]
    prefix_check: bool
    version_digest: bool
    imagespecs_validated: bool
    airgap_pause_hardcoded: bool
    airgap_lists_pushgateway: bool
    hardcoded: tuple[HardcodedImage, ...]
    version_pattern: re.Pattern[str]

    def __repr__(self) -> str:
        return f"Release({self.tag!r})"

    @property
    def name(self) -> str:
        """`v1.32.2` for `v1.32.2+k0s.0`; the full tag when the build number matters."""
        return self.tag.removesuffix("+k0s.0")

    @property
    def fields(self) -> tuple[str, ...]:
        """Image fields of the ClusterConfig at this tag, paths under `spec`."""
        return tuple(self.defaults)

    @staticmethod
    def not_rewritten_because(field: str) -> str:
        return NOT_REWRITTEN_BECAUSE.get(field, "not rewritten by this release")

    def rewrites(self, field: str) -> bool:
        return field in self.rewritten


class ReleaseData(NamedTuple):
    releases: Mapping[str, Release]

    def __repr__(self) -> str:
        return f"ReleaseData({len(self.releases)} releases)"

    @property
    def tags(self) -> list[str]:
        return list(self.releases)

    @property
    def newest(self) -> Release:
        return self.releases[self.tags[-1]]

    def resolve_minor(self, minor: str) -> Release:
        """The first release of `minor` (`1.28` -> v1.28.2+k0s.0)."""
        major, number = (int(part) for part in minor.split("."))
        for release in self.releases.values():
            if release.version.minor_key == (major, number):
                return release
        raise KeyError(minor)

    def first_rewriting(self, release: Release, field: str) -> Release | None:
        """The oldest release of `release`'s minor that rewrites `field`, if any."""
        for candidate in self.releases.values():
            if candidate.version.minor_key == release.version.minor_key and candidate.rewrites(field):
                return candidate
        return None

    def resolve(self, version: K0sVersion) -> tuple[Release, str | None]:
        resolution: Resolution = resolve(version, self.tags)
        return self.releases[resolution.tag], resolution.note


class _Releases(Mapping[str, Release]):
    """Release facts by tag, in release order, each built the first time it is asked for: a
    one-file run needs one or two of the 147."""

    def __init__(self, raw: dict[str, Any]) -> None:
        self.facts: dict[str, Any] = raw["releases"]
        self.fields: list[str] = raw["fields"]
        self.references = [ImageDefault(image, version) for image, version in raw["references"]]
        self.hardcoded: list[dict[str, str]] = raw["hardcoded"]
        self.patterns: dict[str, str] = raw["version_patterns"]
        self.built: dict[str, Release] = {}

    def __getitem__(self, tag: str) -> Release:
        release = self.built.get(tag)
        if release is None:
            release = self.built[tag] = self._build(tag, self.facts[tag])
        return release

    def __iter__(self) -> Iterator[str]:
        return iter(self.facts)

    def __len__(self) -> int:
        return len(self.facts)

    def _build(self, tag: str, facts: dict[str, Any]) -> Release:
        return Release(
            tag=tag,
            version=parse_version(tag),
            defaults={self.fields[field]: self.references[index] for field, index in facts["defaults"]},
            rewritten=frozenset(self.fields[field] for field in facts["rewritten"]),
            prefix_check=facts["prefix_check"],
            version_digest=facts["version_digest"],
            imagespecs_validated=facts["imagespecs_validated"],
            airgap_pause_hardcoded=facts["airgap_pause_hardcoded"],
            airgap_lists_pushgateway=facts["airgap_lists_pushgateway"],
            hardcoded=tuple(HardcodedImage(**self.hardcoded[index]) for index in facts["hardcoded"]),
            version_pattern=re.compile(
                self.patterns["digest" if facts["version_digest"] else "plain"], re.ASCII
            ),
        )


@cache
def load() -> ReleaseData:
    return ReleaseData(_Releases(json.loads(read_text("k0slint.data", "k0s_releases.json"))))
