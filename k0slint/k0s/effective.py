"""What image reference k0s of a given release pulls for each component of a config.

k0s fills every ImageSpec with its defaults, decodes the user's `spec.images` on top (so
`image:` or `version:` may be given alone), then rewrites the fields its release rewrites
with `spec.images.repository` (explicit images too), and at the end of
ClusterConfig.UnmarshalJSON does the same for the node-local load balancing images
(pkg/apis/k0s/v1beta1/images.go, clusterconfig_types.go).
"""

from __future__ import annotations

from dataclasses import dataclass

from k0slint.k0s.references import override_repository
from k0slint.k0s.releases import Release
from k0slint.k0s.versions import is_templated
from k0slint.nodes import MappingNode, Node, ScalarNode, walk

REPOSITORY_PATH = ("images", "repository")


@dataclass(frozen=True)
class Repository:
    """`spec.images.repository` as written; `usable` is False when empty or templated."""

    value: str
    node: ScalarNode

    @property
    def templated(self) -> bool:
        return is_templated(self.value)

    @property
    def usable(self) -> bool:
        return bool(self.value) and not self.templated


@dataclass(frozen=True)
class EffectiveImage:
    """One image field of the config at one release: what is written and what is pulled."""

    field: str
    image: str
    version: str
    written_image: str
    written_version: str
    image_node: ScalarNode | None
    version_node: ScalarNode | None
    entry_node: Node | None
    rewritten: bool

    @property
    def uri(self) -> str:
        return f"{self.image}:{self.version}"

    @property
    def source(self) -> str:
        return "explicit" if self.image_node or self.version_node else "default"

    @property
    def templated(self) -> bool:
        return is_templated(self.written_image) or is_templated(self.written_version)


def repository_of(spec: MappingNode | None) -> Repository | None:
    node = walk(spec, REPOSITORY_PATH) if spec else None
    if isinstance(node, ScalarNode) and isinstance(node.value, str):
        return Repository(node.value, node)
    return None


def field_path(field: str) -> tuple[str, ...]:
    return tuple(field.split("."))


def _string_child(entry: Node | None, key: str) -> ScalarNode | None:
    if isinstance(entry, MappingNode):
        child = entry.get(key)
        if isinstance(child, ScalarNode) and isinstance(child.value, str):
            return child
    return None


def _is_nllb(field: str) -> bool:
    return field.startswith("network.")


def effective_image(release: Release, spec: MappingNode | None, field: str) -> EffectiveImage:
    default = release.defaults[field]
    entry = walk(spec, field_path(field)) if spec else None
    image_node = _string_child(entry, "image")
    version_node = _string_child(entry, "version")
    image = image_node.value if image_node else default.image
    version = version_node.value if version_node else default.version
    if _is_nllb(field):
        # EnvoyProxy/Traefik setDefaults() put the default back for an empty string.
        image = image or default.image
        version = version or default.version
    assert isinstance(image, str) and isinstance(version, str)
    repository = repository_of(spec)
    rewritten = bool(repository and repository.value) and release.rewrites(field)
    pulled = image
    if rewritten and repository:
        pulled = override_repository(repository.value, image, prefix_check=release.prefix_check)
    return EffectiveImage(
        field=field,
        image=pulled,
        version=version,
        written_image=image,
        written_version=version,
        image_node=image_node,
        version_node=version_node,
        entry_node=entry,
        rewritten=rewritten,
    )


def effective_images(release: Release, spec: MappingNode | None) -> list[EffectiveImage]:
    return [effective_image(release, spec, field) for field in release.fields]
