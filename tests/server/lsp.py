"""A real `k0slint server` subprocess, driven over stdio by pytest-lsp's LanguageClient on an
event loop of its own thread, so that one server serves every test of a module."""

from __future__ import annotations

import asyncio
import copy
import os
import sys
import threading
import time
from collections.abc import Callable, Coroutine, Mapping, Sequence
from pathlib import Path
from typing import Any, TypeVar

from lsprotocol import types
from pygls.protocol import default_converter
from pytest_lsp.client import DEFAULT_CLIENT_FEATURES, LanguageClient, register_lsp_features

T = TypeVar("T")
TIMEOUT = 60.0
ROOT = Path(__file__).resolve().parents[2]

# What an editor such as VS Code or Neovim declares, less pull diagnostics (Session(pull=True)).
CAPABILITIES = types.ClientCapabilities(
    text_document=types.TextDocumentClientCapabilities(
        synchronization=types.TextDocumentSyncClientCapabilities(did_save=True),
        publish_diagnostics=types.PublishDiagnosticsClientCapabilities(
            related_information=True,
            version_support=True,
            code_description_support=True,
            data_support=True,
            tag_support=types.ClientDiagnosticsTagOptions(
                value_set=[types.DiagnosticTag.Unnecessary, types.DiagnosticTag.Deprecated]
            ),
        ),
        code_action=types.CodeActionClientCapabilities(
            code_action_literal_support=types.ClientCodeActionLiteralOptions(
                types.ClientCodeActionKindOptions(
                    value_set=[types.CodeActionKind.QuickFix, types.CodeActionKind.SourceFixAll]
                )
            ),
            is_preferred_support=True,
            data_support=True,
        ),
        hover=types.HoverClientCapabilities(content_format=[types.MarkupKind.Markdown]),
    ),
    workspace=types.WorkspaceClientCapabilities(
        apply_edit=True,
        workspace_edit=types.WorkspaceEditClientCapabilities(document_changes=True),
        did_change_configuration=types.DidChangeConfigurationClientCapabilities(),
        did_change_watched_files=types.DidChangeWatchedFilesClientCapabilities(),
    ),
)


def server_command() -> list[str]:
    return [sys.executable, "-m", "k0slint", "server"]


