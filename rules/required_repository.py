"""K0S109 required-repository: spec.images.repository is not the repository the configuration requires."""

from __future__ import annotations

from collections.abc import Iterator
from typing import ClassVar

from k0slint.api import (
    Applicability,
    ConfigDocument,
    Edit,
    Finding,
    Fix,
    InsertKey,
    MappingNode,
    Node,
    ReplaceValue,
    Rule,
    RuleContext,
    RuleOption,
    Severity,
    walk_json,
)

OPTION = "required-repository"


class RequiredRepository(Rule):
    """## What it does
    With the option `required-repository` set, checks that every k0s configuration sets
    `spec.images.repository` to exactly that value.

    ## Why is this bad?
    A policy such as "every cluster pulls from registry.acme.corp" only holds if every
    config says so; a new config copied from the documentation pulls from the internet.

    ## Example
    ```yaml
    # required-repository: registry.acme.corp
    apiVersion: k0s.k0sproject.io/v1beta1
    kind: ClusterConfig
    spec:
      images:
        repository: ghcr.io/acme
    ```

    ## Use instead
    ```yaml
    # required-repository: registry.acme.corp
    apiVersion: k0s.k0sproject.io/v1beta1
    kind: ClusterConfig
    spec:
      images:
        repository: registry.acme.corp
    ```

    ## Fix safety
    The fix writes the required repository (replacing another one, or adding
    `spec.images.repository`). It is unsafe: it changes where every node pulls from, and the
    mirror must hold the images first.

    ## Options
    `required-repository`: a string, default unset (the rule is off).
    """

    code = "K0S109"
    name = "required-repository"
    severity = Severity.ERROR
    summary = "spec.images.repository is not the repository the configuration requires"
    tags = ("supply-chain", "images", "policy")
    security_severity = 7.0
    options: ClassVar[tuple[RuleOption, ...]] = (
        RuleOption(
            OPTION,
            {"type": "string", "minLength": 1},
            default=None,
            doc="the value every config's spec.images.repository must have; unset: the rule is off",
        ),
    )

    def check(self, document: ConfigDocument, context: RuleContext) -> Iterator[Finding]:
        required = context.option(self, OPTION)
        if not isinstance(required, str) or not required or document.config is None:
            return
        repository = context.images.repository
        if repository is not None and repository.value == required:
            return
        if repository is not None:
            fix = Fix(
                f"write {required} (unsafe: nodes pull from it)",
                Applicability.UNSAFE,
                (ReplaceValue(repository.node, required),),
            )
            yield self.report(
                document,
                repository.node,
                f"repository {repository.value!r} is not the required {required!r}",
                fix=fix,
            )
            return
        where, edit = self._insertion(document, context, required)
        insertion = (
            Fix(
                f"add spec.images.repository: {required} (unsafe: nodes pull from it)",
                Applicability.UNSAFE,
                (edit,),
            )
            if edit
            else None
        )
        yield self.report(
            document,
            where,
            f"spec.images.repository is not set; the required repository is {required!r}",
            fix=insertion,
        )

    @staticmethod
    def _insertion(document: ConfigDocument, context: RuleContext, required: str) -> tuple[Node, Edit | None]:
        config = document.config
        assert config is not None
        spec = context.spec
        images = walk_json(spec, ("images",))
        if isinstance(images, MappingNode) and images.entries and spec is not None:
            return spec.key_node("images") or images, InsertKey(images, "repository", required)
        if isinstance(spec, MappingNode) and spec.entries and "images" not in spec:
            return config.key_node("spec") or config, InsertKey(spec, "images", {"repository": required})
        return config, None
