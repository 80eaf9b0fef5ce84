"""The mirror plan: for every image k0s pulls from `spec.images.repository`, the public image it
comes from, so that a registry can be filled before an air-gapped install.

The target is the reference k0s of the release pulls (effective.py: the override of that
release, digest kept). The source is the reference before the override: the release's default
for a component the config does not name (k0slint/data/k0s_releases.json, from k0s's
DefaultClusterImages() at each tag), the image the config writes when it names one outside the
repository. An image the config writes under the repository is mapped back to the release's
default only where k0s's override makes the correspondence exact: `override(repository,
default) == written` (`registry.acme.corp/k0sproject/coredns` is the default
`quay.io/k0sproject/coredns` rewritten); anything else has no known public source. A written
image k0s doubles (a path-style repository before the prefix check, k0s #6230) keeps its
source: the target is the doubled reference k0s asks for.

Images k0s pulls from elsewhere (the release does not rewrite the field, k0s #5455; the prefix
check leaves it, #6243; a forgiven decode error skips the node-local load balancing override)
and the images the release hard-codes are kept apart: they are not copied into the repository.
"""

from collections.abc import Callable, Iterable
from typing import NamedTuple, TypeVar

from k0slint.k0s.effective import ConfigImages, EffectiveImage
from k0slint.k0s.references import is_under, override_repository
from k0slint.yaml.nodes import ScalarNode

_T = TypeVar("_T")


class Place(NamedTuple):
    """Where an image is decided: the file, and the line and column of the setting (None for a
    default with no setting to point at)."""

    file: str
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        if self.line is None:
            return self.file
        return f"{self.file}:{self.line}:{self.column}"

    @property
    def order(self) -> tuple[str, int, int]:
        return (self.file, self.line or 0, self.column or 0)

    @classmethod
    def of(cls, file: str, node: ScalarNode | None) -> "Place":
        return cls(file, node.line, node.column) if node is not None else cls(file)


class Copy(NamedTuple):
    """One image to put into the repository: `source` (None: no known public source) to
    `target`, the reference k0s pulls."""

    source: str | None
    target: str
    component: str
    release: str
    place: Place
    why: str = ""  # why there is no known source


class Elsewhere(NamedTuple):
    """An image k0s pulls from outside the repository: `why` says what leaves it there."""

    reference: str
    component: str
    release: str
    place: Place
    why: str


class ConfigPlan(NamedTuple):
    copies: list[Copy]
    elsewhere: list[Elsewhere]
    hardcoded: list[Elsewhere]
    # The whole config is left out (no repository, or one that cannot be planned): why.
    unplanned: str | None = None


def _skip_reason(image: EffectiveImage, images: ConfigImages) -> str:
    if image.skipped == "release":
        return f"this release does not rewrite it ({images.release.not_rewritten_because(image.field)})"
    if image.skipped == "prefix-check":
        return "k0s's string-prefix check leaves it (k0s PR #6243): it starts with the repository's text"
    if image.skipped == "forgiven-decode-error" and images.forgiven is not None:
        return f"{images.forgiven.name} stops k0s's decoding before it rewrites node-local load balancing"
    return "k0s does not rewrite it"


def _copy(image: EffectiveImage, images: ConfigImages, repository: str, place: Place) -> Copy:
    release = images.release
    target = image.uri
    if image.image_node is None or not is_under(image.written_image, repository):
        return Copy(f"{image.written_image}:{image.version}", target, image.field, release.tag, place)
    upstream = release.defaults[image.field].image
    if override_repository(repository, upstream, prefix_check=release.prefix_check) == image.written_image:
        return Copy(f"{upstream}:{image.version}", target, image.field, release.tag, place)
    why = (
        f"the config writes {image.written_image} under the repository, which is not what k0s "
        f"makes of the default {upstream}"
    )
    return Copy(None, target, image.field, release.tag, place, why)


