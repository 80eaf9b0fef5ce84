"""Findings as protocol diagnostics: code, rule name, severity, exact range, related
locations, a link to the rule's page, and the `unnecessary` tag for rules tagged so."""

from __future__ import annotations

from lsprotocol import types
from pygls.uris import from_fs_path

from k0slint.lint.findings import Finding, Location, Severity
from k0slint.lint.rule_docs import page_url
from k0slint.server.linting import Linted
from k0slint.server.positions import TextPositions

SOURCE = "k0slint"
# Rules' tags that editors show: `unnecessary` (text that has no effect: an ignored key, a
# suppression that hides nothing) faded, `deprecated` (a setting k0s stopped using) struck out.
TAGS = {"unnecessary": types.DiagnosticTag.Unnecessary, "deprecated": types.DiagnosticTag.Deprecated}

_SEVERITY = {
    Severity.ERROR: types.DiagnosticSeverity.Error,
    Severity.WARNING: types.DiagnosticSeverity.Warning,
    Severity.INFO: types.DiagnosticSeverity.Information,
}


def finding_range(finding: Finding | Location, positions: TextPositions) -> types.Range:
    where = finding.location if isinstance(finding, Finding) else finding
    return positions.range(where.line, where.column, where.end_line, where.end_column)


def diagnostic(finding: Finding, linted: Linted, positions: TextPositions, uri: str) -> types.Diagnostic:
    rule = linted.rule(finding.code)
    url = page_url(rule) if rule is not None else None
    tags = [TAGS[tag] for tag in rule.tags if tag in TAGS] if rule is not None else []
    related = [
        types.DiagnosticRelatedInformation(
            types.Location(
                _uri_of(item.location.file, finding.file, uri), finding_range(item.location, positions)
            ),
            item.message,
        )
        for item in finding.related
    ]
    return types.Diagnostic(
        range=finding_range(finding, positions),
        message=f"{finding.message} [{finding.name}]",
        severity=_SEVERITY[finding.severity],
        code=finding.code,
        code_description=types.CodeDescription(href=url) if url else None,
        source=SOURCE,
        tags=tags or None,
        related_information=related or None,
        data={"name": finding.name},
    )


def _uri_of(file: str, linted_file: str, uri: str) -> str:
    return uri if file == linted_file else (from_fs_path(file) or uri)


def diagnostics(linted: Linted, uri: str, encoding: str) -> list[types.Diagnostic]:
    """What the client shows for one lint: nothing for a document that is no k0s configuration."""
    if not linted.is_config:
        return []
    if linted.config_error is not None:
        return [
            types.Diagnostic(
                range=types.Range(types.Position(0, 0), types.Position(0, 0)),
                message=f"k0slint cannot lint this file: {linted.config_error}",
                severity=types.DiagnosticSeverity.Error,
                source=SOURCE,
            )
        ]
    assert linted.result is not None
    positions = TextPositions(linted.text, encoding)
    return [diagnostic(finding, linted, positions, uri) for finding in linted.result.findings]
