"""`k0slint --show-settings PATH`: the settings, rules and k0s release that apply to one file."""

from __future__ import annotations

import os
from typing import Any

from k0slint.cli.exit_codes import UsageError
from k0slint.k0s.documents import recognise
from k0slint.lint.linter import Linter
from k0slint.lint.linter_factory import LinterFactory
from k0slint.yaml.parse import YamlError, parse_documents
from k0slint.yaml.source import SourceError, decode

PRECEDENCE = (
    "--k0s-version, else the version the file pins (k0sctl spec.k0s.version, k0smotron "
    "spec.version), else the configuration's k0s-version, else the newest known release"
)


def checked_path(path: str) -> str:
    """PATH as --show-settings takes it: an existing file, or - (standard input, not read)."""
    if path == "-" or os.path.isfile(path):
        return path
    if os.path.isdir(path):
        raise UsageError(f"--show-settings {path}: is a folder; name a file in it")
    raise UsageError(f"--show-settings {path}: no such file")


def settings_report(path: str, chosen: LinterFactory, notes: list[str]) -> dict[str, Any]:
    """What applies to `path`: its configuration, the release each of its configs is checked
    against (and why), and the rules that run there after per-file-ignores."""
    linter = chosen.linter_for(path)
    settings = chosen.resolver.for_file(path)
    applies = linter.selection.applies_in(path)
    rules = [rule for rule in linter.rules if applies(rule)]
    configs = _configs(path, linter, notes)
    if configs:
        release, source = configs[0]["k0s-release"], configs[0]["k0s-release-from"]
    else:  # what a config without a version would be checked against
        fallback = linter.forced or linter.default
        release = fallback.release.tag if fallback else linter.releases.newest.tag
        source = fallback.source if fallback else "the newest known release"
    return {
        "file": path,
        **settings.to_json(),
        "k0s-release": release,
        "k0s-release-from": source,
        "k0s-version-precedence": PRECEDENCE,
        "configs": configs,
        "rules": [rule.code for rule in rules],
        "per-file-ignored": [rule.code for rule in linter.rules if not applies(rule)],
        "severity": {code: level.value for code, level in sorted(linter.selection.severity.items())},
        # The options of the rules that run, by rule code, defaults included.
        "options": {
            rule.code: dict(linter.options[rule.code]) for rule in rules if rule.code in linter.options
        },
    }


def _configs(path: str, linter: Linter, notes: list[str]) -> list[dict[str, Any]]:
    """Each k0s configuration in the file, with the release it is checked against."""
    if path == "-":
        return []
    try:
        with open(path, "rb") as handle:
            text = decode(path, handle.read()).text
        documents = list(recognise(path, text, parse_documents(text)))
    except OSError as error:
        raise UsageError(f"--show-settings {path}: cannot read: {error.strerror or error}") from None
    except (SourceError, YamlError) as error:
        notes.append(f"{path}:{error.line}:{error.column}: {error.message}; its configs are not shown")
        return []
    out = []
    for document in documents:
        choice = linter.release_for(document, notes)
        out.append(
            {
                "document": document.document,
                "kind": document.kind.value,
                "k0s-release": choice.release.tag,
                "k0s-release-from": choice.source,
            }
        )
    return out
