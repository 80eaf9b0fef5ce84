"""Generators and invariants shared by tests/test_fuzz.py and benchmarks/fuzz_campaign.py.

`configs()` draws k0s ClusterConfig and k0sctl Cluster files (valid and broken) and renders
them with a small emitter of its own, so that odd layouts appear: flow and block styles,
indentless sequences, anchors and aliases, comments, CRLF, quoting. `mutations()` damages the
bytes of real configs. `check()` runs one input through the linter and the fixer and returns
what went wrong.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from hypothesis import strategies as st

from k0slint.k0s.releases import load
from k0slint.lint.findings import Finding
from k0slint.lint.fixing import fix_file
from k0slint.lint.linter import Linter
from k0slint.lint.rule_packs import all_rules, load_packs
from k0slint.yaml.parse import YamlError, parse_documents
from k0slint.yaml.source import LINE_BREAK

LINTER = Linter([rule() for rule in all_rules(load_packs())], load(), None)
# An unsafe fix may edit an anchored value, and with it every alias of it (k0slint/lint/linter.py).
ALIASED = "edits an anchored value"

REPOSITORIES = ["registry.acme.corp", "registry.acme.corp:5000", "ghcr.io/acme", "localhost:5000", "r/a/b"]
IMAGES = [
    "quay.io/k0sproject/coredns",
    "docker.io/coredns/coredns",
    "registry.k8s.io/kube-proxy",
    "registry.acme.corp/k0sproject/coredns",
    "nginx",
    "quay.io/k0sproject/envoy-distroless",
    "ghcr.io/Acme/x",
]
ODD = [
    "yes",
    "no",
    "on",
    "off",
    "0x1f",
    "0o17",
    "~",
    "null",
    "",
    "1e3",
    ".inf",
    "-",
    "1.10",
    "true",
    "=",
    "<<",
]
IMAGE_FIELDS = ["konnectivity", "coredns", "pushgateway", "metricsserver", "kubeproxy", "pause"]
CALICO = ["cni", "node", "kubecontrollers", "flexvolume"]
PROVIDERS = ["calico", "kuberouter", "custom", "Calico", "cilium"]
CIDRS = [
    "10.244.0.0/16",
    "10.96.0.0/12",
    "fd00::/108",
    "10.0.0.0/33",
    "not-a-cidr",
    "10.244.0.0/16,fd00::/48",
]
ADDRESSES = ["10.0.0.1", "192.168.1.10", "::1", "k0s.example.com", "300.1.1.1", "0.0.0.0"]


@dataclass
class Scalar:
    text: str


@dataclass
class Alias:
    name: str


@dataclass
class Seq:
    items: list[Any]
    flow: bool = False
    anchor: str | None = None


@dataclass
class Map:
    items: list[tuple[str, Any]]
    flow: bool = False
    anchor: str | None = None


@dataclass
class Layout:
    indent: int = 2
    newline: str = "\n"
    comments: bool = False
    indentless: bool = False
    start: bool = False
    final_newline: bool = True


@dataclass
class Draw:
    """Hypothesis' draw with the anchors defined so far (aliases may refer to them)."""

    draw: Any
    anchors: list[str] = field(default_factory=list)

    def __call__(self, strategy: st.SearchStrategy[Any]) -> Any:
        return self.draw(strategy)

    def chance(self, percent: int) -> bool:
        return bool(self.draw(st.integers(0, 99)) < percent)


def quote(text: str, how: str) -> str:
    if how == "'":
        return "'" + text.replace("'", "''") + "'"
    if how == '"':
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return text


def scalar(d: Draw, choices: list[str]) -> Any:
    if d.chance(8) and d.anchors:
        return Alias(d(st.sampled_from(d.anchors)))
    pool = choices if d.chance(85) else ODD
    text = d(st.sampled_from(pool))
    how = d(st.sampled_from(["", "", "'", '"']))
    return Scalar(quote(text, how))


def broken(d: Draw) -> Any:
    return d(
        st.sampled_from(
            [Scalar("~"), Scalar("null"), Scalar(""), Seq([]), Map([]), Seq([Scalar("x")]), Scalar("0x1f")]
        )
    )


