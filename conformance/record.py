"""Record the oracle's verdicts: `python -m conformance.record [TAG ...]` (default: every
served tag whose oracle is built) writes conformance/verdicts/<tag>.json."""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path
from typing import Any

from conformance import inputs
from conformance.oracle import VERDICTS, build_facts, built_tags, run, strip, write_json, write_texts


def _judge(tag: str, items: list[inputs.Input], folder: Path) -> dict[str, Any]:
    paths = write_texts(folder, [(item.key, item.text) for item in items])
    verdicts = run(tag, paths) if paths else []
    return {item.key: {**item.note, **strip(verdict)} for item, verdict in zip(items, verdicts)}


def record(tag: str) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="k0s-oracle-") as tmp:
        canonical = inputs.canonical()
        first = run(tag, write_texts(Path(tmp) / "probe", [("probe", canonical[0].text)]))[0]
        data: dict[str, Any] = {
            "build": build_facts(first),
            "canonical": _judge(tag, canonical, Path(tmp) / "canonical"),
            "docs": _judge(tag, inputs.docs(), Path(tmp) / "docs"),
        }
        if inputs.corpus_available():
            corpus, skipped = inputs.corpus()
            data["corpus"] = _judge(tag, corpus, Path(tmp) / "corpus")
            data["corpus_skipped"] = skipped
    return data


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("tags", nargs="*")
    tags = parser.parse_args().tags or built_tags()
    for tag in tags:
        data = record(tag)
        write_json(VERDICTS / f"{tag}.json", data)
        counts = {part: len(data.get(part, {})) for part in ("canonical", "corpus", "docs")}
        print(f"{tag}: {counts}")


if __name__ == "__main__":
    main()
