from __future__ import annotations

from collections.abc import Iterator

from k0slint.api import (
    ConfigDocument,
    EffectiveImage,
    Finding,
    Repository,
    Rule,
    RuleContext,
    Severity,
    effective_images,
    is_under,
    repository_of,
    shadowed_by_prefix,
)


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

    ## Fix safety
    The fix writes the image k0s pulls (the repository override applied by hand). It is
    unsafe where the release lacks k0s's prefix check and the repository has a path
    (`registry.acme.io/mirror`): such a release would add the path a second time.

    ## Options
    None. Images whose value is templated (`{{ }}`, `${VAR}`) are not checked.
    """

    code = "K0S101"
    name = "image-outside-repository"
    severity = Severity.ERROR
    summary = "A component image is written outside spec.images.repository"
    tags = ("supply-chain", "images")

    def check(self, document: ConfigDocument, context: RuleContext) -> Iterator[Finding]:
        repository = repository_of(document.spec)
        if repository is None or not repository.usable:
            return
        for image in effective_images(context.release, document.spec):
            if self._is_outside(image, repository, context):
                yield self._finding(document, context, image, repository)

    @staticmethod
    def _is_outside(image: EffectiveImage, repository: Repository, context: RuleContext) -> bool:
        if image.image_node is None or image.templated:
            return False
        written = image.written_image
        if is_under(written, repository.value):
            return False
        # The string-prefix case on tags with the prefix check is K0S104's.
        return not (context.release.prefix_check and shadowed_by_prefix(written, repository.value))

    def _finding(
        self,
        document: ConfigDocument,
        context: RuleContext,
        image: EffectiveImage,
        repository: Repository,
    ) -> Finding:
        assert image.image_node is not None
        release = context.release
        if image.rewritten:
            message = (
                f"image {image.written_image} is outside repository {repository.value}; "
                f"k0s {release.name} rewrites it and pulls {image.uri}"
            )
        else:
            message = (
                f"image {image.written_image} escapes repository {repository.value}: "
                f"k0s {release.name} pulls {image.uri}; {self._why_not_rewritten(context, image.field)}"
            )
        related = (self.related(document, repository.node, "spec.images.repository is set here"),)
        return self.report(document, image.image_node, message, related=related)

    @staticmethod
    def _why_not_rewritten(context: RuleContext, field: str) -> str:
        component = field.removeprefix("images.")
        because = context.release.not_rewritten_because(field)
        fixed = context.releases.first_rewriting(context.release, field)
        if fixed is not None:
            return f"the repository override skips {component} before {fixed.name} ({because})"
        version = context.release.version
        minor = f"{version.major}.{version.minor}"
        return f"the repository override skips {component} in every {minor} release ({because})"