def mapping(d: Draw, fields: dict[str, Any]) -> Any:
    """A mapping of a random subset of `fields` (name -> zero-argument builder), maybe broken."""
    if d.chance(5):
        return broken(d)
    names = d(st.lists(st.sampled_from(sorted(fields)), unique=True, max_size=len(fields)))
    items: list[tuple[str, Any]] = []
    for name in names:
        key = name
        if d.chance(3):
            key = name.lower() if name != name.lower() else name.upper()
        items.append((key, fields[name]() if not d.chance(4) else broken(d)))
    if d.chance(3) and items:
        items.append(d(st.sampled_from(items)))
    if d.chance(3):
        items.append(("unknownField", Scalar("1")))
    node = Map(items, flow=d.chance(10))
    if d.chance(6):
        node.anchor = f"a{len(d.anchors)}"
        d.anchors.append(node.anchor)
    return node


def versions(d: Draw) -> Any:
    minor, patch, build = d(st.integers(20, 37)), d(st.integers(0, 14)), d(st.integers(0, 2))
    good = f"v1.{minor}.{patch}+k0s.{build}"
    return scalar(d, [good, good, good, f"1.{minor}", f"v1.{minor}.{patch}", "latest", "v2.0.0+k0s.0"])


def image_spec(d: Draw) -> Any:
    return mapping(
        d,
        {
            "image": lambda: scalar(d, IMAGES),
            "version": lambda: scalar(d, ["v1.2.3", "1.11.3", "v0.1.0-rc1", "1.14.6-k0s.0"]),
        },
    )


def images(d: Draw) -> Any:
    fields: dict[str, Any] = {name: lambda: image_spec(d) for name in IMAGE_FIELDS}
    fields["repository"] = lambda: scalar(d, REPOSITORIES)
    fields["default_pull_policy"] = lambda: scalar(d, ["IfNotPresent", "Always", "Sometimes"])
    fields["calico"] = lambda: mapping(d, {name: lambda: image_spec(d) for name in CALICO})
    fields["kuberouter"] = lambda: mapping(
        d, {"cni": lambda: image_spec(d), "cniInstaller": lambda: image_spec(d)}
    )
    return mapping(d, fields)


def network(d: Draw) -> Any:
    return mapping(
        d,
        {
            "provider": lambda: scalar(d, PROVIDERS),
            "podCIDR": lambda: scalar(d, CIDRS),
            "serviceCIDR": lambda: scalar(d, CIDRS),
            "clusterDomain": lambda: scalar(d, ["cluster.local", "-bad-"]),
            "kubeProxy": lambda: mapping(
                d,
                {
                    "mode": lambda: scalar(d, ["iptables", "ipvs", "nft"]),
                    "disabled": lambda: scalar(d, ["true"]),
                },
            ),
            "nodeLocalLoadBalancing": lambda: mapping(
                d,
                {
                    "enabled": lambda: scalar(d, ["true", "false"]),
                    "type": lambda: scalar(d, ["EnvoyProxy", "Nginx"]),
                    "envoyProxy": lambda: mapping(d, {"image": lambda: image_spec(d)}),
                },
            ),
        },
    )


def seq(d: Draw, item: Any, max_size: int = 3) -> Any:
    if d.chance(5):
        return broken(d)
    count = d(st.integers(0, max_size))
    return Seq([item() for _ in range(count)], flow=d.chance(15))


def api(d: Draw) -> Any:
    return mapping(
        d,
        {
            "address": lambda: scalar(d, ADDRESSES),
            "externalAddress": lambda: scalar(d, ADDRESSES),
            "port": lambda: scalar(d, ["6443", "70000", "0x1f"]),
            "sans": lambda: seq(d, lambda: scalar(d, ADDRESSES)),
        },
    )


def values_block(d: Draw) -> Any:
    body = d(
        st.sampled_from(["image:\n  repository: nginx\n", "replicas: 2\n", "a: {b: [1, 2]}\n", "{{ x }}\n"])
    )
    return Scalar("|\n" + body)


