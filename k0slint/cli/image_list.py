"""`k0slint --show-images`: every image k0s would pull for each config (the static
counterpart of `k0s airgap list-images --all`)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from typing import TextIO

from k0slint import __version__
from k0slint.k0s.documents import ConfigDocument
from k0slint.k0s.effective import ConfigImages
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


def image_entries(document: ConfigDocument, release: Release) -> Iterator[ImageEntry]:
    """One entry per image field of the release, in the release's field order."""
    images = ConfigImages(release, document.spec)
    for image in images.images():
        node = image.image_node or image.version_node
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
        )


def hardcoded_entries(document: ConfigDocument, release: Release) -> Iterator[HardcodedEntry]:
    """Images the release pulls for this config that no field configures, and those `k0s airgap
    list-images` prints although no node pulls them (each says which in its `when`)."""
    images = ConfigImages(release, document.spec)
    for item in (*images.hardcoded(windows_workers=document.windows_workers), *images.listed_not_pulled()):
        yield HardcodedEntry(
            document.path, document.document, release.tag, item.component, item.reference, item.when
        )


@dataclass
class ImageList:
    images: list[ImageEntry]
    hardcoded: list[HardcodedEntry]

    def add(self, document: ConfigDocument, release: Release) -> None:
        self.images.extend(image_entries(document, release))
        self.hardcoded.extend(hardcoded_entries(document, release))

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
