from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import ROOT, build_distributions, build_wheel, build_wheelhouse

# The example rule pack has its own tests; they run in the virtualenv tests/test_rulepack.py makes.
collect_ignore = ["rulepack_example"]


@pytest.fixture(scope="session")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """k0slint's wheel, built once per test run."""
    return build_wheel(ROOT, tmp_path_factory.mktemp("dist"))


@pytest.fixture(scope="session")
def distributions(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The folder `python -m build` fills: the sdist, and the wheel built from it."""
    return build_distributions(ROOT, tmp_path_factory.mktemp("build"))


@pytest.fixture(scope="session")
def wheelhouse(distributions: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder of wheels k0slint installs from without a package index: the wheel `python -m
    build` made, its dependencies and setuptools (to build it from a source tree), downloaded
    once per run."""
    (wheel,) = distributions.glob("*.whl")
    return build_wheelhouse(wheel, tmp_path_factory.mktemp("wheelhouse"))


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """tmp_path as the working folder, so reported names are the relative names given."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("K0SLINT_DEBUG", raising=False)
    return tmp_path
