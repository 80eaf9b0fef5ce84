"""Seeded differential campaign: generated configs through the k0s oracle and k0slint.

    python -m conformance.campaign [--seed 1] [--count 1200] [--report FILE] [TAG ...]

Every generated config is run by the oracle at every built served tag (default) and compared
with k0slint as tests/test_conformance.py does. Prints counts and the disagreements grouped by
kind and subject, with the shortest config of each group; `--report` writes them as JSON.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
from collections import Counter, defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from conformance.compare import Disagreement, compare_one, differences, k0slint_views, unlisted
from conformance.oracle import built_tags, run, write_texts

DIGEST = "sha256:" + "0123456789abcdef" * 4
FIELDS = (
    "konnectivity",
    "metricsserver",
    "kubeproxy",
    "coredns",
    "pause",
    "pushgateway",
    "calico.cni",
    "calico.node",
    "calico.kubecontrollers",
    "kuberouter.cni",
    "kuberouter.cniInstaller",
    "windows.kubeproxy",
    "windows.pause",
    "calico.windows.cni",
    "calico.windows.node",
)
SECTIONS = (
    "konnectivity",
    "metricsserver",
    "calico",
    "kuberouter",
    "windows",
    "pushgateway",
    "pause",
    "coredns",
)
REPOSITORIES = (
    "registry.example.com",
    "registry.example.com:5000",
    "registry.example.com/k0s",
    "registry.example.com:5000/mirror/k0s/",
    "registry.example.com/k0s/",
    "acme/k0s",
    "localhost:5000",
    "localhost",
    "reg.example.com/a/b/c",
    "quay.io",
    "quay.io/k0sproject",
    "REGISTRY.example.com/K0s",
    "https://registry.example.com",
    "registry.example.com//k0s",
    "",
)
CIDRS = (
    "10.244.0.0/16",
    "10.96.0.0/12",
    "10.244.0.0/33",
    "10.96.0.0",
    "fd00::/108",
    "bogus",
    "192.168.0.0/24",
)
ADDRESSES = ("10.0.0.1", "0.0.0.0", "not an ip", "fe80::1", "api.example.com", "10.0.0.300")

Config = dict[str, Any]


def _image(rng: random.Random, repo: str) -> str:
    base = repo.rstrip("/") or "registry.example.com"
    choices = (
        f"{base}/k0sproject/coredns",
        f"{base}-mirror/k0sproject/coredns",
        "quay.io/acme/thing",
        "acme/thing",
        "thing",
        "localhost:5000/thing",
        "docker.io/library/thing",
        "quay.io/k0sproject/pushgateway-ttl",
        "quay.io/acme/thing:v1",
        "",
        " quay.io/acme/thing",
        f"{base}/thing@{DIGEST}",
    )
    return rng.choice(choices)


def _version(rng: random.Random) -> object:
    return rng.choice(
        ("v1.2.3", "1.12.0", f"1.12.0@{DIGEST}", DIGEST, "", "1.2 3", "latest", 3.1, None, "v1.2.3_x")
    )


def _set(config: Config, dotted: str, value: object) -> None:
    node = config
    parts = dotted.split(".")
    for part in parts[:-1]:
        child = node.get(part)
        if not isinstance(child, dict):
            child = node[part] = {}
        node = child
    node[parts[-1]] = value


def _images(rng: random.Random, config: Config) -> None:
    spec = config["spec"]
    if rng.random() < 0.03:
        spec["images"] = None
        return
    images: Config = spec.setdefault("images", {})
    if rng.random() < 0.75:
        images["repository"] = rng.choice(REPOSITORIES)
    for name in rng.sample(FIELDS, rng.randint(0, 4)):
        entry: Config = {}
        if rng.random() < 0.8:
            entry["image"] = _image(rng, str(images.get("repository", "")))
        if rng.random() < 0.6:
            entry["version"] = _version(rng)
        _set(images, name, entry)
    if rng.random() < 0.08:
        images[rng.choice(SECTIONS)] = None
    if rng.random() < 0.1:
        images["default_pull_policy"] = rng.choice(("Always", "IfNotPresent", "Never", "Sometimes", ""))


def _network(rng: random.Random, config: Config) -> None:
    network: Config = config["spec"].setdefault("network", {})
    if rng.random() < 0.3:
        network["provider"] = rng.choice(("kuberouter", "calico", "custom", "calicoo", ""))
    if rng.random() < 0.2:
        network["podCIDR"] = rng.choice(CIDRS)
    if rng.random() < 0.2:
        network["serviceCIDR"] = rng.choice(CIDRS)
    if rng.random() < 0.4:
        _nllb(rng, network)


def _nllb(rng: random.Random, network: Config) -> None:
    if rng.random() < 0.05:
        network["nodeLocalLoadBalancing"] = None
        return
    nllb: Config = {"enabled": rng.random() < 0.7}
    if rng.random() < 0.5:
        nllb["type"] = rng.choice(("EnvoyProxy", "Traefik", "Bogus"))
    roll = rng.random()
    if roll < 0.1:
        nllb["envoyProxy"] = None
    elif roll < 0.6:
        envoy: Config = {}
        if rng.random() < 0.6:
            envoy["image"] = {"image": _image(rng, "registry.example.com"), "version": _version(rng)}
        if rng.random() < 0.2:
            envoy["image"] = None
        nllb["envoyProxy"] = envoy
    if rng.random() < 0.2:
        nllb["traefik"] = {"image": {"image": "docker.io/library/traefik", "version": "v3.1.0"}}
    network["nodeLocalLoadBalancing"] = nllb


def _api(rng: random.Random, config: Config) -> None:
    api: Config = {}
    if rng.random() < 0.5:
        api["address"] = rng.choice(ADDRESSES)
    if rng.random() < 0.5:
        api["externalAddress"] = rng.choice(ADDRESSES)
    if rng.random() < 0.3:
        api["sans"] = rng.sample(ADDRESSES, 2)
    config["spec"]["api"] = api


def _helm(rng: random.Random, config: Config) -> None:
    chart: Config = {"name": "app", "chartname": "repo/app", "namespace": "default", "version": "1.0.0"}
    for key in rng.sample(sorted(chart), rng.randint(0, 2)):
        del chart[key]
    helm: Config = {"charts": [chart]}
    if rng.random() < 0.5:
        helm["repositories"] = [
            {
                "name": "repo",
                "url": rng.choice(("https://charts.example.com", "oci://registry.example.com/charts", "")),
            }
        ]
    config["spec"]["extensions"] = {"helm": helm}


def _forgiven(rng: random.Random, config: Config) -> None:
    config["spec"]["telemetry"] = {"enabled": rng.random() < 0.5, "interval": "10m"}


MUTATIONS: tuple[tuple[float, Callable[[random.Random, Config], None]], ...] = (
    (0.9, _images),
    (0.5, _network),
    (0.15, _api),
    (0.1, _helm),
    (0.04, _forgiven),
)


def generate(seed: int, count: int) -> list[bytes]:
    rng = random.Random(seed)
    texts = []
    for _ in range(count):
        config: Config = {"apiVersion": "k0s.k0sproject.io/v1beta1", "kind": "ClusterConfig", "spec": {}}
        for chance, mutate in MUTATIONS:
            if rng.random() < chance:
                mutate(rng, config)
        texts.append(yaml.safe_dump(config, sort_keys=False).encode())
    return texts


def outcome(verdict: dict[str, Any]) -> str:
    if verdict["load"] != "ok":
        return f"load {verdict['load']}"
    return "validate fails" if verdict["validate_errors"] else "valid"


def campaign(tags: list[str], texts: list[bytes], folder: Path, outcomes: Counter[str]) -> list[Disagreement]:
    paths = write_texts(folder, [(str(index), text) for index, text in enumerate(texts)])
    found: list[Disagreement] = []
    for tag in tags:
        verdicts = run(tag, paths)
        outcomes.update(outcome(verdict) for verdict in verdicts)
        views = k0slint_views(tag, paths, jobs=0)
        for index, (path, verdict) in enumerate(zip(paths, verdicts, strict=True)):
            found += compare_one("campaign", tag, str(index), verdict, views[str(path)])
        print(f"{tag}: {len(texts)} configs compared", file=sys.stderr)
    return found


def groups(found: list[Disagreement], texts: list[bytes]) -> list[dict[str, Any]]:
    grouped: dict[tuple[str, str], list[Disagreement]] = defaultdict(list)
    for item in found:
        grouped[(item.kind, item.subject)].append(item)
    report = []
    for (kind, subject), items in sorted(grouped.items()):
        shortest = min(items, key=lambda item: (len(texts[int(item.key)]), item.key))
        report.append(
            {
                "kind": kind,
                "subject": subject,
                "count": len(items),
                "configs": len({item.key for item in items}),
                "tags": sorted({item.tag for item in items}),
                "example": texts[int(shortest.key)].decode(),
                "example_tag": shortest.tag,
                "message": shortest.message,
            }
        )
    return report


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--count", type=int, default=1200)
    parser.add_argument("--report", type=Path)
    parser.add_argument("tags", nargs="*")
    args = parser.parse_args()
    tags = args.tags or built_tags()
    texts = generate(args.seed, args.count)
    with tempfile.TemporaryDirectory(prefix="k0s-campaign-") as tmp:
        outcomes = Counter[str]()
        found = campaign(tags, texts, Path(tmp), outcomes)
        compared = len(tags) * len(texts)
    new = unlisted(found, differences())
    report = groups(found, texts)
    print(f"seed {args.seed}: {len(texts)} configs x {len(tags)} tags = {compared} comparisons")
    print(f"k0s verdicts: {dict(sorted(outcomes.items()))}")
    print(f"disagreements: {len(found)} ({len(new)} not in differences.yaml) in {len(report)} groups")
    for group in report:
        print(f"{group['count']:6d} {group['configs']:5d} configs  {group['kind']:20s} {group['subject']}")
    if args.report:
        args.report.write_text(
            json.dumps({"compared": compared, "outcomes": outcomes, "groups": report}, indent=1) + "\n"
        )
    counts = Counter(item.kind for item in found)
    print(dict(sorted(counts.items())))


if __name__ == "__main__":
    main()