def extensions(d: Draw) -> Any:
    chart = lambda: mapping(  # noqa: E731
        d,
        {
            "name": lambda: scalar(d, ["prometheus", "x"]),
            "chartname": lambda: scalar(d, ["prometheus-community/prometheus", "oci://ghcr.io/a/b"]),
            "version": lambda: scalar(d, ["14.6.1", "v1"]),
            "namespace": lambda: scalar(d, ["default", "kube-system"]),
            "order": lambda: scalar(d, ["1", "-1", "x"]),
            "values": lambda: values_block(d),
        },
    )
    repository = lambda: mapping(  # noqa: E731
        d,
        {
            "name": lambda: scalar(d, ["stable"]),
            "url": lambda: scalar(d, ["https://charts.example", "ftp://x"]),
        },
    )
    helm = lambda: mapping(  # noqa: E731
        d, {"charts": lambda: seq(d, chart), "repositories": lambda: seq(d, repository)}
    )
    storage = lambda: mapping(  # noqa: E731
        d, {"type": lambda: scalar(d, ["external_storage", "openebs_local_storage", "bad"])}
    )
    return mapping(d, {"helm": helm, "storage": storage})


def storage(d: Draw) -> Any:
    return mapping(
        d,
        {
            "type": lambda: scalar(d, ["etcd", "kine", "mysql"]),
            "etcd": lambda: mapping(d, {"peerAddress": lambda: scalar(d, ADDRESSES)}),
            "kine": lambda: mapping(
                d, {"dataSource": lambda: scalar(d, ["sqlite:///var/lib/k0s/db", "mysql://x"])}
            ),
        },
    )


def cluster_config(d: Draw) -> Any:
    spec: Callable[[], Any] = lambda: mapping(  # noqa: E731
        d,
        {
            "images": lambda: images(d),
            "network": lambda: network(d),
            "api": lambda: api(d),
            "extensions": lambda: extensions(d),
            "storage": lambda: storage(d),
            "workerProfiles": lambda: seq(
                d, lambda: mapping(d, {"name": lambda: scalar(d, ["p1"]), "values": lambda: Map([])})
            ),
        },
    )
    items: list[tuple[str, Any]] = [
        ("apiVersion", scalar(d, ["k0s.k0sproject.io/v1beta1"])),
        ("kind", scalar(d, ["ClusterConfig"])),
    ]
    if d.chance(70):
        items.append(("metadata", Map([("name", scalar(d, ["k0s", "my-cluster"]))])))
    items.append(("spec", spec()))
    return Map(items)


def k0sctl(d: Draw) -> Any:
    host = lambda: mapping(  # noqa: E731
        d,
        {
            "role": lambda: scalar(d, ["controller", "worker", "controller+worker", "single"]),
            "ssh": lambda: mapping(
                d, {"address": lambda: scalar(d, ADDRESSES), "user": lambda: scalar(d, ["root"])}
            ),
            "installFlags": lambda: seq(d, lambda: scalar(d, ["--enable-dynamic-config", "--debug"])),
            "os": lambda: scalar(d, ["linux", "windows"]),
        },
    )
    k0s = lambda: mapping(  # noqa: E731
        d,
        {
            "version": lambda: versions(d),
            "dynamicConfig": lambda: scalar(d, ["true", "false"]),
            "config": lambda: cluster_config(d),
        },
    )
    return Map(
        [
            ("apiVersion", scalar(d, ["k0sctl.k0sproject.io/v1beta1"])),
            ("kind", scalar(d, ["Cluster"])),
            ("metadata", Map([("name", Scalar("k0s-cluster"))])),
            ("spec", mapping(d, {"hosts": lambda: seq(d, host), "k0s": k0s})),
        ]
    )


def _flow(node: Any) -> str:
    if isinstance(node, Scalar):
        return node.text if not node.text.startswith("|") else quote(node.text[2:], '"')
    if isinstance(node, Alias):
        return f"*{node.name}"
    prefix = f"&{node.anchor} " if node.anchor else ""
    if isinstance(node, Seq):
        return prefix + "[" + ", ".join(_flow(item) for item in node.items) + "]"
    return prefix + "{" + ", ".join(f"{key}: {_flow(value)}" for key, value in node.items) + "}"


def _inline(node: Any) -> bool:
    return isinstance(node, Scalar | Alias) or node.flow or not node.items


