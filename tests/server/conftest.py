from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.server.lsp import Session


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The module's workspace: a folder with no configuration file above it that matters."""
    return tmp_path_factory.mktemp("workspace")


@pytest.fixture(scope="module")
def session(folder: Path) -> Iterator[Session]:
    """One `k0slint server` for the tests of a module, in push mode."""
    started = Session(folder)
    yield started
    started.shutdown()
