from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("K0SLINT_SHARED", ROOT.parent / "shared"))
CORPUS = SHARED / "corpus" / "real"


def corpus_files() -> list[Path]:
    if not CORPUS.is_dir():
        return []
    return sorted(path for path in CORPUS.iterdir() if path.name != "SOURCES.tsv")


needs_shared = pytest.mark.skipif(
    not CORPUS.is_dir(),
    reason=f"needs ../shared (the k0s facts and real-config corpus) beside the checkout: {SHARED} not found",
)
