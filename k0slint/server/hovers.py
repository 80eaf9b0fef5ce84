"""Hovers: on an image field, what k0s pulls for it at the release in use and why; on a
finding, its rule's documentation."""

from __future__ import annotations

from collections.abc import Iterator

from lsprotocol import types

from k0slint.k0s.documents import ConfigDocument, recognise
from k0slint.k0s.effective import ConfigImages, EffectiveImage
from k0slint.lint.rule_docs import page_url, rule_docs
from k0slint.server.linting import Linted
from k0slint.server.positions import TextPositions
from k0slint.yaml.nodes import MappingNode, Node, walk_json
from k0slint.yaml.parse import YamlError, parse_documents

_SKIPPED = {
    "release": "k0s {tag} does not rewrite this field",
    "prefix-check": (
        "the image already starts with it, and k0s {tag}'s string-prefix check leaves it as written"
    ),
    "forgiven-decode-error": (
        "k0s stops decoding at {forgiven} and never rewrites the node-local load balancing images"
    ),
}


class Part:
    """One piece of a hover: Markdown and the span it is about."""

    def __init__(self, markdown: str, start: int, end: int) -> None:
        self.markdown = markdown
        self.start = start
        self.end = end


def hover(linted: Linted, offset: int, encoding: str) -> types.Hover | None:
    if not linted.is_config or linted.linter is None:
        return None
    parts = [*_image_parts(linted, offset), *_finding_parts(linted, offset)]
    if not parts:
        return None
    positions = TextPositions(linted.text, encoding)
    first = parts[0]
    return types.Hover(
        contents=types.MarkupContent(
            types.MarkupKind.Markdown, "\n\n---\n\n".join(p.markdown for p in parts)
        ),
        range=positions.offsets_range(first.start, first.end),
    )


def _image_parts(linted: Linted, offset: int) -> Iterator[Part]:
    assert linted.linter is not None
    path = linted.result.path if linted.result is not None else "-"
    notes: list[str] = []
    try:
        documents = list(recognise(path, linted.text, parse_documents(linted.text), notes))
    except YamlError:
        return
    for document in documents:
        choice = linted.linter.release_for(document, notes)
        images = ConfigImages(choice.release, document.spec)
        release = f"k0s **{choice.release.tag}**: {choice.source}"
        for image in images.images():
            node = _node_at(_image_nodes(document, image), offset)
            if node is not None:
                yield Part(_describe_image(image, images, release), node.start_offset, node.end_offset)
        repository = images.repository
        if repository is not None and _contains(repository.node, offset):
            node = repository.node
            yield Part(_describe_repository(images, release), node.start_offset, node.end_offset)


def _image_nodes(document: ConfigDocument, image: EffectiveImage) -> list[Node]:
    nodes: list[Node] = [node for node in (image.image_node, image.version_node) if node is not None]
    field = tuple(image.field.split("."))
    parent = walk_json(document.spec, field[:-1]) if len(field) > 1 else document.spec
    if isinstance(parent, MappingNode):
        key = parent.json_key(field[-1])
        key_node = parent.key_node(key) if key is not None else None
        if key_node is not None:
            nodes.append(key_node)
    return nodes


def _contains(node: Node, offset: int) -> bool:
    return node.start_offset <= offset <= node.end_offset


def _node_at(nodes: list[Node], offset: int) -> Node | None:
    return next((node for node in nodes if _contains(node, offset)), None)


def _describe_image(image: EffectiveImage, images: ConfigImages, release: str) -> str:
    written_image = "written in the file" if image.image_node else "the release's default"
    written_version = "written in the file" if image.version_node else "the release's default"
    lines = [
        f"**k0s pulls** `{image.uri}` for `spec.{image.field}`",
        "",
        f"- image `{image.written_image}` ({written_image}),"
        f" version `{image.written_version}` ({written_version})",
        f"- {_rewrite(image, images)}",
        f"- {release}",
    ]
    return "\n".join(lines)


def _rewrite(image: EffectiveImage, images: ConfigImages) -> str:
    repository = images.repository
    if repository is None or not repository.value:
        return "`spec.images.repository` is not set: pulled as written"
    if image.rewritten:
        return f"`spec.images.repository` (`{repository.value}`) rewrites it"
    if image.skipped is not None:
        forgiven = images.forgiven.name if images.forgiven is not None else "a forgiven field"
        why = _SKIPPED[image.skipped].format(tag=images.release.tag, forgiven=forgiven)
        return f"`spec.images.repository` (`{repository.value}`) does not rewrite it: {why}"
    return f"`spec.images.repository` (`{repository.value}`) leaves it as it is"


def _describe_repository(images: ConfigImages, release: str) -> str:
    every = images.images()
    rewritten = [image for image in every if image.rewritten]
    left = [image for image in every if not image.rewritten]
    lines = [
        f"**`spec.images.repository`** rewrites {len(rewritten)} of the {len(every)} image fields",
        "",
        f"- {release}",
    ]
    if left:
        lines.append("- left as written: " + ", ".join(f"`{image.uri}`" for image in left))
    return "\n".join(lines)


def _finding_parts(linted: Linted, offset: int) -> Iterator[Part]:
    if linted.result is None:
        return
    positions = TextPositions(linted.text)
    for finding in linted.result.findings:
        start = positions.offset(finding.line, finding.column)
        end = positions.offset(finding.end_line, finding.end_column)
        rule = linted.rule(finding.code)
        if rule is None or not start <= offset <= end:
            continue
        url = page_url(rule)
        link = f"\n\n[{finding.code} documentation]({url})" if url else ""
        header = f"**{finding.code} {finding.name}** ({finding.severity.value}): {finding.message}"
        yield Part(f"{header}\n\n{rule_docs(rule).markdown.strip()}{link}", start, end)
