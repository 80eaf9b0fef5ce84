"""Recognise k0s configurations among the YAML documents of a file.

A k0s ClusterConfig stands alone (k0s.yaml) or is embedded: in a k0sctl Cluster at
`spec.k0s.config` (plus ClusterConfig documents of the same file, merged in the way
k0sctl does), or in a k0smotron / Cluster API object. Any other document is skipped.
"""

import os
import re
from collections.abc import Iterable, Iterator
from enum import Enum
from typing import TYPE_CHECKING, NamedTuple

from k0slint.yaml.nodes import (
    MappingNode,
    Node,
    ScalarNode,
    SequenceNode,
    YamlPath,
    string_value,
    walk,
    walk_tree,
)

if TYPE_CHECKING:
    from k0slint.yaml.parse import ParsedDocument

K0S_API_VERSION = "k0s.k0sproject.io/v1beta1"
K0SCTL_API_VERSION = "k0sctl.k0sproject.io/v1beta1"
K0SCTL_MARKER = re.compile(re.escape("k0sctl.k0sproject.io"), re.IGNORECASE)
EMBEDDED_MARKER = re.compile(r"k0s(ctl)?\.k0sproject\.io/v1beta1")
_K0S_FILE_NAME = re.compile(r"k0s(?!ctl)[^/]*\.ya?ml\Z")
# Words that make a file that does not parse worth a mention: it is probably a k0s config.
# A pattern, not compiled: only files that fail to parse need it (re caches it on first use).
MENTIONS_K0S = r"(?i)k0s\.k0sproject\.io|k0sctl\.k0sproject\.io|k0smotron|k0sConfig"

# Keys of ClusterConfig.spec in k0s 1.26 - 1.36 (pkg/apis/k0s/v1beta1/clusterconfig_types.go).
CLUSTER_SPEC_KEYS = frozenset(
    {
        "api", "controllerManager", "scheduler", "storage", "network", "podSecurityPolicy",
        "workerProfiles", "telemetry", "installConfig", "images", "extensions",
        "konnectivity", "featureGates",
    }
)  # fmt: skip
_SPEC_KEYS_ANY_CASE = frozenset(key.lower() for key in CLUSTER_SPEC_KEYS)
# Kinds a ClusterConfig is written with in real files (k0s never checks the kind); any other
# kind names another resource of the group unless its spec is that of a ClusterConfig.
_CONFIG_KINDS = ("clusterconfig", "cluster", "")


class DocumentKind(str, Enum):
    CLUSTER_CONFIG = "clusterconfig"
    K0SCTL = "k0sctl"
    K0SMOTRON = "k0smotron"


class _Embedding(NamedTuple):
    """Where a k0smotron / Cluster API kind keeps its ClusterConfig and its k0s version."""

    config: YamlPath
    version: YamlPath


# k0smotron v2.1.0: api/controlplane/v1beta2/k0s_types.go, k0smotron_types.go,
# api/bootstrap/v1beta2/k0s_types.go, api/k0smotron.io/v1beta2/k0smotroncluster_types.go.
_K0SMOTRON_EMBEDDINGS: dict[tuple[str, str], _Embedding] = {
    ("controlplane.cluster.x-k8s.io", "K0sControlPlane"): _Embedding(
        ("spec", "k0sConfigSpec", "k0s"), ("spec", "version")
    ),
    ("controlplane.cluster.x-k8s.io", "K0sControlPlaneTemplate"): _Embedding(
        ("spec", "template", "spec", "k0sConfigSpec", "k0s"),
        ("spec", "template", "spec", "version"),
    ),
    ("controlplane.cluster.x-k8s.io", "K0smotronControlPlane"): _Embedding(
        ("spec", "k0sConfig"), ("spec", "version")
    ),
    ("controlplane.cluster.x-k8s.io", "K0smotronControlPlaneTemplate"): _Embedding(
        ("spec", "template", "spec", "k0sConfig"), ("spec", "template", "spec", "version")
    ),
    ("bootstrap.cluster.x-k8s.io", "K0sControllerConfig"): _Embedding(("spec", "k0s"), ("spec", "version")),
    ("k0smotron.io", "Cluster"): _Embedding(("spec", "k0sConfig"), ("spec", "version")),
}