def placed(image: EffectiveImage, images: ConfigImages, file: str) -> Copy | Elsewhere | None:
    """Where k0s pulls `image` of a config whose repository is usable: a Copy into the
    repository, or Elsewhere; None when the config has no usable repository."""
    repository = images.repository
    if repository is None or not repository.usable:
        return None
    release = images.release
    place = Place.of(file, image.image_node or image.version_node or repository.node)
    if image.templated:
        return Copy(None, image.uri, image.field, release.tag, place, "the config holds a placeholder")
    if not is_under(image.image, repository.value):
        return Elsewhere(image.uri, image.field, release.tag, place, _skip_reason(image, images))
    return _copy(image, images, repository.value, place)


def config_plan(images: ConfigImages, file: str, *, windows_workers: bool | None) -> ConfigPlan:
    """The plan of one config: the copies into its repository (but those already there), and
    the images pulled elsewhere."""
    release = images.release
    hardcoded = [
        Elsewhere(item.reference, item.component, release.tag, Place(file), item.when)
        for item in images.hardcoded(windows_workers=windows_workers)
    ]
    repository = images.repository
    if repository is None or not repository.value:
        why = "spec.images.repository is not set: k0s pulls every image from its public registry"
        return ConfigPlan([], [], hardcoded, why)
    if not repository.usable:
        what = "a placeholder" if repository.templated else "malformed (K0S105)"
        return ConfigPlan(
            [], [], hardcoded, f"spec.images.repository {repository.value!r} is {what}: no plan"
        )
    copies: list[Copy] = []
    elsewhere: list[Elsewhere] = []
    for image in images.images():
        where = placed(image, images, file)
        if isinstance(where, Elsewhere):
            elsewhere.append(where)
        elif where is not None and where.source != where.target:
            copies.append(where)
    return ConfigPlan(copies, elsewhere, hardcoded)


class Conflict(NamedTuple):
    target: str
    copies: tuple[Copy, ...]


class MirrorPlan:
    """The plans of many configs: pairs deduplicated and sorted, what cannot be planned apart."""

    def __init__(self) -> None:
        self.copies: list[Copy] = []
        self.elsewhere: list[Elsewhere] = []
        self.hardcoded: list[Elsewhere] = []
        self.unplanned: list[tuple[str, str]] = []  # (file, why)

    def add(self, plan: ConfigPlan, file: str) -> None:
        self.copies.extend(plan.copies)
        self.elsewhere.extend(plan.elsewhere)
        self.hardcoded.extend(plan.hardcoded)
        if plan.unplanned is not None:
            self.unplanned.append((file, plan.unplanned))

    def _by_target(self) -> dict[str, list[Copy]]:
        targets: dict[str, list[Copy]] = {}
        for copy in self.copies:
            if copy.source is not None:
                targets.setdefault(copy.target, []).append(copy)
        return targets

    def pairs(self) -> list[tuple[str, str]]:
        """(source, target), each once, sorted; targets with two sources are left out (conflicts)."""
        out = set()
        for target, copies in self._by_target().items():
            sources = {copy.source for copy in copies}
            if len(sources) == 1:
                (source,) = sources
                assert source is not None
                out.add((source, target))
        return sorted(out)

    def conflicts(self) -> list[Conflict]:
        return [
            Conflict(target, tuple(copies))
            for target, copies in sorted(self._by_target().items())
            if len({copy.source for copy in copies}) > 1
        ]

    def unknown(self) -> list[Copy]:
        """Images k0s pulls from the repository with no known public source, once per place."""
        return _unique(
            (copy for copy in self.copies if copy.source is None), key=lambda c: (c.place, c.target)
        )

    def outside(self) -> list[Elsewhere]:
        return _unique(self.elsewhere, key=lambda e: (e.place, e.reference))

    def fixed(self) -> list[Elsewhere]:
        return _unique(self.hardcoded, key=lambda e: (e.place, e.reference))

    @property
    def complete(self) -> bool:
        """Every image pulled from a repository has one known source."""
        return not self.unknown() and not self.conflicts()


def _unique(items: Iterable[_T], key: Callable[[_T], tuple[Place, str]]) -> list[_T]:
    """Each item once per key, ordered by file, line and column."""
    seen: dict[tuple[Place, str], _T] = {}
    for item in items:
        seen.setdefault(key(item), item)
    return [seen[k] for k in sorted(seen, key=lambda k: (k[0].order, k[1]))]
