"""K0S106 registry-not-allowed: an image is pulled from a registry outside allowed-registries."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import ClassVar

from k0slint.api import (
    ConfigDocument,
    EffectiveImage,
    Finding,
    MappingNode,
    Node,
    PullSettings,
    Rule,
    RuleContext,
    RuleOption,
    Severity,
    k0s_host,
    normalise,
    walk_json,
)

DOCKER_HUB = "docker.io"

OPTION = "allowed-registries"
JUDGE, PULLED, ALL = "judge", "pulled", "all"
METRICS_SCRAPER = "--enable-metrics-scraper"


def allowed_prefixes(entries: Sequence[str]) -> list[str]:
    """`Registry.acme.corp/team/` -> `registry.acme.corp/team`; a path without host is on docker.io."""
    out = []
    for entry in entries:
        text = entry.strip().strip("/")
        if not text:
            continue
        host = k0s_host(f"{text}/")
        if host:
            registry, path = host.lower(), text[len(host) + 1 :]
        else:
            registry, path = DOCKER_HUB, text
        if registry in ("index.docker.io", "registry-1.docker.io"):
            registry = DOCKER_HUB
        out.append(f"{registry}/{path}".rstrip("/"))
    return out


def _why(reason: str | None) -> str:
    return "not pulled by this config, judged because judge is all" if reason is None else f"pulled {reason}"


def is_allowed(reference: str, prefixes: Sequence[str]) -> bool:
    normal = normalise(reference)
    full = f"{normal.registry}/{normal.path}"
    return any(full == prefix or full.startswith(prefix + "/") for prefix in prefixes)


class RegistryNotAllowed(Rule):
    """## What it does
    With the option `allowed-registries` (a list of registries or registry paths), checks
    the images the k0s release in use pulls for the config — after the repository override,
    with the defaults of that release and the images no field can redirect — against the
    list. References are compared the way a container runtime resolves them: `nginx` is
    `docker.io/library/nginx`, `index.docker.io` is `docker.io`, the host is case-insensitive,
    ports count, and an entry matches at a `/` boundary only.

    By default (`judge: pulled`) only the images this config makes k0s pull are judged, as
    `k0s airgap list-images` (without `--all`, v1.36.1+) lists them: pause, konnectivity,
    kube-proxy, coredns and metrics-server always; the images of the configured
    `spec.network.provider` (kube-router by default) only; the node-local load balancing
    image of the enabled type only; the Windows images only where the file shows Windows
    workers; the pushgateway only where it shows controllers started with
    `--enable-metrics-scraper`. A placeholder provider or node-local load balancing setting
    may name any of them, so all of those are judged. Each finding says which setting pulls
    the image.
    `judge: all` judges every image of the release, as `list-images --all` would list it.

    ## Why is this bad?
    A policy such as "only registry.acme.corp" is broken by any image the config lets through:
    a default from `quay.io` when no repository is set, an explicit image from Docker Hub, a
    component the release does not redirect.

    ## Example
    ```yaml
    # allowed-registries: [registry.acme.corp]
    apiVersion: k0s.k0sproject.io/v1beta1
    kind: ClusterConfig
    spec:
      images:
        coredns:
          image: registry.acme.corp/coredns/coredns
    ```
    Without a repository every other component comes from its public registry.

    ## Use instead
    ```yaml
    # allowed-registries: [registry.acme.corp]
    apiVersion: k0s.k0sproject.io/v1beta1
    kind: ClusterConfig
    spec:
      images:
        repository: registry.acme.corp
    ```

    ## Fix safety
    No fix: which mirror holds an image is not k0slint's to decide.

    ## Options
    `allowed-registries`: list of strings, default empty (the rule is off). Each entry is a
    registry host (`registry.acme.corp`, `localhost:5000`) or a registry path
    (`ghcr.io/acme`).

    `judge`: `pulled` (default) judges the images this config makes k0s pull; `all` judges
    every image of the release, whatever the config enables (for a mirror that must hold
    them all).
    """

    code = "K0S106"
    security_severity = 7.5
    name = "registry-not-allowed"
    severity = Severity.ERROR
    summary = "An image is pulled from a registry outside allowed-registries"
    tags = ("supply-chain", "images", "policy")
    options: ClassVar[tuple[RuleOption, ...]] = (
        RuleOption(
            OPTION,
            {"type": "array", "items": {"type": "string", "minLength": 1}},
            default=[],
            doc="registries (registry.acme.corp, localhost:5000) or registry paths (ghcr.io/acme) "
            "images may come from; empty: the rule is off",
        ),
        RuleOption(
            JUDGE,
            {"enum": [PULLED, ALL]},
            default=PULLED,
            doc="pulled: the images this config makes k0s pull; all: every image of the release",
        ),
    )

    def check(self, document: ConfigDocument, context: RuleContext) -> Iterator[Finding]:
        entries: list[str] = context.option(self, OPTION) or []
        prefixes = allowed_prefixes(entries)
        if not prefixes:
            return
        judge_all = context.option(self, JUDGE) == ALL
        allowed = ", ".join(entries)
        release = context.release
        settings = PullSettings(
            context.spec,
            windows_workers=document.windows_workers,
            metrics_scraper=document.controller_flag(METRICS_SCRAPER),
        )
        grouped: dict[int, tuple[Node, dict[str, list[str]]]] = {}

        def group(where: Node, reason: str, name: str) -> None:
            grouped.setdefault(id(where), (where, {}))[1].setdefault(reason, []).append(name)

        for image in context.images.images():
            reason = settings.reason(image)
            if reason is None and not judge_all:
                continue
            if image.templated or is_allowed(image.uri, prefixes):
                continue
            why = _why(reason)
            where = self._anchor(document, context, image)
            if image.image_node is not None:
                yield self.report(
                    document,
                    where,
                    f"k0s {release.name} pulls {image.uri} from {normalise(image.uri).registry}, "
                    f"which is not in allowed-registries ({allowed}); {why}",
                )
                continue
            group(where, why, image.uri)
        hardcoded = context.images.hardcoded(windows_workers=document.windows_workers)
        if judge_all:  # the Windows stack too; OpenEBS's chart only where the config installs it
            hardcoded = [item for item in release.hardcoded if item.component != "extensions.storage"]
            hardcoded += [
                item for item in context.images.hardcoded() if item.component == "extensions.storage"
            ]
        for item in hardcoded:
            reference = item.reference.split(" ", 1)[0]
            if "/" in reference and not is_allowed(reference, prefixes):
                why = _why(settings.hardcoded_reason(item))
                group(
                    self._anchor(document, context, None),
                    why,
                    f"{reference} ({item.component}, not configurable)",
                )
        for node, by_reason in grouped.values():
            count = sum(len(names) for names in by_reason.values())
            ordered = sorted(by_reason.items(), key=lambda item: item[0].startswith("not pulled"))
            listed = "; ".join(f"{why}: {', '.join(names)}" for why, names in ordered)
            yield self.report(
                document,
                node,
                f"k0s {release.name} pulls {count} image(s) from registries not in allowed-registries "
                f"({allowed}): {listed}",
            )

    @staticmethod
    def _anchor(document: ConfigDocument, context: RuleContext, image: EffectiveImage | None) -> Node:
        """The explicit image, else the repository that rewrote it, else the closest written
        ancestor of the field (`spec.images`, `spec`, the config)."""
        if image is not None and image.image_node is not None:
            return image.image_node
        repository = context.images.repository
        if repository is not None and repository.value:
            return repository.node
        path = ("images",) if image is None else tuple(image.field.split("."))
        for depth in range(len(path), 0, -1):
            parent = walk_json(context.spec, path[: depth - 1])
            key = parent.json_key(path[depth - 1]) if isinstance(parent, MappingNode) else None
            if isinstance(parent, MappingNode) and key is not None:
                key_node = parent.key_node(key)
                assert key_node is not None
                return key_node
        config = document.config if document.config is not None else document.root
        return (config.key_node("spec") if isinstance(config, MappingNode) else None) or config
