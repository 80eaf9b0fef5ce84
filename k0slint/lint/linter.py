"""Lint files: read, parse, recognise configurations, resolve the k0s release, run rules."""

import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any, NamedTuple

from k0slint.fix.edits import Applicability, Fix, ReplaceValue
from k0slint.k0s.documents import MENTIONS_K0S, ConfigDocument, recognise
from k0slint.k0s.releases import Release, ReleaseData
from k0slint.k0s.versions import VersionError, is_templated, parse_version
from k0slint.lint.discovery import YAML_SUFFIXES
from k0slint.lint.findings import Finding
from k0slint.lint.rule import Rule, RuleContext, UnreadableYaml
from k0slint.lint.selection import RuleId, Selection
from k0slint.lint.suppressions import SuppressionReport, apply, find_directives
from k0slint.yaml.parse import YamlError, parse_documents
from k0slint.yaml.source import SourceError, SourceText, decode

# Used only for files that are not YAML: left to re's cache, compiled on first use.
_TEMPLATE_SYNTAX = r"\{\{|\{%|%\{"


class Skipped(NamedTuple):
    path: str
    reason: str
    mentions_k0s: bool


class FileResult:
    """Everything linting one file produced."""

    __slots__ = (
        "configs",
        "error",
        "findings",
        "notes",
        "path",
        "rule_errors",
        "skipped",
        "source",
        "suppressed",
    )

    def __init__(
        self,
        path: str,
        *,
        error: str | None = None,
        skipped: Skipped | None = None,
        source: SourceText | None = None,
    ) -> None:
        self.path = path
        self.findings: list[Finding] = []
        self.configs: list[tuple[str, int]] = []
        self.skipped = skipped
        self.error = error
        self.rule_errors: list[str] = []
        self.suppressed: list[Finding] = []
        self.notes: list[str] = []
        self.source = source


class ForcedRelease(NamedTuple):
    """A release chosen on the command line (or in configuration), with the note it earned."""

    release: Release
    note: str | None


class Linter:
    """Runs a fixed set of rules against files, one file at a time."""

    def __init__(
        self,
        rules: Sequence[Rule],
        releases: ReleaseData,
        forced: ForcedRelease | None,
        options: Mapping[str, Mapping[str, Any]] | None = None,
        observer: Callable[[ConfigDocument, Release], None] | None = None,
        selection: Selection | None = None,
    ) -> None:
        """`options`: option values by rule code, then option name (k0slint.lint.options)."""
        self.rules = rules
        self.releases = releases
        self.forced = forced
        self.options: Mapping[str, Mapping[str, Any]] = options or {}
        self.observer = observer
        self.selection = selection or Selection()

    def lint_bytes(self, path: str, data: bytes, *, explicit: bool = True) -> FileResult:
        try:
            source = decode(path, data)
        except SourceError as error:
            return FileResult(path, error=str(error))
        return self.lint_text(path, source.text, explicit=explicit, source=source)

    def lint_text(
        self, path: str, text: str, *, explicit: bool = True, source: SourceText | None = None
    ) -> FileResult:
        result = FileResult(path, source=source)
        self._lint_text(result, text, explicit)
        self._apply_selection(result, text)
        result.findings.sort(key=Finding.sort_key)
        return result

    def _apply_selection(self, result: FileResult, text: str) -> None:
        """Severity overrides, per-file ignores, then inline suppressions and their own checks."""
        selection = self.selection
        applies = selection.applies_in(result.path)

        def kept(findings: Iterable[Finding]) -> list[Finding]:
            return [selection.adjust(finding) for finding in findings if applies(finding)]

        findings = kept(result.findings)
        directives = find_directives(text)
        if not directives:
            result.findings = findings
            return
        result.findings, result.suppressed = apply(findings, directives)
        report = SuppressionReport(
            result.path,
            tuple(directives),
            tuple(RuleId(rule.code, rule.name) for rule in self.rules if applies(rule)),
            tuple(RuleId(rule.code, rule.name) for rule in selection.known),
        )
        for rule in self.rules:
            result.findings.extend(kept(rule.check_suppressions(report)))

    def _lint_text(self, result: FileResult, text: str, explicit: bool) -> None:
        try:
            for document in recognise(result.path, text, parse_documents(text), result.notes):
                result.configs.append((document.kind.value, document.document))
                result.findings.extend(self._check(document, result))
        except YamlError as error:
            skip = self._skip_reason(result.path, text, explicit)
            if skip:
                result.skipped = Skipped(result.path, skip, bool(re.search(MENTIONS_K0S, text)))
                return
            problem = UnreadableYaml(result.path, error.line, error.column, error.message)
            for rule in self.rules:
                result.findings.extend(rule.check_unreadable(problem))

    @staticmethod
    def _skip_reason(path: str, text: str, explicit: bool) -> str | None:
        if re.search(_TEMPLATE_SYNTAX, text):
            return "template syntax that does not parse as YAML until rendered"
        if explicit and path != "-" and not path.endswith(YAML_SUFFIXES):
            return "not a YAML file (does not parse as YAML)"
        return None

    def _check(self, document: ConfigDocument, result: FileResult) -> Iterator[Finding]:
        release = self._release_for(document, result.notes)
        if self.observer is not None:
            self.observer(document, release)
        context = RuleContext(release, self.releases, self.options, document.config)
        for rule in self.rules:
            try:
                for finding in rule.check(document, context):
                    yield _guard_aliases(finding, document.aliased_spans)
            except Exception as error:  # one broken rule must not hide the others' findings
                result.rule_errors.append(f"rule {rule.code} failed: {type(error).__name__}: {error}")

    def _release_for(self, document: ConfigDocument, notes: list[str]) -> Release:
        if self.forced is not None:
            return self.forced.release
        node = document.version_node
        if node is None:
            return self.releases.newest
        text = str(node.value)
        where = f"{document.path}:{node.line}:{node.column}"
        if is_templated(text):
            notes.append(
                f"{where}: k0s version {text!r} is templated; checking as {self.releases.newest.tag}"
            )
            return self.releases.newest
        try:
            release, note = self.releases.resolve(parse_version(text))
        except VersionError as error:
            notes.append(f"{where}: {error}; checking as {self.releases.newest.tag}")
            return self.releases.newest
        if note:
            notes.append(f"{where}: {note}")
        return release


def _guard_aliases(finding: Finding, aliased: Sequence[tuple[int, int]]) -> Finding:
    """A fix that edits text an alias repeats elsewhere changes those places too: unsafe."""
    fix = finding.fix
    if fix is None or fix.applicability is not Applicability.SAFE or not aliased:
        return finding
    for edit in fix.edits:
        node = edit.node if isinstance(edit, ReplaceValue) else edit.mapping
        if any(start <= node.start_offset and node.end_offset <= end for start, end in aliased):
            title = f"{fix.title} (unsafe: it edits an anchored value that aliases repeat elsewhere)"
            return finding._replace(fix=Fix(title, Applicability.UNSAFE, fix.edits))
    return finding
