"""Latency of `k0slint server`: from a change to the diagnostics, with a real client.

    python benchmarks/server_latency.py [--edits 50] [--cli-runs 20] [--lines 150]

Starts the server as an editor does (`python -m k0slint server`, over stdio) with pygls's
client, opens a generated k0s configuration of --lines lines, waits for its first diagnostics
(start-up is not measured), then sends --edits changes as an editor sends them while typing
(an incremental change of one character: the coredns version `1.12.0` <-> `1.12.1`), each
after the previous one's diagnostics arrived, and times each from `didChange` sent to
`publishDiagnostics` received for that version. The same file is then linted --cli-runs times
by the command line (`python -m k0slint FILE`, a whole process). Prints the medians, their
ratio, and the ratio to the 50 ms target, as Markdown (benchmarks/README.md holds one run).
"""

from __future__ import annotations

import argparse
import asyncio
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from lsprotocol import types
from pygls.lsp.client import LanguageClient

TARGET_MS = 50.0

HEAD = """\
apiVersion: k0s.k0sproject.io/v1beta1
kind: ClusterConfig
metadata:
  name: k0s-prod
spec:
  api:
    address: 10.10.0.10
    port: 6443
    sans:
      - 10.10.0.10
      - k8s.prod.acme.internal
  network:
    provider: calico
    podCIDR: 10.244.0.0/16
    serviceCIDR: 10.96.0.0/12
  images:
    repository: registry.acme.corp
    coredns:
      image: quay.io/k0sproject/coredns
      version: 1.12.0
    pushgateway:
      image: registry.acme.corp/k0sproject/pushgateway-ttl
      version: 1.4.0-k0s.0
  extensions:
    helm:
      repositories:
        - name: acme
          url: https://registry.acme.corp/charts
      charts:
"""


def config(lines: int) -> str:
    """A k0s configuration of exactly `lines` lines: the head, then helm charts."""
    out = HEAD.splitlines()
    index = 0
    while len(out) + 6 <= lines:
        out += [
            f"        - name: app-{index}",
            f"          chartname: acme/app-{index}",
            "          version: 1.0.0",
            f"          namespace: app-{index}",
            "          order: 1",
            "          timeout: 10m",
        ]
        index += 1
    while len(out) < lines:
        out.append(f"# padding {len(out)}")
    return "\n".join(out) + "\n"


class Client(LanguageClient):
    def __init__(self) -> None:
        super().__init__("k0slint-latency", "1")
        self.arrived: dict[int, float] = {}
        self.counts: dict[int, int] = {}
        self.event = asyncio.Event()


async def server_latencies(path: Path, text: str, edits: int) -> tuple[list[float], int]:
    """Milliseconds from each didChange to its diagnostics; the diagnostics' count."""
    client = Client()

    @client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)  # type: ignore[untyped-decorator]
    def published(params: types.PublishDiagnosticsParams) -> None:
        if params.version is not None:
            client.arrived[params.version] = time.perf_counter()
            client.counts[params.version] = len(params.diagnostics)
            client.event.set()

    await client.start_io(sys.executable, "-m", "k0slint", "server")
    await client.initialize_async(types.InitializeParams(capabilities=types.ClientCapabilities()))
    client.initialized(types.InitializedParams())
    uri = path.as_uri()
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(types.TextDocumentItem(uri, "yaml", 1, text))
    )
    await _wait(client, 1)
    line = text.splitlines().index("      version: 1.12.0")
    latencies = []
    for version in range(2, edits + 2):
        where = types.Range(types.Position(line, 19), types.Position(line, 20))
        change = types.TextDocumentContentChangePartial(range=where, text=str(version % 2))
        params = types.DidChangeTextDocumentParams(
            types.VersionedTextDocumentIdentifier(uri=uri, version=version), [change]
        )
        sent = time.perf_counter()
        client.text_document_did_change(params)
        await _wait(client, version)
        latencies.append((client.arrived[version] - sent) * 1000)
    await client.shutdown_async(None)
    client.exit(None)
    await client.stop()  # type: ignore[no-untyped-call]
    return latencies, client.counts[edits + 1]


async def _wait(client: Client, version: int) -> None:
    while version not in client.arrived:
        client.event.clear()
        await asyncio.wait_for(client.event.wait(), 30)


def cli_times(path: Path, runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "k0slint", "-q", str(path)], capture_output=True, check=False)
        times.append((time.perf_counter() - start) * 1000)
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--edits", type=int, default=50)
    parser.add_argument("--cli-runs", type=int, default=20)
    parser.add_argument("--lines", type=int, default=150)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as work:
        path = Path(work) / "k0s.yaml"
        text = config(args.lines)
        path.write_text(text)
        latencies, findings = asyncio.run(server_latencies(path, text, args.edits))
        command_line = cli_times(path, args.cli_runs)
    server = statistics.median(latencies)
    cli = statistics.median(command_line)
    print(
        f"Python {platform.python_version()}, {platform.machine()}, {args.lines} lines, {findings} findings\n"
    )
    rows = [
        (f"server: didChange -> publishDiagnostics ({args.edits} edits)", server, _p90(latencies)),
        (f"command line: `k0slint -q FILE` ({args.cli_runs} runs)", cli, _p90(command_line)),
    ]
    print("| measure | median (ms) | p90 (ms) |")
    print("|---|---:|---:|")
    for name, median, p90 in rows:
        print(f"| {name} | {median:.1f} | {p90:.1f} |")
    print(f"\nserver / command line: {server / cli:.3f}")
    print(f"server / {TARGET_MS:.0f} ms target: {server / TARGET_MS:.3f}")
    return 0


def _p90(values: list[float]) -> float:
    return statistics.quantiles(values, n=10)[-1]


if __name__ == "__main__":
    raise SystemExit(main())
