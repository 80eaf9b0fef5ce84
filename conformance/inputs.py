"""The three sets of inputs with committed verdicts: canonical configs, the real-world corpus
(../shared/corpus/real, not copied) and the YAML examples in the rule documentation."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from dataclasses import dataclass

from conformance.extract import extract_corpus, sha256
from conformance.oracle import CONFIGS, REPO, SHARED

CORPUS = SHARED / "corpus" / "real"
_HEADING = re.compile(r"^## (.+)$", re.M)
_YAML_BLOCK = re.compile(r"```yaml\n(.*?)```", re.S)
DOC_SECTIONS = ("Example", "Use instead")


@dataclass(frozen=True)
class Input:
    """One config text and the key its verdict is stored under."""

    key: str
    text: bytes
    note: dict[str, str]


def canonical() -> list[Input]:
    return [Input(path.name, path.read_bytes(), {}) for path in sorted(CONFIGS.glob("*.yaml"))]


def corpus_available() -> bool:
    return CORPUS.is_dir()


def corpus() -> tuple[list[Input], dict[str, str]]:
    """Extracted configs keyed `<file>@sha256:<hex>[#n]`, and the files skipped with why."""
    found, skipped = extract_corpus(CORPUS)
    inputs = [Input(item.key, item.text, {"source": item.source, "kind": item.kind}) for item in found]
    return inputs, {item.key: item.reason for item in skipped}


def _rule_docs() -> list[dict[str, str]]:
    command = [sys.executable, "-m", "k0slint", "--list-rules", "--format", "json"]
    out = subprocess.run(command, capture_output=True, text=True, check=True, cwd=REPO).stdout
    rules: list[dict[str, str]] = json.loads(out)
    return rules


def _sections(markdown: str) -> dict[str, str]:
    parts = _HEADING.split(markdown)
    return {parts[i].strip(): parts[i + 1] for i in range(1, len(parts) - 1, 2)}


def docs() -> list[Input]:
    """The YAML blocks of each rule's `Example` and `Use instead`, keyed `<code>#<n>@sha256:<hex>`."""
    inputs = []
    for rule in _rule_docs():
        sections = _sections(rule["docs"])
        blocks = [
            (name, block) for name in DOC_SECTIONS for block in _YAML_BLOCK.findall(sections.get(name, ""))
        ]
        for index, (section, block) in enumerate(blocks):
            text = block.encode()
            key = f"{rule['code']}#{index}@sha256:{sha256(text)}"
            inputs.append(Input(key, text, {"code": rule["code"], "section": section}))
    return inputs