class Session:
    """One server and its client; the methods are synchronous, for plain pytest tests."""

    def __init__(
        self,
        folder: Path,
        *,
        options: Any = None,
        pull: bool = False,
        env: Mapping[str, str] | None = None,
    ) -> None:
        self.folder = folder
        self.published: list[types.PublishDiagnosticsParams] = []
        self.published_at: list[float] = []  # when each arrived (time.monotonic)
        self.versions: dict[str, int] = {}
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.thread.start()
        self.client = self._client()
        capabilities = CAPABILITIES
        if pull:
            capabilities = copy.deepcopy(capabilities)
            assert capabilities.text_document is not None and capabilities.workspace is not None
            capabilities.text_document.diagnostic = types.DiagnosticClientCapabilities()
            capabilities.workspace.diagnostics = types.DiagnosticWorkspaceClientCapabilities(
                refresh_support=True
            )
        environment = {**os.environ, **(env or {})}
        environment.pop("K0SLINT_DEBUG", None)
        self.run(self._start(environment))
        self.initialized = self.run(
            self.client.initialize_session(
                types.InitializeParams(
                    capabilities=capabilities,
                    root_uri=folder.as_uri(),
                    workspace_folders=[types.WorkspaceFolder(folder.as_uri(), folder.name)],
                    initialization_options=options,
                )
            )
        )

    def _client(self) -> LanguageClient:
        client = LanguageClient(converter_factory=default_converter)

        def publish(client: LanguageClient, params: types.PublishDiagnosticsParams) -> None:
            client.diagnostics[params.uri] = params.diagnostics
            self.published.append(params)
            self.published_at.append(time.monotonic())

        register_lsp_features(
            client, {**DEFAULT_CLIENT_FEATURES, types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS: publish}
        )
        return client

    async def _start(self, environment: dict[str, str]) -> None:
        await self.client.start_io(*server_command(), env=environment, cwd=str(self.folder))

    def run(self, work: Coroutine[Any, Any, T], timeout: float = TIMEOUT) -> T:
        return asyncio.run_coroutine_threadsafe(work, self.loop).result(timeout)

    def call(self, work: Any) -> Any:
        """Run a client method (a notification) on the client's loop."""

        async def inside() -> Any:
            return work()

        return self.run(inside())

    # -- documents ----------------------------------------------------------------------------

    def open(self, path: Path, text: str | None = None) -> str:
        uri = path.as_uri()
        self.versions[uri] = 1
        item = types.TextDocumentItem(uri, "yaml", 1, path.read_text() if text is None else text)
        self.call(lambda: self.client.text_document_did_open(types.DidOpenTextDocumentParams(item)))
        return uri

    def change(self, uri: str, text: str) -> int:
        self.versions[uri] += 1
        version = self.versions[uri]
        change = types.TextDocumentContentChangeWholeDocument(text)
        params = types.DidChangeTextDocumentParams(
            types.VersionedTextDocumentIdentifier(uri=uri, version=version), [change]
        )
        self.call(lambda: self.client.text_document_did_change(params))
        return version

    def edit(self, uri: str, where: types.Range, text: str) -> int:
        """An incremental change, as editors send them while typing."""
        self.versions[uri] += 1
        version = self.versions[uri]
        change = types.TextDocumentContentChangePartial(range=where, text=text)
        params = types.DidChangeTextDocumentParams(
            types.VersionedTextDocumentIdentifier(uri=uri, version=version), [change]
        )
        self.call(lambda: self.client.text_document_did_change(params))
        return version

    def close(self, uri: str) -> None:
        params = types.DidCloseTextDocumentParams(types.TextDocumentIdentifier(uri))
        self.call(lambda: self.client.text_document_did_close(params))

    def notify(self, method: str, params: Any) -> None:
        self.call(lambda: self.client.protocol.notify(method, params))

    # -- what the server sends ----------------------------------------------------------------

    def diagnostics(
        self, uri: str, version: int | None = None, timeout: float = TIMEOUT
    ) -> list[types.Diagnostic]:
        """The diagnostics published for `uri` (at `version`, if given), waiting for them."""
        return list(self.wait_publish(uri, version, timeout).diagnostics)

    def wait_publish(
        self, uri: str, version: int | None = None, timeout: float = TIMEOUT, after: int = 0
    ) -> types.PublishDiagnosticsParams:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for params in reversed(self.published[after:]):
                if params.uri == uri and (version is None or params.version == version):
                    return params
            time.sleep(0.005)
        raise AssertionError(f"no diagnostics for {uri} at version {version} within {timeout} s")

    def wait_until(self, condition: Callable[[], bool], timeout: float = TIMEOUT) -> None:
        deadline = time.monotonic() + timeout
        while not condition():
            if time.monotonic() > deadline:
                raise AssertionError(f"still not so after {timeout} s")
            time.sleep(0.005)

    def code_actions(
        self,
        uri: str,
        where: types.Range,
        diagnostics: Sequence[types.Diagnostic] = (),
        only: Sequence[str] = (),
    ) -> list[types.CodeAction]:
        context = types.CodeActionContext(diagnostics=list(diagnostics), only=list(only) or None)
        params = types.CodeActionParams(types.TextDocumentIdentifier(uri), where, context)
        answer = self.run(self.client.text_document_code_action_async(params))
        return [action for action in answer or () if isinstance(action, types.CodeAction)]

    def hover(self, uri: str, line: int, character: int) -> str | None:
        params = types.HoverParams(types.TextDocumentIdentifier(uri), types.Position(line, character))
        answer = self.run(self.client.text_document_hover_async(params))
        if answer is None:
            return None
        assert isinstance(answer.contents, types.MarkupContent)
        return answer.contents.value

    def pull(self, uri: str) -> list[types.Diagnostic]:
        params = types.DocumentDiagnosticParams(types.TextDocumentIdentifier(uri))
        report = self.run(self.client.text_document_diagnostic_async(params))
        assert isinstance(
            report, types.RelatedFullDocumentDiagnosticReport | types.FullDocumentDiagnosticReport
        )
        return list(report.items)

    def logs(self) -> list[str]:
        return [message.message for message in self.client.log_messages]

    def shutdown(self) -> int | None:
        """Shutdown and exit, as the protocol asks; the server's exit status."""
        try:
            self.run(self.client.shutdown_session())
            server = self.client._server
            return server.returncode if server is not None else None
        finally:
            self.run(self.client.stop())  # type: ignore[no-untyped-call]
            self.loop.call_soon_threadsafe(self.loop.stop)
            self.thread.join(5)


def apply_edits(text: str, edit: types.WorkspaceEdit | None) -> str:
    """The text after a code action's edits, as an editor applies them."""
    assert edit is not None and edit.document_changes
    (change,) = edit.document_changes
    assert isinstance(change, types.TextDocumentEdit)
    lines = text.splitlines(keepends=True) or [""]
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line))

    def offset(position: types.Position) -> int:
        # The tests' texts are ASCII: UTF-16 units are characters.
        return starts[position.line] + position.character

    result = text
    for item in sorted(change.edits, key=lambda e: offset(e.range.start), reverse=True):
        assert isinstance(item, types.TextEdit)
        result = result[: offset(item.range.start)] + item.new_text + result[offset(item.range.end) :]
    return result


def span(line: int, character: int, end_line: int, end_character: int) -> types.Range:
    return types.Range(types.Position(line, character), types.Position(end_line, end_character))
