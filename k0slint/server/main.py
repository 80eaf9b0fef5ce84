"""`k0slint server`: start the language server on stdin and stdout."""

from __future__ import annotations

import logging
import sys
from collections.abc import Sequence

USAGE = "usage: k0slint server [--stdio]\n\nRun the k0slint language server on standard input and output.\n"
MISSING = "k0slint: error: k0slint server needs pygls and lsprotocol: pip install 'k0slint[server]'\n"


def serve(argv: Sequence[str]) -> int:
    if list(argv) in (["-h"], ["--help"]):
        sys.stdout.write(USAGE)
        return 0
    # Some clients (vscode-languageclient's stdio transport) add --stdio: it is what we do anyway.
    argv = [argument for argument in argv if argument != "--stdio"]
    if argv:
        sys.stderr.write(f"k0slint: error: k0slint server takes no arguments (got {' '.join(argv)})\n")
        return 2
    try:
        from k0slint.server.protocol import build
    except ImportError as error:
        if error.name and error.name.split(".")[0] in ("pygls", "lsprotocol", "cattrs", "attrs"):
            sys.stderr.write(MISSING)
            return 2
        raise
    import gc

    from k0slint.lint.linter import GC_YOUNG_THRESHOLD

    # As a run over many files does (k0slint.lint.run): linting makes many short-lived
    # containers, and collecting every 700 of them costs a large file a third of its time.
    gc.set_threshold(GC_YOUNG_THRESHOLD, *gc.get_threshold()[1:])
    # Logs go to stderr, which editors keep as the server's log; stdout is the protocol.
    logging.basicConfig(stream=sys.stderr, level=logging.WARNING, format="%(name)s: %(message)s")
    server = build()
    server.start_io()
    # The protocol's exit code: 0 after a shutdown request, 1 when the client left without one.
    return 0 if server.shut_down else 1
