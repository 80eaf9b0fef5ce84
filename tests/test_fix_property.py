"""Property: whatever the formatting, --fix moves every escaping image under the repository,
keeps the data otherwise as it was, and changes no byte outside the edited spans."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from k0slint.fix.splice import apply_text_edits, text_edits
from k0slint.k0s.references import override_repository
from k0slint.k0s.releases import load
from k0slint.lint.findings import Finding
from k0slint.lint.fixing import fix_text
from k0slint.lint.linter import Linter
from k0slint.lint.rule_packs import all_rules, load_packs
from k0slint.yaml.parse import parse_documents

REPOSITORIES = [
    "registry.acme.corp",
    "registry.acme.corp:5000",
    "localhost:5000",
    "ghcr.io/acme",
    "r.example/a/b",
]
IMAGES = [
    "docker.io/coredns/coredns",
    "quay.io/k0sproject/coredns",
    "registry.k8s.io/kube-proxy",
    "gcr.io/team/app",
    "nginx",
    "custom-repository/my-image",
]
FIELDS = [
    ("konnectivity",),
    ("coredns",),
    ("pushgateway",),
    ("calico", "cni"),
    ("kuberouter", "cniInstaller"),
]
LINTER = Linter([rule() for rule in all_rules(load_packs())], load(), None)


@dataclass(frozen=True)
class Style:
    indent: int
    newline: str
    quote: str
    flow_specs: bool
    comments: bool
    final_newline: bool


def quoted(value: str, quote: str) -> str:
    return f"{quote}{value}{quote}" if quote else value


def render(repository: str, images: dict[tuple[str, ...], tuple[str, str | None]], style: Style) -> str:
    pad = " " * style.indent
    lines = ["# generated", "apiVersion: k0s.k0sproject.io/v1beta1", "kind: ClusterConfig", "spec:"]
    lines.append(f"{pad}images:")
    if style.comments:
        lines.append(f"{pad * 2}# the mirror")
    lines.append(f"{pad * 2}repository: {quoted(repository, style.quote)}")
    groups: dict[str, list[tuple[tuple[str, ...], tuple[str, str | None]]]] = {}
    for path, spec in images.items():
        groups.setdefault(path[0], []).append((path, spec))
    for group, entries in groups.items():
        depth = 2
        if len(entries[0][0]) == 2:
            lines.append(f"{pad * 2}{group}:")
            depth = 3
        for path, (image, version) in entries:
            name = path[-1]
            parts = [f"image: {quoted(image, style.quote)}"]
            if version:
                parts.append(f"version: {quoted(version, style.quote)}")
            comment = "  # pinned" if style.comments else ""
            if style.flow_specs:
                lines.append(f"{pad * depth}{name}: {{{', '.join(parts)}}}{comment}")
            else:
                lines.append(f"{pad * depth}{name}:{comment}")
                lines.extend(f"{pad * (depth + 1)}{part}" for part in parts)
    lines.append(f"{pad}network:")
    lines.append(f"{pad * 2}provider: calico")
    text = style.newline.join(lines)
    return text + style.newline if style.final_newline else text


styles = st.builds(
    Style,
    indent=st.sampled_from([2, 3, 4]),
    newline=st.sampled_from(["\n", "\r\n"]),
    quote=st.sampled_from(["", "'", '"']),
    flow_specs=st.booleans(),
    comments=st.booleans(),
    final_newline=st.booleans(),
)
image_specs = st.dictionaries(
    st.sampled_from(FIELDS),
    st.tuples(st.sampled_from(IMAGES), st.sampled_from([None, "1.2.3", "v1.0.0-rc1"])),
    min_size=1,
    max_size=len(FIELDS),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(repository=st.sampled_from(REPOSITORIES), images=image_specs, style=styles)
def test_fix_moves_escaping_images_and_nothing_else(
    repository: str, images: dict[tuple[str, ...], tuple[str, str | None]], style: Style
) -> None:
    text = render(repository, images, style)

    def lint(current: str) -> list[Finding]:
        return LINTER.lint_text("k0s.yaml", current).findings

    first = lint(text)
    fixes = [f.fix for f in first if f.fix and f.fix.applicability.value == "safe"]
    edits = [edit for fix in fixes for edit in text_edits(fix, text)]
    outcome, remaining = fix_text(text, lint, unsafe=False)
    assert outcome.error is None
    assert not [f for f in remaining if f.code == "K0S101"]
    assert outcome.text == apply_text_edits(text, edits), "one pass, exactly these edits"

    (before,), (after,) = list(parse_documents(text)), list(parse_documents(outcome.text))
    assert before.root is not None and after.root is not None
    expected: Any = before.root.to_data()  # nested mappings, walked by key below
    for path, (image, _) in images.items():
        target = expected["spec"]["images"]
        for key in path:
            target = target[key]
        target["image"] = override_repository(repository, image, prefix_check=False)
    assert after.root.to_data() == expected
