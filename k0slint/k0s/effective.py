"""What image reference k0s of a given release pulls for each component of a config.

How k0s builds the reference (pkg/apis/k0s/v1beta1/images.go, clusterconfig_types.go, nllb.go;
pkg/apis/k0s.k0sproject.io/v1beta1/ in 1.26/1.27):

1. ClusterConfig.UnmarshalJSON starts from DefaultClusterSpec() and decodes the user's YAML on
   top, so `image:` or `version:` may be given alone and the other half keeps its default.
   Field names match ignoring case (Go's encoding/json).
2. ClusterImages.UnmarshalJSON then rewrites, when `spec.images.repository` is not empty, the
   fields the release rewrites (explicit images too) with overrideRepository().
3. At the end of ClusterConfig.UnmarshalJSON the node-local load balancing images are
   rewritten the same way. That step is skipped when the decode hit an unknown field that
   k0s later forgives (`spec.podSecurityPolicy`): the decoder returns early and
   strictyaml.YamlUnmarshalStrictIgnoringFields drops the error (all releases; fix proposed
   in unmerged k0s PR #8018, issue #3986). It means to forgive `interval` too, but panics on
   it (k0slint.k0s.schema.PANICKING_FIELDS).
4. Empty or null NLLB `image`/`version` are put back to their defaults (EnvoyProxy /
   Traefik setDefaults); an empty `spec.images.*.image` stays empty.
"""

from functools import cache
from typing import NamedTuple

from k0slint.k0s.placeholders import is_placeholder
from k0slint.k0s.references import override_repository, repository_problems
from k0slint.k0s.releases import HardcodedImage, Release
from k0slint.k0s.schema import FORGIVEN_KEYS
from k0slint.yaml.nodes import MappingNode, Node, ScalarNode, string_scalar, string_value, walk_json

REPOSITORY_PATH = ("images", "repository")
PAUSE = "images.pause"


class Repository(NamedTuple):
    """`spec.images.repository` as written; `usable` is False when empty or templated."""

    value: str
    node: ScalarNode

    @property
    def templated(self) -> bool:
        return is_placeholder(self.value)

    @property
    def usable(self) -> bool:
        """Set, not templated and well formed (K0S105 reports a malformed repository)."""
        return bool(self.value) and not self.templated and not repository_problems(self.value)

    @property
    def has_path(self) -> bool:
        return "/" in self.value.strip("/")


class EffectiveImage(NamedTuple):
    """One image field of the config at one release: what is written and what is pulled.

    `written_image`/`written_version` are what k0s has before the repository override (the
    config's value or the default); `image`/`version` what it pulls. `rewritten` is True when
    the override changed the image. `skipped` says why the override left it alone although a
    repository is set: "release" (this release does not rewrite the field), "prefix-check"
    (the string-prefix guard matched), "forgiven-decode-error" (see the module docstring).
    """

    field: str
    image: str
    version: str
    written_image: str
    written_version: str
    image_node: ScalarNode | None
    version_node: ScalarNode | None
    entry_node: Node | None
    rewritten: bool
    skipped: str | None

    @property
    def uri(self) -> str:
        return f"{self.image}:{self.version}"

    @property
    def source(self) -> str:
        return "explicit" if self.image_node or self.version_node else "default"

    @property
    def templated(self) -> bool:
        return is_placeholder(self.written_image) or is_placeholder(self.written_version)

    @property
    def component(self) -> str:
        """`pushgateway`, `calico.cni`, `nodeLocalLoadBalancing.envoyProxy`."""
        name = self.field.removeprefix("images.").removeprefix("network.")
        return name.removesuffix(".image")


def repository_of(spec: MappingNode | None) -> Repository | None:
    node = string_scalar(walk_json(spec, REPOSITORY_PATH))
    return Repository(str(node.value), node) if node is not None else None


class ForgivenField(NamedTuple):
    """A field k0s refuses while decoding and then forgives (`spec.podSecurityPolicy`)."""

    name: str
    key_node: ScalarNode


def forgiven_decode_error(spec: MappingNode | None) -> ForgivenField | None:
    """The key that makes k0s stop decoding early and then forgive it, if the config has one."""
    for path in FORGIVEN_KEYS:
        parent = walk_json(spec, path[:-1])
        if isinstance(parent, MappingNode) and path[-1] in parent:
            key_node = parent.key_node(path[-1])
            assert key_node is not None
            return ForgivenField("spec." + ".".join(path), key_node)
    return None


def written_provider(spec: MappingNode | None) -> str | None:
    """`spec.network.provider` as written, if it is a string."""
    return string_value(walk_json(spec, ("network", "provider")))


