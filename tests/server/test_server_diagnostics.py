"""Diagnostics of `k0slint server` as a client receives them: open, change, close, which
documents are linted, and what each diagnostic carries."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from lsprotocol import types

from k0slint import __version__
from tests.server.lsp import Session, span

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


def _by_code(diagnostics: list[types.Diagnostic]) -> dict[str, types.Diagnostic]:
    return {str(d.code): d for d in diagnostics}


def test_initialize_declares_what_the_server_does(session: Session) -> None:
    result = session.initialized
    assert result.server_info is not None
    assert (result.server_info.name, result.server_info.version) == ("k0slint", __version__)
    capabilities = result.capabilities
    sync = capabilities.text_document_sync
    assert isinstance(sync, types.TextDocumentSyncOptions)
    assert sync.change == types.TextDocumentSyncKind.Incremental
    assert sync.open_close and sync.save
    actions = capabilities.code_action_provider
    assert isinstance(actions, types.CodeActionOptions)
    assert set(actions.code_action_kinds or ()) == {"quickfix", "source.fixAll.k0slint"}
    assert capabilities.hover_provider
    diagnostic = capabilities.diagnostic_provider
    assert isinstance(diagnostic, types.DiagnosticOptions)
    assert diagnostic.identifier == "k0slint"


def test_a_diagnostic_carries_code_name_severity_range_link_related_and_tags(
    session: Session, folder: Path
) -> None:
    uri = session.open(folder / "k0s.yaml", K0S_YAML)
    found = _by_code(session.diagnostics(uri, 1))
    assert set(found) == {"K0S110", "K0S004"}
    rewritten = found["K0S110"]
    assert rewritten.range == span(6, 13, 6, 39)  # the image's value, 0-based
    assert rewritten.severity == types.DiagnosticSeverity.Warning
    assert rewritten.source == "k0slint"
    assert rewritten.message.endswith("[image-rewritten-into-repository]")
    assert "pulls registry.acme.corp/k0sproject/coredns:" in rewritten.message
    assert rewritten.code_description is not None
    assert rewritten.code_description.href == (
        f"https://github.com/k0slint/k0slint/blob/v{__version__}/docs/rules/K0S110.md"
    )
    (related,) = rewritten.related_information or ()
    assert related.location.uri == uri
    assert related.location.range == span(4, 16, 4, 34)  # spec.images.repository's value
    assert related.message == "spec.images.repository is set here"
    assert rewritten.tags is None
    ignored = found["K0S004"]
    assert ignored.range == span(8, 4, 8, 11)  # the key `provide`
    assert ignored.severity == types.DiagnosticSeverity.Error
    assert list(ignored.tags or ()) == [types.DiagnosticTag.Unnecessary]


def test_changes_are_linted_in_memory_never_from_disk(session: Session, folder: Path) -> None:
    path = folder / "edited.yaml"
    path.write_text("kind: Nothing\n")  # the disk copy is no k0s configuration
    uri = session.open(path, K0S_YAML)
    assert set(_by_code(session.diagnostics(uri, 1))) == {"K0S110", "K0S004"}
    fixed = K0S_YAML.replace("quay.io/k0sproject/coredns", "registry.acme.corp/k0sproject/coredns")
    version = session.change(uri, fixed)
    assert set(_by_code(session.diagnostics(uri, version))) == {"K0S004"}
    # An incremental change, as editors send while typing: `provide` becomes `provider`.
    version = session.edit(uri, span(8, 11, 8, 11), "r")
    assert session.diagnostics(uri, version) == []
    assert path.read_text() == "kind: Nothing\n"


def test_other_yaml_stays_silent(session: Session, folder: Path) -> None:
    compose = "services:\n  web:\n    image: nginx\n    ports: [80\n"  # broken, and no k0s file
    uri = session.open(folder / "compose.yaml", compose)
    assert session.diagnostics(uri, 1) == []
    deployment = "apiVersion: apps/v1\nkind: Deployment\nspec:\n  replicas: 1\n"
    version = session.change(uri, deployment)
    assert session.diagnostics(uri, version) == []


def test_invalid_yaml_half_way_through_typing_gives_one_k0s001_at_the_error(
    session: Session, folder: Path
) -> None:
    uri = session.open(folder / "typing.yaml", K0S_YAML)
    session.diagnostics(uri, 1)
    # Typing a flow sequence, not closed yet: `sans: [10.0.0.1,` and the rest of the file below.
    half = K0S_YAML.replace("spec:\n", "spec:\n  api:\n    sans: [10.0.0.1,\n")
    version = session.change(uri, half)
    (only,) = session.diagnostics(uri, version)
    assert only.code == "K0S001"
    assert only.severity == types.DiagnosticSeverity.Error
    cli = subprocess.run(
        [sys.executable, "-m", "k0slint", "--stdin-filename", "typing.yaml", "-"],
        input=half,
        capture_output=True,
        text=True,
        check=False,
    )
    line, column = re.match(r"typing.yaml:(\d+):(\d+): K0S001", cli.stdout).groups()  # type: ignore[union-attr]
    assert only.range.start == types.Position(int(line) - 1, int(column) - 1)
    assert "[invalid-yaml]" in only.message


def test_close_clears_the_document_s_diagnostics(session: Session, folder: Path) -> None:
    uri = session.open(folder / "closed.yaml", K0S_YAML)
    assert session.diagnostics(uri, 1)
    before = len(session.published)
    session.close(uri)
    cleared = session.wait_publish(uri, after=before)
    assert list(cleared.diagnostics) == []


def test_a_setting_k0s_no_longer_uses_is_tagged_deprecated(session: Session, folder: Path) -> None:
    storage = "apiVersion: k0s.k0sproject.io/v1beta1\nkind: ClusterConfig\nspec:\n  extensions:\n    storage:\n      type: openebs_local_storage\n"
    uri = session.open(folder / "storage.yaml", storage)
    (found,) = session.diagnostics(uri, 1)
    assert found.code == "K0S207"
    assert list(found.tags or ()) == [types.DiagnosticTag.Deprecated]
