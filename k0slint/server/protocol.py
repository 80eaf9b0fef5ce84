"""The protocol wiring: which request does what. Linting runs in worker threads, so a large
file never keeps the server from answering; each document has at most one lint in flight,
and the changes made meanwhile are linted together, once, when it ends (the newest text wins)."""

import asyncio
import functools
import logging
import os
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, NamedTuple, TypeVar
from urllib.parse import unquote

from lsprotocol import types
from pygls.capabilities import get_capability
from pygls.lsp.server import LanguageServer
from pygls.workspace import TextDocument

from k0slint import __version__
from k0slint.lint.settings import PYPROJECT, YAML_NAME
from k0slint.server import client_settings
from k0slint.server.actions import KINDS, Request, code_actions
from k0slint.server.diagnostics import diagnostics
from k0slint.server.hovers import hover
from k0slint.server.linting import Linted, LintService
from k0slint.server.positions import TextPositions

CONFIG_NAMES = (YAML_NAME, PYPROJECT)
# The name a document without a file (an unsaved buffer) is linted as: in the working folder,
# so that its configuration is the one found from there.
UNSAVED_NAME = "untitled.yaml"
log = logging.getLogger("k0slint.server")
T = TypeVar("T")


class Snapshot(NamedTuple):
    uri: str
    path: str
    text: str
    version: int | None
    was_config: bool
    encoding: str


class K0slintServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__(
            "k0slint", __version__, text_document_sync_kind=types.TextDocumentSyncKind.Incremental
        )
        self.service = LintService(client_settings.ClientSettings())
        self.linted: dict[str, Linted] = {}
        self.running: dict[str, asyncio.Task[None]] = {}
        self.pending: set[str] = set()
        self.lint_pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="k0slint-lint")
        self.request_pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="k0slint-request")
        self.pull = False
        self.shut_down = False
        self.initialization_options: Any = None
        self.logged: set[str] = set()

    # -- documents and their text ----------------------------------------------------------

    def open_document(self, uri: str) -> TextDocument | None:
        documents: dict[str, TextDocument] = self.workspace.text_documents
        return documents.get(unquote(uri))

    @staticmethod
    def path_of(document: TextDocument) -> str:
        return document.path if document.path else os.path.join(os.getcwd(), UNSAVED_NAME)

    @property
    def encoding(self) -> str:
        return str(self.workspace.position_encoding or types.PositionEncodingKind.Utf16)

    def snapshot(self, document: TextDocument) -> Snapshot:
        """The document as it is now, taken on the event loop: the worker threads read only
        this, never the document pygls goes on changing."""
        previous = self.linted.get(document.uri)
        return Snapshot(
            document.uri,
            self.path_of(document),
            document.source,
            document.version,
            previous is not None and previous.is_config,
            self.encoding,
        )

    def lint_snapshot(self, snapshot: Snapshot) -> Linted:
        """Lint a snapshot (in a worker thread)."""
        return self.service.lint(
            snapshot.path, snapshot.text, snapshot.version, was_config=snapshot.was_config
        )

    def lint_and_show(self, snapshot: Snapshot) -> tuple[Linted, list[types.Diagnostic]]:
        """Lint, and the diagnostics to show: both in the worker thread, not on the loop."""
        linted = self.lint_snapshot(snapshot)
        return linted, diagnostics(linted, snapshot.uri, snapshot.encoding)

    def log_problems(self, snapshot: Snapshot, linted: Linted) -> None:
        """Rules that raised, logged once each (not on every keystroke), from the event loop."""
        if linted.result is None:
            return
        for error in linted.result.rule_errors:
            message = f"{snapshot.path}: {error}"
            if message not in self.logged:
                self.logged.add(message)
                self.log(types.MessageType.Error, message)

    def log(self, kind: types.MessageType, message: str) -> None:
        log.log(logging.ERROR if kind == types.MessageType.Error else logging.WARNING, message)
        self.window_log_message(types.LogMessageParams(kind, f"k0slint: {message}"))

    async def in_thread(self, pool: ThreadPoolExecutor, work: Callable[[], T]) -> T:
        return await asyncio.get_running_loop().run_in_executor(pool, work)

    async def current(self, uri: str) -> Linted | None:
        """The lint of the document's current text: the last one if it is current."""
        document = self.open_document(uri)
        if document is None:
            return None
        linted = self.linted.get(uri)
        if linted is not None and linted.version == document.version and linted.text == document.source:
            return linted
        snapshot = self.snapshot(document)
        linted = await self.in_thread(self.request_pool, functools.partial(self.lint_snapshot, snapshot))
        self.log_problems(snapshot, linted)
        return linted

    # -- linting as the text changes -------------------------------------------------------

    def schedule(self, uri: str) -> None:
        if self.pull:
            return
        if uri in self.running:
            self.pending.add(uri)
            return
        self.running[uri] = asyncio.ensure_future(self._lint_until_current(uri))

    async def _lint_until_current(self, uri: str) -> None:
        try:
            while True:
                self.pending.discard(uri)
                document = self.open_document(uri)
                if document is None:
                    return
                snapshot = self.snapshot(document)
                work = functools.partial(self.lint_and_show, snapshot)
                linted, shown = await self.in_thread(self.lint_pool, work)
                self.log_problems(snapshot, linted)
                if self.open_document(uri) is None:
                    return
                self.linted[uri] = linted
                if uri not in self.pending:  # otherwise superseded: its text is no longer there
                    self.text_document_publish_diagnostics(
                        types.PublishDiagnosticsParams(uri, shown, linted.version)
                    )
                    return
        except Exception as error:  # a failure of the linter itself: logged, the server goes on
            self.log(types.MessageType.Error, f"{uri}: internal error: {type(error).__name__}: {error}")
        finally:
            self.running.pop(uri, None)

    def relint_all(self) -> None:
        """Configuration changed: every open document again."""
        self.service.reset()
        self.linted.clear()
        if self.pull:
            if get_capability(self.client_capabilities, "workspace.diagnostics.refresh_support", False):
                self.workspace_diagnostic_refresh(None)
            return
        for uri in list(self.workspace.text_documents):
            self.schedule(uri)

    def apply_settings(self, raw: Any) -> None:
        """The client's settings: `initializationOptions`, then each didChangeConfiguration's
        (all of them: what one leaves out is back to its default); one without settings
        (null) goes back to `initializationOptions`."""
        if raw is None:
            raw = self.initialization_options
        problems: list[str] = []
        settings = client_settings.parse(raw, problems)
        for problem in problems:
            self.log(types.MessageType.Warning, f"settings: {problem}")
        self.service.reset(settings)

    def stop_workers(self) -> None:
        for task in self.running.values():
            task.cancel()
        self.lint_pool.shutdown(wait=False, cancel_futures=True)
        self.request_pool.shutdown(wait=False, cancel_futures=True)