def _block(node: Any, depth: int, layout: Layout) -> list[str]:
    pad = " " * depth
    lines: list[str] = []
    items = node.items if isinstance(node, Map) else [("-", item) for item in node.items]
    for index, (key, value) in enumerate(items):
        head = f"{pad}- " if isinstance(node, Seq) else f"{pad}{key}:"
        comment = f"  # c{index}" if layout.comments and index % 2 == 0 else ""
        if isinstance(value, Scalar) and value.text.startswith("|"):
            body = value.text[2:].splitlines()
            lines.append(f"{head} |{comment}")
            lines.extend(f"{pad}{' ' * layout.indent}{line}" for line in body)
            continue
        if _inline(value):
            separator = "" if isinstance(node, Seq) else " "
            lines.append(
                f"{head}{separator}{_flow(value)}{comment}".rstrip()
                if not comment
                else f"{head}{separator}{_flow(value)}{comment}"
            )
            continue
        anchor = f" &{value.anchor}" if value.anchor else ""
        inner = depth + layout.indent
        if isinstance(node, Map) and isinstance(value, Seq) and layout.indentless:
            inner = depth
        if isinstance(node, Seq) and not anchor:
            nested = _block(value, depth + 2, layout)
            nested[0] = f"{pad}- {nested[0][depth + 2 :]}"
            lines.extend(nested)
            continue
        lines.append(
            f"{head.rstrip()}{anchor}{comment}" if isinstance(node, Seq) else f"{head}{anchor}{comment}"
        )
        if layout.comments and index == 0:
            lines.append(f"{' ' * inner}# about {key}")
        lines.extend(_block(value, inner, layout))
    return lines


def emit(documents: list[Any], layout: Layout) -> str:
    parts: list[str] = []
    for index, document in enumerate(documents):
        if index or layout.start:
            parts.append("---")
        parts.extend(
            _block(document, 0, layout) if isinstance(document, Map) and document.items else [_flow(document)]
        )
    text = layout.newline.join(parts)
    return text + layout.newline if layout.final_newline else text


@st.composite
def configs(draw: Any) -> tuple[str, bytes]:
    """(file name, bytes) of a generated k0s or k0sctl configuration file."""
    d = Draw(draw)
    kind = d(st.sampled_from(["k0s", "k0s", "k0sctl", "k0sctl+k0s"]))
    if kind == "k0s":
        documents = [cluster_config(d)]
    elif kind == "k0sctl":
        documents = [k0sctl(d)]
    else:
        documents = [k0sctl(d), cluster_config(d)]
    layout = Layout(
        indent=d(st.sampled_from([2, 2, 3, 4])),
        newline=d(st.sampled_from(["\n", "\n", "\r\n"])),
        comments=d.chance(30),
        indentless=d.chance(30),
        start=d.chance(20),
        final_newline=d.chance(90),
    )
    text = emit(documents, layout)
    data = text.encode("utf-8")
    if d.chance(5):
        data = b"\xef\xbb\xbf" + data
    return ("k0s.yaml" if kind == "k0s" else "k0sctl.yaml"), data


INSERTS = [
    b"\t",
    b"\x00",
    b"\xef\xbb\xbf",
    b"*alias",
    b"&anchor ",
    b"{{ .Values.x }}",
    b"\r",
    b"\n",
    b": ",
    b"- ",
    b"'",
    b'"',
    b"\xff",
    b"<<: *a\n",
    b"!!binary ",
    b"? ",
]


@st.composite
def mutations(draw: Any, files: list[Path]) -> tuple[str, bytes]:
    """(file name, bytes) of a real config damaged by a few byte-level edits."""
    path = draw(st.sampled_from(files))
    data = bytearray(path.read_bytes())
    for _ in range(draw(st.integers(1, 4))):
        op = draw(st.sampled_from(["flip", "insert", "delete", "truncate", "splice", "token"]))
        at = draw(st.integers(0, max(len(data), 1))) if data else 0
        if op == "flip" and data:
            data[min(at, len(data) - 1)] ^= 1 << draw(st.integers(0, 7))
        elif op == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=4))
        elif op == "delete":
            del data[at : at + draw(st.integers(1, 16))]
        elif op == "truncate":
            del data[at:]
        elif op == "splice":
            other = draw(st.sampled_from(files)).read_bytes()
            data = data[:at] + other[draw(st.integers(0, max(len(other) - 1, 0))) :]
        else:
            data[at:at] = draw(st.sampled_from(INSERTS))
    return path.name, bytes(data)


