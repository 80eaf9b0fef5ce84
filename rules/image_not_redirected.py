"""K0S102 image-not-redirected: this k0s release does not redirect an image to the repository."""

from __future__ import annotations

from collections.abc import Iterator

from k0slint.api import (
    Applicability,
    ConfigDocument,
    EffectiveImage,
    Finding,
    Fix,
    InsertKey,
    MappingNode,
    Node,
    PlainData,
    Repository,
    Rule,
    RuleContext,
    ScalarNode,
    Severity,
    override_repository,
    string_value,
    walk_json,
)

from ._image_messages import minor_name, repository_here, usable_repository, why_not_rewritten

METRICS_SCRAPER = "--enable-metrics-scraper"


class ImageNotRedirected(Rule):
    """## What it does
    Flags images that k0s pulls from their public registry although `spec.images.repository`
    is set, because the k0s release in use does not apply the repository to them:

    - `images.pushgateway` in all of 1.26 - 1.28, v1.29.1 - v1.29.13, v1.30.0 - v1.30.9,
      v1.31.1 - v1.31.5 and v1.32.1 (k0s #5455, fixed by PR #5520), when no pushgateway
      image under the repository is written. The pushgateway runs only on controllers
      started with `--enable-metrics-scraper`; in a k0sctl file whose controllers do not use
      that flag it is not reported;
    - the pause (sandbox) image in 1.26 and 1.27, which no field configures
      (`images.pause` exists from v1.28.2);
    - the Windows worker stack (calico-windows, kube-proxy for Windows, powershell) in
      v1.28.2 - 1.33, when a k0sctl file has Windows workers and calico;
    - the OpenEBS chart of `extensions.storage.type: openebs_local_storage` (1.26 - 1.30);
    - the node-local load balancing image when the config still has
      `spec.podSecurityPolicy`: k0s stops decoding at that field, forgives it, and never
      rewrites the envoy/traefik image (static config; k0s issue #3986).

    The finding sits on the component's entry where one is written, else on the repository.

    ## Why is this bad?
    The node pulls from the internet (or fails to pull in an air gap) although the config
    says every image comes from the mirror; `k0s airgap list-images` of the same releases
    does not list the pushgateway either (k0s #5456).

    ## Example
    ```yaml
    # k0sctl.yaml, controllers run with --enable-metrics-scraper, k0s v1.32.1+k0s.0
    apiVersion: k0s.k0sproject.io/v1beta1
    kind: ClusterConfig
    spec:
      images:
        repository: registry.acme.corp
    ```

    ## Use instead
    ```yaml
    apiVersion: k0s.k0sproject.io/v1beta1
    kind: ClusterConfig
    spec:
      images:
        repository: registry.acme.corp
        pushgateway:
          image: registry.acme.corp/k0sproject/pushgateway-ttl
          version: 1.4.0-k0s.0
    ```
    or upgrade to v1.32.2 or later (v1.29.14, v1.30.10, v1.31.6 on older lines).

    ## Fix safety
    For the pushgateway the fix writes `images.pushgateway.image` (and the release's default
    version) under the repository. It is unsafe when the repository has a path: a later
    release that rewrites the pushgateway but lacks the prefix check would add the path
    again (see K0S103). The other cases have no fix but an upgrade.

    ## Options
    None.
    """

    code = "K0S102"
    security_severity = 8.0
    name = "image-not-redirected"
    severity = Severity.ERROR
    summary = "spec.images.repository is set, but this k0s release does not redirect an image"
    tags = ("supply-chain", "images")

    def check(self, document: ConfigDocument, context: RuleContext) -> Iterator[Finding]:
        repository = usable_repository(context)
        if repository is None:
            return
        related = repository_here(self, document, repository)
        for image in context.images.images():
            if image.image_node is not None or not self._applies(document, context, image):
                continue
            where = image.entry_node if image.entry_node is not None else repository.node
            if image.skipped == "forgiven-decode-error" and context.images.forgiven is not None:
                where = context.images.forgiven.key_node
            yield self.report(
                document,
                where,
                self._message(context, image, repository),
                fix=self._fix(context, image, repository),
                related=related,
            )
        yield from self._hardcoded(document, context, repository)

    @staticmethod
    def _fix(context: RuleContext, image: EffectiveImage, repository: Repository) -> Fix | None:
        """Write the pushgateway image under the repository, with the release's default version."""
        if image.field != "images.pushgateway":
            return None
        mirrored = override_repository(repository.value, image.written_image, prefix_check=False)
        unsafe = repository.has_path
        applicability = Applicability.UNSAFE if unsafe else Applicability.SAFE
        title = f"write images.pushgateway.image: {mirrored}"
        if unsafe:
            title += (
                " (unsafe: releases that rewrite the pushgateway without the prefix check, "
                "v1.29.14 - v1.33.3, would add the repository path again)"
            )
        if isinstance(image.entry_node, MappingNode):
            return Fix(title, applicability, (InsertKey(image.entry_node, "image", mirrored),))
        images = walk_json(context.spec, ("images",))
        if image.entry_node is not None or not isinstance(images, MappingNode):
            return None
        value: PlainData = {"image": mirrored, "version": image.written_version}
        return Fix(
            f"{title} and version {image.written_version}",
            applicability,
            (InsertKey(images, "pushgateway", value),),
        )

    @staticmethod
    def _applies(document: ConfigDocument, context: RuleContext, image: EffectiveImage) -> bool:
        if image.skipped == "release":
            return not (
                image.field == "images.pushgateway" and document.controller_flag(METRICS_SCRAPER) is False
            )
        if image.skipped == "forgiven-decode-error":
            return document.dynamic_config is not True and _nllb_uses(context, image.field)
        return False

    @staticmethod
    def _message(context: RuleContext, image: EffectiveImage, repository: Repository) -> str:
        used = f" (used with {METRICS_SCRAPER})" if image.field == "images.pushgateway" else ""
        return (
            f"k0s {context.release.name} does not redirect {image.component}{used}: with repository "
            f"{repository.value} it still pulls {image.uri}; {why_not_rewritten(context, image)}"
        )

    def _hardcoded(
        self, document: ConfigDocument, context: RuleContext, repository: Repository
    ) -> Iterator[Finding]:
        related = repository_here(self, document, repository)
        for item in context.images.hardcoded(windows_workers=document.windows_workers):
            where: Node = repository.node
            if item.component == "extensions.storage":
                where = context.images.openebs_storage() or where
                message = (
                    f"k0s {context.release.name} installs OpenEBS from {item.reference}; its images "
                    f"come from the chart's registries, never from {repository.value}"
                )
            elif item.component == "pause":
                message = (
                    f"k0s {context.release.name} pulls the pause image {item.reference} on every worker "
                    f"whatever spec.images.repository says ({minor_name(context)} has no images.pause; "
                    "it exists from v1.28.2)"
                )
            else:
                message = (
                    f"k0s {context.release.name} pulls {item.reference} for Windows workers with calico "
                    f"whatever spec.images.repository says (configurable from v1.34.1)"
                )
            yield self.report(document, where, message, related=related)


def _nllb_uses(context: RuleContext, field: str) -> bool:
    """Whether node-local load balancing is on with the backend whose image `field` is."""
    nllb = walk_json(context.spec, ("network", "nodeLocalLoadBalancing"))
    if not isinstance(nllb, MappingNode):
        return False
    enabled = nllb.get_json("enabled")
    if not (isinstance(enabled, ScalarNode) and enabled.value is True):
        return False
    backend = string_value(nllb.get_json("type")) or "EnvoyProxy"
    return (backend == "Traefik") == field.endswith("traefik.image")
