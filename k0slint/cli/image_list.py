"""`k0slint --show-images`: every image k0s would pull for each config (the static
counterpart of `k0s airgap list-images --all`); with `--format mirror`, the mirror plan
(k0slint.k0s.mirror): `SOURCE TARGET` pairs on stdout, what is not copied on stderr."""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass
from typing import TextIO

from k0slint import __version__
from k0slint.k0s.documents import ConfigDocument
from k0slint.k0s.effective import ConfigImages
from k0slint.k0s.mirror import Copy, Elsewhere, MirrorPlan, config_plan, placed
from k0slint.k0s.releases import Release

FORMAT_VERSION = 1


@dataclass(frozen=True)
class ImageEntry:
    file: str
    document: int
    k0s_version: str
    component: str
    uri: str
    source: str
    rewritten: bool
    line: int | None
    column: int | None
    # Whether k0s pulls it from spec.images.repository, and then the public image it comes from
    # (None: no known public source); the pairs of `--format mirror`.
    in_repository: bool
    mirror_source: str | None

    def to_json(self) -> dict[str, object]:
        return asdict(self)


@dataclass(frozen=True)
class HardcodedEntry:
    file: str
    document: int
    k0s_version: str
    component: str
    reference: str
    when: str

    def to_json(self) -> dict[str, object]:
        return asdict(self)


def image_entries(document: ConfigDocument, images: ConfigImages) -> Iterator[ImageEntry]:
    """One entry per image field of the release, in the release's field order."""
    release = images.release
    for image in images.images():
        node = image.image_node or image.version_node
        where = placed(image, images, document.path)
        yield ImageEntry(
            file=document.path,
            document=document.document,
            k0s_version=release.tag,
            component=image.field,
            uri=image.uri,
            source=image.source,
            rewritten=image.rewritten,
            line=node.line if node else None,
            column=node.column if node else None,
            in_repository=isinstance(where, Copy),
            mirror_source=where.source if isinstance(where, Copy) else None,
        )


def hardcoded_entries(document: ConfigDocument, images: ConfigImages) -> Iterator[HardcodedEntry]:
    """Images the release pulls for this config that no field configures, and those `k0s airgap
    list-images` prints although no node pulls them (each says which in its `when`)."""
    release = images.release
    for item in (*images.hardcoded(windows_workers=document.windows_workers), *images.listed_not_pulled()):
        yield HardcodedEntry(
            document.path, document.document, release.tag, item.component, item.reference, item.when
        )


@dataclass
class ImageList:
    images: list[ImageEntry]
    hardcoded: list[HardcodedEntry]
    mirror: MirrorPlan

    def add(self, document: ConfigDocument, release: Release) -> None:
        images = ConfigImages(release, document.spec)
        self.images.extend(image_entries(document, images))
        self.hardcoded.extend(hardcoded_entries(document, images))
        plan = config_plan(images, document.path, windows_workers=document.windows_workers)
        self.mirror.add(plan, document.path)

    def report_mirror(self, stream: TextIO, errors: TextIO) -> None:
        """`SOURCE TARGET` lines for `xargs -n2`, on `stream`; on `errors`, what is not in them:
        images with no known public source (or two), images k0s pulls from elsewhere, and the
        images the release hard-codes."""
        for source, target in self.mirror.pairs():
            stream.write(f"{source} {target}\n")
        stream.flush()
        for copy in self.mirror.unknown():
            errors.write(
                f"{copy.place}: no known public source for {copy.target} ({copy.component}, "
                f"k0s {copy.release}: {copy.why})\n"
            )
        for conflict in self.mirror.conflicts():
            sources = "; ".join(f"{copy.source} ({copy.place})" for copy in conflict.copies)
            errors.write(
                f"k0slint: {conflict.target} has more than one source, so none is planned: {sources}\n"
            )
        _write_section(
            errors, "pulled from outside spec.images.repository (not in the plan)", self.mirror.outside()
        )
        _write_section(
            errors,
            "hard-coded in the release, pulled from there whatever the repository",
            self.mirror.fixed(),
        )
        for file, why in dict.fromkeys(self.mirror.unplanned):
            errors.write(f"{file}: {why}\n")

    def report_json(self, stream: TextIO) -> None:
        payload = {
            "version": FORMAT_VERSION,
            "tool": {"name": "k0slint", "version": __version__},
            "images": [entry.to_json() for entry in self.images],
            "hardcoded": [entry.to_json() for entry in self.hardcoded],
        }
        json.dump(payload, stream, indent=2)
        stream.write("\n")

    def report_text(self, stream: TextIO) -> None:
        width = max((len(entry.component) for entry in self.images), default=0)
        current: tuple[str, int] | None = None
        for entry in self.images:
            if (entry.file, entry.document) != current:
                current = (entry.file, entry.document)
                stream.write(f"{entry.file} (document {entry.document}, k0s {entry.k0s_version}):\n")
                for item in self.hardcoded:
                    if (item.file, item.document) == current:
                        stream.write(
                            f"  {'hardcoded ' + item.component:<{width}}  {item.reference}  [{item.when}]\n"
                        )
            flags = entry.source + (", rewritten" if entry.rewritten else "")
            stream.write(f"  {entry.component:<{width}}  {entry.uri}  [{flags}]\n")


def _write_section(errors: TextIO, heading: str, items: Sequence[Elsewhere]) -> None:
    """A heading and one line per image, if there is any."""
    if not items:
        return
    errors.write(f"k0slint: {heading}:\n")
    for item in items:
        errors.write(f"{item.place}: {item.reference} ({item.component}, k0s {item.release}: {item.why})\n")