class ConfigDocument:
    """A k0s ClusterConfig found in a file, with where it came from.

    `config` is the ClusterConfig object (apiVersion, kind, metadata, spec); for k0sctl it is
    `spec.k0s.config` with the file's ClusterConfig documents merged in. `version_node` is the
    k0s version the file itself names (k0sctl `spec.k0s.version`, k0smotron `spec.version`).
    `duplicate_keys` counts repeated keys in the documents it was read from (0: none).
    """

    __slots__ = (
        "aliased_spans",
        "api_version_ok",
        "beside_k0sctl",
        "config",
        "document",
        "duplicate_keys",
        "kind",
        "kind_name",
        "merged_documents",
        "path",
        "root",
        "text",
        "version_node",
    )

    def __init__(
        self,
        *,
        path: str,
        kind: DocumentKind,
        kind_name: str,
        document: int,
        root: Node,
        config: MappingNode | None,
        version_node: ScalarNode | None = None,
        api_version_ok: bool = True,
        aliased_spans: list[tuple[int, int]],
        text: str,
        duplicate_keys: int = 0,
    ) -> None:
        self.path = path
        self.kind = kind
        self.kind_name = kind_name
        self.document = document
        self.root = root
        self.config = config
        self.version_node = version_node
        self.api_version_ok = api_version_ok
        self.merged_documents: tuple[int, ...] = ()
        self.beside_k0sctl = False
        self.aliased_spans = aliased_spans
        self.text = text
        self.duplicate_keys = duplicate_keys

    def __repr__(self) -> str:
        return (
            f"ConfigDocument({self.path!r}, document {self.document}, {self.kind.value} {self.kind_name!r})"
        )

    @property
    def spec(self) -> MappingNode | None:
        spec = self.config.get("spec") if self.config else None
        return spec if isinstance(spec, MappingNode) else None

    @property
    def controller_flags(self) -> list[str] | None:
        """Install flags of the controllers, where the file says (k0sctl hosts, k0smotron args)."""
        if self.kind is DocumentKind.K0SCTL:
            hosts = walk(self.root, ("spec", "hosts"))
            flags: list[str] = []
            for host in hosts.items if isinstance(hosts, SequenceNode) else []:
                role = _text(walk(host, ("role",))) or ""
                if role in ("controller", "controller+worker", "single"):
                    flags.extend(_strings(walk(host, ("installFlags",))))
            return flags
        if self.kind is DocumentKind.K0SMOTRON and self.kind_name == "K0sControlPlane":
            return _strings(walk(self.root, ("spec", "k0sConfigSpec", "args")))
        return None

    def controller_flag(self, flag: str) -> bool | None:
        """Whether a controller runs with `flag`; None where the file cannot tell."""
        flags = self.controller_flags
        if flags is None:
            return None
        return any(flag in entry.split() or entry.startswith(f"{flag}=") for entry in flags)

    @property
    def dynamic_config(self) -> bool | None:
        """k0sctl `spec.k0s.dynamicConfig` or `--enable-dynamic-config` on a controller."""
        node = walk(self.root, ("spec", "k0s", "dynamicConfig")) if self.kind is DocumentKind.K0SCTL else None
        if isinstance(node, ScalarNode) and node.value is True:
            return True
        return self.controller_flag("--enable-dynamic-config")

    @property
    def windows_workers(self) -> bool | None:
        """Whether a k0sctl host is a Windows worker (`os: windows` or a WinRM connection)."""
        if self.kind is not DocumentKind.K0SCTL:
            return None
        hosts = walk(self.root, ("spec", "hosts"))
        for host in hosts.items if isinstance(hosts, SequenceNode) else []:
            os_name = (_text(walk(host, ("os",))) or "").lower()
            if os_name == "windows" or walk(host, ("winRM",)) is not None:
                return True
        return False


def _text(node: Node | None) -> str | None:
    value = string_value(node)
    return value.strip() if value is not None else None


def _strings(node: Node | None) -> list[str]:
    if isinstance(node, SequenceNode):
        return [value for item in node.items if (value := string_value(item)) is not None]
    return []


def _scalar(node: Node | None) -> ScalarNode | None:
    return node if isinstance(node, ScalarNode) and node.value is not None else None


def _has_clusterconfig_shape(root: MappingNode) -> bool:
    """No apiVersion, and a spec made of ClusterConfig spec keys only."""
    if "apiVersion" in root or set(root) - {"kind", "metadata", "spec"}:
        return False
    spec = root.get("spec")
    return isinstance(spec, MappingNode) and bool(spec) and not set(spec) - CLUSTER_SPEC_KEYS


def _looks_like_clusterconfig(root: MappingNode, path: str) -> bool:
    """A ClusterConfig written without apiVersion: k0s accepts it, and real repos have them."""
    if not _has_clusterconfig_shape(root):
        return False
    kind = _text(root.get("kind"))
    return (kind or "").lower() == "clusterconfig" or "k0s" in os.path.basename(path).lower()


