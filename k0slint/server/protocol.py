"""The protocol wiring: which request or notification does what (k0slint.server.documents
keeps the documents and lints them)."""

from urllib.parse import unquote

from lsprotocol import types
from pygls.capabilities import get_capability

from k0slint.lint.settings import PYPROJECT, YAML_NAME
from k0slint.server.actions import KINDS, Request, code_actions
from k0slint.server.diagnostics import diagnostics
from k0slint.server.documents import K0slintServer
from k0slint.server.hovers import hover
from k0slint.server.positions import TextPositions

CONFIG_NAMES = (YAML_NAME, PYPROJECT)


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
