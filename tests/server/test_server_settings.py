"""Configuration as the command line finds it, its changes, the client's settings, and pull
diagnostics."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from lsprotocol import types

from tests.server.lsp import Session

K0S_YAML = """\
apiVersion: k0s.k0sproject.io/v1beta1
kind: ClusterConfig
spec:
  images:
    repository: registry.acme.corp
    coredns:
      image: quay.io/k0sproject/coredns
  network:
    provide: calico
"""


def _codes(diagnostics: list[types.Diagnostic]) -> list[str]:
    return sorted(str(d.code) for d in diagnostics)


def _changed(session: Session, path: Path, kind: types.FileChangeType = types.FileChangeType.Changed) -> None:
    params = types.DidChangeWatchedFilesParams([types.FileEvent(path.as_uri(), kind)])
    session.notify(types.WORKSPACE_DID_CHANGE_WATCHED_FILES, params)


@pytest.fixture(scope="module")
def session(folder: Path) -> Iterator[Session]:
    """A server started with settings in initializationOptions (and one unknown setting)."""
    started = Session(folder, options={"k0slint": {"ignore": ["K0S004"], "colour": "blue"}})
    yield started
    started.shutdown()


def test_initialization_options_and_configuration_changes(session: Session, folder: Path) -> None:
    uri = session.open(folder / "k0s.yaml", K0S_YAML)
    assert _codes(session.diagnostics(uri, 1)) == ["K0S110"]
    assert any("settings: unknown setting 'colour'" in line for line in session.logs())
    before = len(session.published)
    session.notify(
        types.WORKSPACE_DID_CHANGE_CONFIGURATION,
        types.DidChangeConfigurationParams(settings={"k0slint": {"select": "K0S004"}}),
    )
    assert _codes(list(session.wait_publish(uri, after=before).diagnostics)) == ["K0S004"]
    # The whole of the client's settings each time: what is left out is back to its default ...
    before = len(session.published)
    session.notify(types.WORKSPACE_DID_CHANGE_CONFIGURATION, types.DidChangeConfigurationParams(settings={}))
    assert _codes(list(session.wait_publish(uri, after=before).diagnostics)) == ["K0S004", "K0S110"]
    # ... and no settings at all is back to initializationOptions.
    before = len(session.published)
    session.notify(
        types.WORKSPACE_DID_CHANGE_CONFIGURATION, types.DidChangeConfigurationParams(settings=None)
    )
    assert _codes(list(session.wait_publish(uri, after=before).diagnostics)) == ["K0S110"]


def test_configuration_files_are_found_and_their_changes_relint(session: Session, folder: Path) -> None:
    session.notify(types.WORKSPACE_DID_CHANGE_CONFIGURATION, types.DidChangeConfigurationParams(settings={}))
    team = folder / "team"
    (team / "app").mkdir(parents=True)
    (team / "pyproject.toml").write_text("[tool.k0slint]\nignore = ['K0S110']\n")
    (team / "app" / ".k0slint.yaml").write_text("ignore: [K0S004]\n")
    outer = session.open(team / "k0s.yaml", K0S_YAML)
    inner = session.open(team / "app" / "k0s.yaml", K0S_YAML)
    assert _codes(session.diagnostics(outer, 1)) == ["K0S004"]
    assert _codes(session.diagnostics(inner, 1)) == ["K0S110"]  # the closest configuration wins

    before = len(session.published)
    (team / "app" / ".k0slint.yaml").write_text("ignore: [K0S110]\n")
    _changed(session, team / "app" / ".k0slint.yaml")
    assert _codes(list(session.wait_publish(inner, after=before).diagnostics)) == ["K0S004"]

    before = len(session.published)
    (team / "app" / ".k0slint.yaml").unlink()
    _changed(session, team / "app" / ".k0slint.yaml", types.FileChangeType.Deleted)
    assert _codes(list(session.wait_publish(inner, after=before).diagnostics)) == ["K0S004"]  # pyproject's

    # Saved in the editor: a didSave of the configuration file relints too.
    before = len(session.published)
    (team / "pyproject.toml").write_text("[tool.k0slint]\nselect = ['K0S004']\nignore = ['K0S004']\n")
    save = types.DidSaveTextDocumentParams(types.TextDocumentIdentifier((team / "pyproject.toml").as_uri()))
    session.notify(types.TEXT_DOCUMENT_DID_SAVE, save)
    assert list(session.wait_publish(outer, after=before).diagnostics) == []


def test_a_broken_configuration_file_is_one_diagnostic(session: Session, folder: Path) -> None:
    broken = folder / "broken"
    broken.mkdir()
    (broken / ".k0slint.yaml").write_text("selct: [K0S1]\n")
    uri = session.open(broken / "k0s.yaml", K0S_YAML)
    (only,) = session.diagnostics(uri, 1)
    assert only.message == (
        f"k0slint cannot lint this file: {broken / '.k0slint.yaml'}: unknown key 'selct' (did you mean 'select'?)"
    )
    assert only.range == types.Range(types.Position(0, 0), types.Position(0, 0))


def test_pull_diagnostics(folder: Path) -> None:
    pulled = Session(folder, pull=True)
    try:
        uri = pulled.open(folder / "pulled.yaml", K0S_YAML)
        assert _codes(pulled.pull(uri)) == ["K0S004", "K0S110"]
        pulled.change(uri, K0S_YAML.replace("provide:", "provider:"))
        assert _codes(pulled.pull(uri)) == ["K0S110"]
        assert pulled.published == []  # a client that pulls is not pushed to
        (folder / ".k0slint.yaml").write_text("ignore: [K0S110]\n")
        _changed(pulled, folder / ".k0slint.yaml", types.FileChangeType.Created)
        pulled.wait_until(lambda: pulled.client.diagnostic_refresh_count == 1)
        assert pulled.pull(uri) == []
    finally:
        (folder / ".k0slint.yaml").unlink(missing_ok=True)
        assert pulled.shutdown() == 0