def _spec_is_clusterconfig_shaped(root: MappingNode) -> bool:
    """A spec with at least one key, every key a ClusterConfig spec key in any case (k0s's
    decoder matches keys case-insensitively)."""
    spec = root.get("spec")
    if not isinstance(spec, MappingNode) or not spec:
        return False
    return all(isinstance(key, str) and key.lower() in _SPEC_KEYS_ANY_CASE for key in spec)


def _names_another_resource(root: MappingNode, kind: str) -> bool:
    """A document of k0s's API group whose kind names another resource (`kind: Test`, a
    custom resource) and whose spec is not that of a ClusterConfig: not a config to lint."""
    return kind.lower() not in _CONFIG_KINDS and not _spec_is_clusterconfig_shaped(root)


def _is_k0s_api_version(api_version: str | None, kind: str | None) -> bool:
    """Near misses k0s reads all the same: `k0s.sh/v1beta1`, `k0s.k0sproject.io/v1beta2`."""
    if api_version is None:
        return False
    group = api_version.split("/", 1)[0].lower()
    return group.startswith("k0s.") and (kind or "").lower() in ("clusterconfig", "cluster", "")


def _named_like_k0s_config(path: str) -> bool:
    return bool(_K0S_FILE_NAME.match(os.path.basename(path).lower()))


class _Kind(NamedTuple):
    """What `_kind_of` tells of a document: enough to build its ConfigDocument."""

    kind: DocumentKind
    kind_name: str
    config: Node | None
    version: Node | None = None
    api_version_ok: bool = True


def _kind_of(path: str, root: Node | None) -> _Kind | None:
    if not isinstance(root, MappingNode):
        if root is None or (isinstance(root, ScalarNode) and root.value is None):
            return None
        if not _named_like_k0s_config(path):
            return None
        # k0s.yaml that holds a list or a string: k0s refuses it (K0S005 says so).
        return _Kind(DocumentKind.CLUSTER_CONFIG, "", None, api_version_ok=False)
    api_version = _text(root.get("apiVersion"))
    kind = _text(root.get("kind")) or ""
    if api_version == K0S_API_VERSION:
        if _names_another_resource(root, kind):
            return None
        return _Kind(DocumentKind.CLUSTER_CONFIG, kind, root)
    if api_version and api_version.lower() == K0SCTL_API_VERSION:
        return _Kind(
            DocumentKind.K0SCTL,
            kind,
            walk(root, ("spec", "k0s", "config")),
            walk(root, ("spec", "k0s", "version")),
        )
    embedding = _K0SMOTRON_EMBEDDINGS.get(((api_version or "").split("/", 1)[0], kind))
    if embedding:
        return _Kind(
            DocumentKind.K0SMOTRON, kind, walk(root, embedding.config), walk(root, embedding.version)
        )
    if _is_k0s_api_version(api_version, kind) or _looks_like_clusterconfig(root, path):
        return _Kind(DocumentKind.CLUSTER_CONFIG, kind, root, api_version_ok=False)
    return None


def classify(path: str, parsed: "ParsedDocument", text: str = "") -> ConfigDocument | None:
    found = _kind_of(path, parsed.root)
    if found is None:
        return None
    assert parsed.root is not None
    return ConfigDocument(
        path=path,
        kind=found.kind,
        kind_name=found.kind_name,
        document=parsed.index,
        root=parsed.root,
        config=found.config if isinstance(found.config, MappingNode) else None,
        version_node=_scalar(found.version),
        api_version_ok=found.api_version_ok,
        aliased_spans=parsed.aliased_spans,
        text=text,
        duplicate_keys=parsed.duplicate_keys,
    )


def _is_mergeable_clusterconfig(document: ConfigDocument) -> bool:
    """k0sctl merges documents whose apiVersion and kind match, ignoring case (cmd/flags.go)."""
    root = document.root
    api_version = (_text(root.get("apiVersion")) if isinstance(root, MappingNode) else None) or ""
    return (
        document.kind is DocumentKind.CLUSTER_CONFIG
        and api_version.lower() == K0S_API_VERSION
        and document.kind_name.lower() == "clusterconfig"
    )


def merge_missing(target: MappingNode, source: MappingNode) -> MappingNode:
    """dig.Mapping.Merge without overwrite (k0sproject/dig v0.4.0): keys already present win,
    mappings on both sides merge recursively, lists are never combined."""
    merged = MappingNode(target.doc, target.path, target.start_mark, target.end_mark, target.tag, target.flow)
    merged.entries = dict(target.entries)
    merged.duplicates = target.duplicates
    for key, (key_node, value) in source.entries.items():
        if isinstance(value, ScalarNode) and value.value is None:
            continue
        existing = target.entries.get(key)
        if existing is None:
            merged.entries[key] = (key_node, value)
        elif isinstance(existing[1], MappingNode) and isinstance(value, MappingNode):
            merged.entries[key] = (existing[0], merge_missing(existing[1], value))
    return merged