def network_provider(spec: MappingNode | None) -> str:
    """The network provider k0s deploys: as written, else kuberouter (its default)."""
    return written_provider(spec) or "kuberouter"


def _string_child(entry: Node | None, key: str) -> ScalarNode | None:
    return string_scalar(entry.get_json(key)) if isinstance(entry, MappingNode) else None


@cache
def _field_path(field: str) -> tuple[str, ...]:
    return tuple(field.split("."))


def _is_nllb(field: str) -> bool:
    return field.startswith("network.")


class ConfigImages:
    """The images of one config as one k0s release sees them."""

    def __init__(self, release: Release, spec: MappingNode | None) -> None:
        self.release = release
        self.spec = spec
        self.repository = repository_of(spec)
        self.forgiven = forgiven_decode_error(spec)
        self._images: list[EffectiveImage] | None = None

    def image(self, field: str) -> EffectiveImage:
        default = self.release.defaults[field]
        entry = walk_json(self.spec, _field_path(field))
        image_node = _string_child(entry, "image")
        version_node = _string_child(entry, "version")
        image = image_node.value if image_node else default.image
        version = version_node.value if version_node else default.version
        assert isinstance(image, str)
        assert isinstance(version, str)
        if _is_nllb(field):
            image, version = image or default.image, version or default.version
        pulled, skipped = self._override(field, image)
        return EffectiveImage(
            field=field,
            image=pulled,
            version=version,
            written_image=image,
            written_version=version,
            image_node=image_node,
            version_node=version_node,
            entry_node=entry,
            rewritten=pulled != image,
            skipped=skipped,
        )

    def _override(self, field: str, image: str) -> tuple[str, str | None]:
        repository = self.repository
        if repository is None or not repository.value:
            return image, None
        if not self.release.rewrites(field):
            return image, "release"
        if _is_nllb(field) and self.forgiven is not None:
            return image, "forgiven-decode-error"
        if self.release.prefix_check and image.startswith(repository.value):
            return image, "prefix-check"
        return override_repository(repository.value, image, prefix_check=self.release.prefix_check), None

    def images(self) -> list[EffectiveImage]:
        """Every image field the config has at this release, worked out once per config (several
        rules ask). `network.nodeLocalLoadBalancing: null` leaves k0s without the section (it is
        not re-defaulted, unlike a null `envoyProxy`), so without its images (conformance/, F3)."""
        if self._images is None:
            without_nllb = self.nllb_removed()
            self._images = [
                self.image(field) for field in self.release.fields if not (without_nllb and _is_nllb(field))
            ]
        return list(self._images)

    def nllb_removed(self) -> bool:
        node = walk_json(self.spec, ("network", "nodeLocalLoadBalancing"))
        return isinstance(node, ScalarNode) and node.value is None

    def hardcoded(self, *, windows_workers: bool | None = None) -> list[HardcodedImage]:
        """Images this release pulls that no field redirects, where they apply to this config."""
        out = []
        for item in self.release.hardcoded:
            if item.component == "windows" and not (
                windows_workers and network_provider(self.spec) == "calico"
            ):
                continue
            if item.component == "extensions.storage" and not self.openebs_storage():
                continue
            out.append(item)
        return out

    def listed_not_pulled(self) -> list[HardcodedImage]:
        """Images `k0s airgap list-images` prints for this config although no node pulls them.

        Before v1.29.14, v1.30.10, v1.31.6 and v1.32.2 (from v1.28.2, when `images.pause`
        appeared) it lists the pause constant (KubePauseContainerImage:Version in
        pkg/airgap/images.go), while the kubelet and containerd are given `spec.images.pause`,
        rewritten and user-set like the other images (k0s #5456). Checked against k0s's own
        GetImageURIs at v1.28.4 - v1.30.9 (conformance/, finding F2)."""
        if not self.release.airgap_pause_hardcoded or PAUSE not in self.release.defaults:
            return []
        default = self.release.defaults[PAUSE]
        constant = f"{default.image}:{default.version}"
        if self.image(PAUSE).uri == constant:
            return []
        when = (
            "listed by k0s airgap list-images only: it prints the pause constant, the nodes pull "
            "images.pause (k0s #5456, fixed in v1.29.14, v1.30.10, v1.31.6, v1.32.2)"
        )
        return [HardcodedImage("pause", constant, when)]

    def openebs_storage(self) -> ScalarNode | None:
        node = walk_json(self.spec, ("extensions", "storage", "type"))
        if isinstance(node, ScalarNode) and node.value == "openebs_local_storage":
            return node
        return None
