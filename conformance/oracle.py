"""Run the k0s oracle binaries built by build.sh and keep their verdicts."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
SHARED = REPO.parent / "shared"
CONFIGS = HERE / "configs"
VERDICTS = HERE / "verdicts"
SERVED = HERE / "served-tags.tsv"
BATCH = 400

Verdict = dict[str, Any]
# Fields that describe the build, not the config: kept once per verdict file.
BUILD_FIELDS = ("tag", "k0s_module", "go_version", "adapter", "pause_constant")


def cache_dir() -> Path:
    explicit = os.environ.get("K0SLINT_ORACLE_CACHE")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "k0slint-oracle"


def served_tags() -> list[str]:
    lines = SERVED.read_text().splitlines()[1:]
    return [line.split("\t")[0] for line in lines if line.strip()]


def binary(tag: str) -> Path | None:
    path = cache_dir() / tag / "k0s-oracle"
    return path if path.is_file() and os.access(path, os.X_OK) else None


def built_tags() -> list[str]:
    return [tag for tag in served_tags() if binary(tag)]


def _batches(items: Sequence[Path], size: int) -> Iterator[Sequence[Path]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def run(tag: str, files: Sequence[Path]) -> list[Verdict]:
    """One verdict per file, in order; the oracle reads many files per process."""
    exe = binary(tag)
    if exe is None:
        raise FileNotFoundError(f"no oracle for {tag}: run conformance/build.sh {tag}")
    verdicts: list[Verdict] = []
    for batch in _batches(files, BATCH):
        out = subprocess.run(
            [str(exe), *map(str, batch)], capture_output=True, text=True, check=True, timeout=600
        ).stdout
        verdicts.extend(json.loads(line) for line in out.splitlines() if line.strip())
    if len(verdicts) != len(files):
        raise RuntimeError(f"{tag}: {len(files)} files but {len(verdicts)} verdicts")
    return verdicts


def strip(verdict: Verdict) -> Verdict:
    """The per-config part of a verdict: no file name, no build facts."""
    return {key: value for key, value in verdict.items() if key not in (*BUILD_FIELDS, "file")}


def build_facts(verdict: Verdict) -> dict[str, str]:
    return {key: verdict[key] for key in BUILD_FIELDS}


def write_json(path: Path, data: object) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=1, sort_keys=True, ensure_ascii=False) + "\n")


def read_verdicts(tag: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((VERDICTS / f"{tag}.json").read_text())
    return data


def committed_tags() -> list[str]:
    return sorted((path.stem for path in VERDICTS.glob("*.json")), key=tag_key)


def tag_key(tag: str) -> tuple[int, ...]:
    core, _, build = tag.lstrip("v").partition("+k0s.")
    return (*(int(part) for part in core.split(".")), int(build or 0))


def go_available() -> bool:
    return shutil.which("go") is not None


def write_texts(folder: Path, texts: Iterable[tuple[str, bytes]]) -> list[Path]:
    """Write each text under `folder` as `<n>.yaml`; names must not matter to either side."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for index, (_, text) in enumerate(texts):
        path = folder / f"{index:05d}.yaml"
        path.write_bytes(text)
        paths.append(path)
    return paths
