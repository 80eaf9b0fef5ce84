"""The open documents and their linting: a snapshot of each change is linted in a worker
thread, so a large file never keeps the server from answering; each document has at most one
lint in flight, and the changes made meanwhile are linted together, once, when it ends (the
newest text wins). Only the event loop talks to the client."""

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
from k0slint.server import client_settings
from k0slint.server.diagnostics import diagnostics
from k0slint.server.linting import Linted, LintService

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
