"""K0S101 image-outside-repository: a component image is written outside spec.images.repository."""

from __future__ import annotations

from collections.abc import Iterator

from k0slint.api import (
    Applicability,
    ConfigDocument,
    EffectiveImage,
    Finding,
    Fix,
    ReplaceValue,
    Repository,
    Rule,
    RuleContext,
    Severity,
    is_under,
    override_repository,
    shadowed_by_prefix,
)

from ._image_messages import repository_here, usable_repository, why_not_rewritten


class ImageOutsideRepository(Rule):
    """## What it does
    When `spec.images.repository` is set, flags every component image written in the
    config (`spec.images.*.image`, `spec.network.nodeLocalLoadBalancing.*.image.image`)
    that does not live under that repository.

    Two cases, told apart in the message:
    - the image **escapes**: the k0s release in use does not rewrite this component, so
      the node pulls the image as written, outside the mirror (k0s #5455: pushgateway kept
      `quay.io` up to v1.29.13, v1.30.9, v1.31.5 and v1.32.1, and in all of 1.26 - 1.28);
    - k0s **rewrites** it: the cluster pulls `<repository>/...`, but the file names another
      registry, which misleads audits, mirroring scripts and reviewers.

    ## Why is this bad?
    In an air-gapped or regulated network every image must come from the mirror. An image
    that escapes cannot be pulled (or is pulled from the internet); an image that is
    rewritten silently is not the image the file says.

    ## Example
    ```yaml
    apiVersion: k0s.k0sproject.io/v1beta1
    kind: ClusterConfig
    spec:
      images:
        repository: ghcr.io/mirantiscontainers
        pushgateway:
          image: quay.io/k0sproject/pushgateway-ttl
    ```

    ## Use instead
    ```yaml
    apiVersion: k0s.k0sproject.io/v1beta1
    kind: ClusterConfig
    spec:
      images:
        repository: ghcr.io/mirantiscontainers
        pushgateway:
          image: ghcr.io/mirantiscontainers/k0sproject/pushgateway-ttl
    ```

    On releases without k0s's prefix check (before v1.31.12, v1.32.8, v1.33.4, v1.34.1) a
    repository with a path (`registry.acme.io/mirror`) leaves no way to write a rewritten
    image truthfully (the full mirrored path would be doubled, K0S103), so only images that
    escape are reported there. Strings that start with the repository without being under it
    are K0S104's.

    ## Fix safety
    The fix writes the image k0s pulls (the repository override applied by hand). It is
    unsafe where the release lacks k0s's prefix check and the repository has a path: a
    later release that rewrites this component without the prefix check (v1.29.14 - v1.29.15,
    v1.30.10 - v1.30.14, v1.31.6 - v1.31.11, v1.32.2 - v1.32.7, v1.33.1 - v1.33.3) would add
    the path a second time.

    ## Options
    None. Images whose value is templated (`{{ }}`, `${VAR}`) are not checked.
    """

    code = "K0S101"
    security_severity = 7.5
    name = "image-outside-repository"
    severity = Severity.ERROR
    summary = "A component image is written outside spec.images.repository"
    tags = ("supply-chain", "images")

    def check(self, document: ConfigDocument, context: RuleContext) -> Iterator[Finding]:
        repository = usable_repository(context)
        if repository is None:
            return
        for image in context.images.images():
            if image.image_node is None or image.templated:
                continue
            message = self._message(context, image, repository)
            if message is not None:
                yield self.report(
                    document,
                    image.image_node,
                    message,
                    fix=self._fix(context, image, repository),
                    related=repository_here(self, document, repository),
                )

    @staticmethod
    def _fix(context: RuleContext, image: EffectiveImage, repository: Repository) -> Fix:
        assert image.image_node is not None
        mirrored = override_repository(repository.value, image.written_image, prefix_check=False)
        if repository.has_path and not context.release.prefix_check:
            return Fix(
                f"write {mirrored} (unsafe: a later release that rewrites {image.component} without the "
                "prefix check would add the repository path again)",
                Applicability.UNSAFE,
                (ReplaceValue(image.image_node, mirrored),),
            )
        return Fix(f"write {mirrored}", Applicability.SAFE, (ReplaceValue(image.image_node, mirrored),))

    @staticmethod
    def _message(context: RuleContext, image: EffectiveImage, repository: Repository) -> str | None:
        written, release = image.written_image, context.release
        if is_under(written, repository.value):
            return None  # K0S103 looks at doubled paths
        if release.prefix_check and shadowed_by_prefix(written, repository.value):
            return None  # K0S104's case
        if image.skipped in ("release", "forgiven-decode-error"):
            return (
                f"image {written} escapes repository {repository.value}: k0s {release.name} pulls "
                f"{image.uri}; {why_not_rewritten(context, image)}"
            )
        if not release.prefix_check and repository.has_path:
            # No spelling avoids the rewrite here: the full mirrored path would be doubled (K0S103).
            return None
        return (
            f"image {written} is outside repository {repository.value}; "
            f"k0s {release.name} rewrites it and pulls {image.uri}"
        )