def is_config_file(uri: str) -> bool:
    return unquote(uri).rsplit("/", 1)[-1] in CONFIG_NAMES


def build() -> K0slintServer:
    server = K0slintServer()

    @server.feature(types.INITIALIZE)
    def initialize(ls: K0slintServer, params: types.InitializeParams) -> None:
        ls.pull = get_capability(params.capabilities, "text_document.diagnostic") is not None
        ls.initialization_options = params.initialization_options
        ls.apply_settings(params.initialization_options)

    @server.feature(types.INITIALIZED)
    def initialized(ls: K0slintServer, params: types.InitializedParams) -> None:
        if get_capability(
            ls.client_capabilities, "workspace.did_change_watched_files.dynamic_registration", False
        ):
            watchers = [types.FileSystemWatcher(glob_pattern=f"**/{name}") for name in CONFIG_NAMES]
            options = types.DidChangeWatchedFilesRegistrationOptions(watchers=watchers)
            registration = types.Registration(
                "k0slint-configuration", types.WORKSPACE_DID_CHANGE_WATCHED_FILES, options
            )
            ls.client_register_capability(types.RegistrationParams([registration]))

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: K0slintServer, params: types.DidOpenTextDocumentParams) -> None:
        ls.linted.pop(params.text_document.uri, None)
        ls.schedule(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: K0slintServer, params: types.DidChangeTextDocumentParams) -> None:
        ls.schedule(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: K0slintServer, params: types.DidSaveTextDocumentParams) -> None:
        if is_config_file(params.text_document.uri):
            ls.relint_all()

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: K0slintServer, params: types.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        ls.linted.pop(uri, None)
        ls.pending.discard(uri)
        if not ls.pull:
            ls.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri, []))

    @server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def did_change_watched_files(ls: K0slintServer, params: types.DidChangeWatchedFilesParams) -> None:
        if any(is_config_file(change.uri) for change in params.changes):
            ls.relint_all()

    @server.feature(types.WORKSPACE_DID_CHANGE_CONFIGURATION)
    def did_change_configuration(ls: K0slintServer, params: types.DidChangeConfigurationParams) -> None:
        ls.apply_settings(params.settings)
        ls.relint_all()

    @server.feature(
        types.TEXT_DOCUMENT_DIAGNOSTIC,
        types.DiagnosticOptions(
            identifier="k0slint", inter_file_dependencies=False, workspace_diagnostics=False
        ),
    )
    async def pull_diagnostics(
        ls: K0slintServer, params: types.DocumentDiagnosticParams
    ) -> types.FullDocumentDiagnosticReport:
        uri = params.text_document.uri
        linted = await ls.current(uri)
        if linted is None:
            return types.FullDocumentDiagnosticReport(items=[])
        ls.linted[uri] = linted
        return types.FullDocumentDiagnosticReport(items=diagnostics(linted, uri, ls.encoding))

    @server.feature(types.TEXT_DOCUMENT_CODE_ACTION, types.CodeActionOptions(code_action_kinds=list(KINDS)))
    async def code_action(ls: K0slintServer, params: types.CodeActionParams) -> list[types.CodeAction] | None:
        uri = params.text_document.uri
        linted = await ls.current(uri)
        if linted is None:
            return None
        unsafe = ls.service.settings.unsafe_fixes
        request = Request(linted, uri, ls.encoding, params, unsafe)
        return await ls.in_thread(ls.request_pool, lambda: code_actions(request)) or None

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    async def on_hover(ls: K0slintServer, params: types.HoverParams) -> types.Hover | None:
        linted = await ls.current(params.text_document.uri)
        if linted is None:
            return None
        encoding = ls.encoding
        offset = TextPositions(linted.text, encoding).offset_of(params.position)
        return await ls.in_thread(ls.request_pool, lambda: hover(linted, offset, encoding))

    @server.feature(types.SHUTDOWN)
    def shutdown(ls: K0slintServer, params: None) -> None:
        ls.shut_down = True
        ls.stop_workers()

    return server