def unnamed_clusterconfig_note(path: str, root: Node | None) -> str | None:
    """A note for a document skipped although it reads as a ClusterConfig without apiVersion:
    k0s accepts one (k0s's own integration tests keep configs like that), but k0slint takes a
    document without apiVersion for one only in a file named `*k0s*`."""
    if not isinstance(root, MappingNode) or not _has_clusterconfig_shape(root):
        return None
    return (
        f"{path}:{root.line}:{root.column}: skipped a document that looks like a ClusterConfig "
        f"without apiVersion, as the file is not named *k0s*; add apiVersion: {K0S_API_VERSION} "
        "to lint it"
    )


def recognise(
    path: str, text: str, documents: "Iterable[ParsedDocument]", notes: list[str] | None = None
) -> Iterator[ConfigDocument]:
    """The configurations of one file; k0sctl files get their merge.

    Documents are yielded as they come, so that large multi-document files are linted one
    document at a time; in a file with a k0sctl Cluster, ClusterConfigs wait only until the
    Cluster is seen, and the Cluster comes last, with everything merged into it. A document
    skipped that reads as a ClusterConfig earns a note in `notes`.
    """
    may_embed = bool(EMBEDDED_MARKER.search(text))
    merge = _K0sctlMerge() if K0SCTL_MARKER.search(text) else None
    for parsed in documents:
        document = classify(path, parsed, text)
        if document is None:
            if may_embed and parsed.root is not None:
                yield from embedded_configs(path, text, parsed.root)
            elif notes is not None and (note := unnamed_clusterconfig_note(path, parsed.root)):
                notes.append(note)
        elif merge is None:
            yield document
        else:
            yield from merge.add(document)
    if merge is not None:
        yield from merge.finish()


def _literal_blocks(root: Node) -> Iterator[ScalarNode]:
    for node, _ in walk_tree(root):
        if isinstance(node, ScalarNode) and node.style == "|" and isinstance(node.value, str):
            yield node


def embedded_configs(path: str, text: str, root: Node) -> Iterator[ConfigDocument]:
    """ClusterConfigs (and k0sctl files) written as a string in a literal block scalar."""
    from k0slint.yaml.block_scalars import parse_block
    from k0slint.yaml.parse import YamlError

    for block in _literal_blocks(root):
        if not EMBEDDED_MARKER.search(block.raw):
            continue
        try:
            inner = [classify(path, parsed, text) for parsed in parse_block(block, text, block.path)]
        except YamlError:
            continue  # a template or a fragment: not ours to judge
        yield from _merge_k0sctl([document for document in inner if document is not None])


def _merge_k0sctl(documents: list[ConfigDocument]) -> Iterator[ConfigDocument]:
    merge = _K0sctlMerge()
    for document in documents:
        yield from merge.add(document)
    yield from merge.finish()


class _K0sctlMerge:
    """k0sctl merges the ClusterConfig documents of its file into the first Cluster
    (cmd/flags.go); the others stand beside it."""

    def __init__(self) -> None:
        self.cluster: ConfigDocument | None = None
        self.waiting: list[ConfigDocument] = []

    def add(self, document: ConfigDocument) -> Iterator[ConfigDocument]:
        if self.cluster is not None:
            yield from self._place(document)
        elif document.kind is DocumentKind.K0SCTL:
            self.cluster = document
            for waiting in self.waiting:
                yield from self._place(waiting)
            self.waiting = []
        else:
            self.waiting.append(document)

    def finish(self) -> Iterator[ConfigDocument]:
        if self.cluster is None:
            yield from self.waiting
        else:
            yield self.cluster

    def _place(self, document: ConfigDocument) -> Iterator[ConfigDocument]:
        cluster = self.cluster
        assert cluster is not None
        if not _is_mergeable_clusterconfig(document):
            document.beside_k0sctl = document.kind is DocumentKind.CLUSTER_CONFIG
            yield document
            return
        if document.config is None:
            return
        cluster.config = (
            document.config if cluster.config is None else merge_missing(cluster.config, document.config)
        )
        cluster.merged_documents = (*cluster.merged_documents, document.document)
        cluster.aliased_spans = cluster.aliased_spans + document.aliased_spans
        cluster.duplicate_keys += document.duplicate_keys