def _load(text: str) -> list[Any] | None:
    try:
        return list(yaml.load_all(text, Loader=yaml.CSafeLoader))
    except (yaml.YAMLError, ValueError, TypeError, RecursionError, OverflowError):
        return None


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, float) and isinstance(b, float) and math.isnan(a) and math.isnan(b):
        return True
    return type(a) is type(b) and a == b


def _differences(a: Any, b: Any, path: tuple[Any, ...]) -> list[tuple[Any, ...]]:
    if isinstance(a, dict) and isinstance(b, dict):
        out: list[tuple[Any, ...]] = []
        for key in [*a, *(k for k in b if k not in a)]:
            if key not in a or key not in b:
                out.append((*path, key))
            else:
                out.extend(_differences(a[key], b[key], (*path, key)))
        return out
    if isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
        return [
            p
            for index, (x, y) in enumerate(zip(a, b, strict=True))
            for p in _differences(x, y, (*path, index))
        ]
    if isinstance(a, str) and isinstance(b, str) and a != b and "\n" in a:
        inner_a, inner_b = _load(a), _load(b)
        if inner_a is not None and inner_b is not None and len(inner_a) == len(inner_b):
            return [p for x, y in zip(inner_a, inner_b, strict=True) for p in _differences(x, y, path)]
    return [] if _same(a, b) else [path]


def _edited_paths(applied: list[Finding]) -> list[tuple[Any, ...]]:
    paths: list[tuple[Any, ...]] = []
    for finding in applied:
        assert finding.fix is not None
        paths.extend(tuple(edit.path) for edit in finding.fix.edits)
    return paths


def _covered(path: tuple[Any, ...], edited: list[tuple[Any, ...]]) -> bool:
    """Whether `path` is at or under an edited path."""
    keys = tuple(part if isinstance(part, int) else str(part) for part in path)
    for edit in edited:
        target = tuple(part if isinstance(part, int) else str(part) for part in edit)
        if keys[: len(target)] == target:
            return True
    return False


def positions(name: str, text: str, findings: list[Finding]) -> list[str]:
    """Findings whose span does not lie inside `text`."""
    lines = re.split(LINE_BREAK, text)  # as libyaml counts them, and k0slint with it
    out = []
    for f in findings:
        bad = (
            f.line < 1
            or f.column < 1
            or f.end_line > len(lines) + 1
            or (f.end_line, f.end_column) < (f.line, f.column)
            or (f.line <= len(lines) and f.column > len(lines[f.line - 1]) + 1)
        )
        if bad:
            span = (f.line, f.column, f.end_line, f.end_column)
            out.append(f"{name}: {f.code} at {span} outside the file ({len(lines)} lines)")
    return out


def check(name: str, data: bytes, *, unsafe: bool = False) -> list[str]:
    """What is wrong with how k0slint handles this input; [] when nothing is."""
    problems: list[str] = []
    result = LINTER.lint_bytes(name, data)
    problems.extend(f"rule error: {error}" for error in result.rule_errors)
    if result.source is not None:
        problems.extend(positions(name, result.source.text, result.findings))
    fixed = fix_file(LINTER, name, data, explicit=True, unsafe=unsafe)
    problems.extend(f"rule error while fixing: {error}" for error in fixed.result.rule_errors)
    if not fixed.changed or fixed.new is None:
        return problems
    source = result.source
    assert source is not None
    if not fixed.new.startswith(source.bom):
        problems.append("fixing dropped the byte order mark")
    new_text = fixed.new[len(source.bom) :].decode(source.encoding)
    try:
        list(parse_documents(new_text))
    except YamlError as error:
        problems.append(f"the fixed text does not parse: {error}")
        return problems
    again = fix_file(LINTER, name, fixed.new, explicit=True, unsafe=unsafe)
    if again.changed:
        problems.append("fixing is not idempotent: a second pass changed the file again")
    before, after = _load(source.text), _load(new_text)
    through_aliases = any(ALIASED in (f.fix.title if f.fix else "") for f in fixed.applied)
    if before is not None and not through_aliases:
        if after is None or len(before) != len(after):
            problems.append("the fixed text no longer loads as the same number of YAML documents")
        else:
            edited = _edited_paths(fixed.applied)
            for x, y in zip(before, after, strict=True):
                for path in _differences(x, y, ()):
                    if not _covered(path, edited):
                        problems.append(f"fixing changed {path}, which no fix targeted (edited: {edited})")
    return problems
