"""Turn real-world files into the plain ClusterConfig documents the oracle reads.

A k0s file whose only document is a ClusterConfig is passed on byte for byte (duplicate keys,
floats and quoting reach k0s as written). A k0sctl `Cluster` gives its `spec.k0s.config`, and
a multi-document file each ClusterConfig in it, re-serialised with `yaml.safe_dump`.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

K0S_API = "k0s.k0sproject.io/v1beta1"
K0SCTL_API = "k0sctl.k0sproject.io/v1beta1"
LENIENT_APIS = (None, "k0s.sh/v1beta1")
CONFIG_KEYS = frozenset({"apiVersion", "kind", "metadata", "spec"})


@dataclass(frozen=True)
class Extracted:
    """One ClusterConfig taken from a source file: `text` is what the oracle and k0slint read."""

    key: str
    source: str
    kind: str
    text: bytes


@dataclass(frozen=True)
class Skipped:
    key: str
    reason: str


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _is_clusterconfig(document: object) -> bool:
    """A k0s ClusterConfig, or a document k0s reads as one (k0s never checks apiVersion)."""
    if not isinstance(document, dict):
        return False
    if document.get("apiVersion") == K0S_API:
        return True
    return document.get("apiVersion") in LENIENT_APIS and "spec" in document and set(document) <= CONFIG_KEYS


def _k0sctl_config(document: object) -> dict[str, Any] | None:
    if not (isinstance(document, dict) and document.get("apiVersion") == K0SCTL_API):
        return None
    spec = document.get("spec")
    k0s = spec.get("k0s") if isinstance(spec, dict) else None
    config = k0s.get("config") if isinstance(k0s, dict) else None
    return config if isinstance(config, dict) else None


def _dump(config: dict[str, Any]) -> bytes:
    document = {**config, "apiVersion": K0S_API, "kind": config.get("kind") or "ClusterConfig"}
    return yaml.safe_dump(document, sort_keys=False, allow_unicode=True).encode()


def _configs(documents: list[object], raw: bytes) -> list[tuple[str, bytes]]:
    found: list[tuple[str, bytes]] = []
    for document in documents:
        config = _k0sctl_config(document)
        if config is not None:
            found.append(("k0sctl", _dump(config)))
        elif _is_clusterconfig(document):
            assert isinstance(document, dict)
            found.append(("k0s", _dump(document)))
    only = documents[0] if len(documents) == 1 else None
    if isinstance(only, dict) and only.get("apiVersion") == K0S_API and len(found) == 1:
        return [("k0s", raw)]
    return found


def _load_all(raw: bytes) -> list[object] | str:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "UTF-16 file: k0s reads UTF-8 only"
    try:
        return [doc for doc in yaml.safe_load_all(raw.decode("utf-8-sig")) if doc is not None]
    except (yaml.YAMLError, UnicodeDecodeError) as error:
        first = str(error).splitlines()[0]
        return f"not YAML ({type(error).__name__}: {first})"


def extract_file(path: Path) -> list[Extracted] | Skipped:
    """The ClusterConfigs of one file, keyed `<file name>@sha256:<hex>[#<n>]`."""
    raw = path.read_bytes()
    base = f"{path.name}@sha256:{sha256(raw)}"
    documents = _load_all(raw)
    if isinstance(documents, str):
        return Skipped(base, documents)
    configs = _configs(documents, raw)
    if not configs:
        return Skipped(base, "no k0s ClusterConfig and no k0sctl spec.k0s.config in it")
    if len(configs) == 1:
        return [Extracted(base, path.name, configs[0][0], configs[0][1])]
    return [Extracted(f"{base}#{n}", path.name, kind, text) for n, (kind, text) in enumerate(configs)]


def extract_corpus(folder: Path) -> tuple[list[Extracted], list[Skipped]]:
    found: list[Extracted] = []
    skipped: list[Skipped] = []
    for path in sorted(folder.iterdir()):
        if not path.is_file() or path.name == "SOURCES.tsv":
            continue
        result = extract_file(path)
        if isinstance(result, Skipped):
            skipped.append(result)
        else:
            found.extend(result)
    return found, skipped
