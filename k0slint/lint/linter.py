"""Lint files: read, parse, recognise configurations, resolve the k0s release, run rules."""

import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any, NamedTuple

from k0slint.fix.edits import Applicability, Fix, ReplaceValue
from k0slint.k0s.documents import MENTIONS_K0S, ConfigDocument, recognise
from k0slint.k0s.placeholders import is_placeholder
from k0slint.k0s.references import written_image_problem
from k0slint.k0s.releases import Release, ReleaseData
from k0slint.k0s.versions import VersionError, parse_version
from k0slint.lint.discovery import YAML_SUFFIXES
from k0slint.lint.findings import Finding
from k0slint.lint.rule import Rule, RuleContext, UnreadableYaml
from k0slint.lint.selection import RuleId, Selection
from k0slint.lint.suppressions import SuppressionReport, apply, find_directives
from k0slint.yaml.parse import YamlError, parse_documents
from k0slint.yaml.source import SourceError, SourceText, decode

# Linting makes many short-lived containers: a process that lints much (a run over many files,
# the language server) collects its youngest generation every this many, not every 700.
GC_YOUNG_THRESHOLD = 10_000
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
        "fixable",
        "notes",
        "path",
        "rule_errors",
        "skipped",
        "source",
        "suppressed",
        "unreadable",
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
        # Where the text stopped parsing as YAML, if it did (the rules' K0S001 is reported there).
        self.unreadable: UnreadableYaml | None = None
        # Without --fix: the fixes --fix would apply over all its passes, and how many more
        # --unsafe-fixes would (lint.fixing.fixable_counts); None when not counted.
        self.fixable: tuple[int, int] | None = None


class ForcedRelease(NamedTuple):
    """A release named on the command line (or in configuration), with the note it earned and
    where it was named (`--k0s-version`, `<file>: k0s-version`)."""

    release: Release
    note: str | None
    source: str = "--k0s-version"


class ReleaseChoice(NamedTuple):
    """The release a config is checked against, and why (as --show-settings says it)."""

    release: Release
    source: str


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
        default: ForcedRelease | None = None,
    ) -> None:
        """`options`: option values by rule code, then option name (k0slint.lint.options).
        `forced` (--k0s-version) is the release of every config; `default` (the configuration's
        k0s-version) that of a config whose file pins no version, instead of the newest."""
        self.rules = rules
        self.releases = releases
        self.forced = forced
        self.default = default
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
            result.unreadable = problem
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
        release = self.release_for(document, result.notes).release
        if self.observer is not None:
            self.observer(document, release)
        context = RuleContext(release, self.releases, self.options, document.config)
        for rule in self.rules:
            try:
                for finding in rule.check(document, context):
                    yield _guard_aliases(_guard_references(finding), document.aliased_spans)
            except Exception as error:  # one broken rule must not hide the others' findings
                result.rule_errors.append(f"rule {rule.code} failed: {type(error).__name__}: {error}")

    def release_for(self, document: ConfigDocument, notes: list[str]) -> ReleaseChoice:
        """--k0s-version, else the version the file pins, else the configuration's k0s-version,
        else the newest known release: configuration is the default, not an override."""
        if self.forced is not None:
            return ReleaseChoice(self.forced.release, self.forced.source)
        if self.default is not None:
            fallback = ReleaseChoice(self.default.release, self.default.source)
        else:
            fallback = ReleaseChoice(self.releases.newest, "the newest known release")
        node = document.version_node
        if node is None:
            return fallback
        text = str(node.value)
        where = f"{document.path}:{node.line}:{node.column}"
        if is_placeholder(text):
            notes.append(
                f"{where}: k0s version {text!r} is a placeholder; checking as {fallback.release.tag}"
            )
            return fallback
        try:
            release, note = self.releases.resolve(parse_version(text))
        except VersionError as error:
            notes.append(f"{where}: {error}; checking as {fallback.release.tag}")
            return fallback
        if note:
            notes.append(f"{where}: {note}")
        return ReleaseChoice(release, f"the version the file pins at {where}")


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


def _guard_references(finding: Finding) -> Finding:
    """No fix writes an image or repository no runtime can pull (`registry.example.com/Coredns`
    from an upper-case image): such a fix is not offered, and the message says why."""
    fix = finding.fix
    if fix is None:
        return finding
    for edit in fix.edits:
        found = written_image_problem(edit.path, edit.value)
        if found is not None:
            value, problem = found
            message = f"{finding.message} (no fix: it would write {value!r}, but {problem})"
            return finding._replace(message=message, fix=None)
    return finding
