"""Record the oracle's verdicts: `python -m conformance.record [TAG ...]` (default: every
served tag whose oracle is built) writes conformance/verdicts/<tag>.json.
With `--check` it writes nothing and exits 1 unless the oracle reproduces the committed
verdicts exactly (the corpus part only when ../shared is present)."""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path
from typing import Any

from conformance import inputs
from conformance.oracle import (
    VERDICTS,
    build_facts,
    built_tags,
    read_verdicts,
    run,
    strip,
    write_json,
    write_texts,
)


def _judge(tag: str, items: list[inputs.Input], folder: Path) -> dict[str, Any]:
    paths = write_texts(folder, [(item.key, item.text) for item in items])
    verdicts = run(tag, paths) if paths else []
    return {item.key: {**item.note, **strip(verdict)} for item, verdict in zip(items, verdicts, strict=True)}


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


def mismatches(tag: str, data: dict[str, Any]) -> list[str]:
    """Where freshly recorded verdicts differ from the committed ones."""
    committed = read_verdicts(tag)
    found = []
    for part, fresh in data.items():
        old = committed.get(part, {})
        if part == "build":
            found += [
                f"{tag} build.{key}: {old.get(key)!r} != {value!r}"
                for key, value in fresh.items()
                if old.get(key) != value
            ]
            continue
        found += [
            f"{tag} {part} {key}: differs"
            for key in sorted(set(old) | set(fresh))
            if old.get(key) != fresh.get(key)
        ]
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--check", action="store_true", help="compare with the committed verdicts")
    parser.add_argument("tags", nargs="*")
    args = parser.parse_args()
    failed = False
    for tag in args.tags or built_tags():
        data = record(tag)
        counts = {part: len(data.get(part, {})) for part in ("canonical", "corpus", "docs")}
        if args.check:
            found = mismatches(tag, data)
            print(*found[:20], sep="\n") if found else None
            print(
                f"{tag}: {counts}: {'DIFFERS in ' + str(len(found)) + ' places' if found else 'reproduced'}"
            )
            failed |= bool(found)
        else:
            write_json(VERDICTS / f"{tag}.json", data)
            print(f"{tag}: {counts}")
    raise SystemExit(1 if failed else 0)


if __name__ == "__main__":
    main()
