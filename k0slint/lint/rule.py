"""The rule base class: what a rule declares and how it reports."""

from collections.abc import Iterator, Mapping
from functools import cached_property
from typing import Any, ClassVar, NamedTuple

from k0slint.fix.edits import Fix
from k0slint.k0s.documents import ConfigDocument
from k0slint.k0s.effective import ConfigImages
from k0slint.k0s.releases import Release, ReleaseData
from k0slint.k0s.schema import FieldReport, SchemaNode, field_report, load_schema, minor_of
from k0slint.lint.findings import Finding, Location, RelatedLocation, Severity
from k0slint.lint.suppressions import SuppressionReport
from k0slint.yaml.nodes import MappingNode, Node


class RuleOption(NamedTuple):
    """An option a rule declares: its name (kebab-case), its type as a JSON-schema fragment
    (`{"type": "array", "items": {"type": "string"}}`; values are checked with the subset
    k0slint.lint.options.check_option knows), the value it has when configuration does not
    set it, and one line of documentation for `--explain`."""

    name: str
    schema: Mapping[str, Any]
    default: Any = None
    doc: str = ""


class RuleContext:
    """What a rule may know besides the document: the k0s release it is checked against,
    the rules' options, and (computed once per document) the images that release pulls.

    `options` holds option values by rule code, then by option name."""

    def __init__(
        self,
        release: Release,
        releases: ReleaseData,
        options: Mapping[str, Mapping[str, Any]] | None = None,
        config: MappingNode | None = None,
    ) -> None:
        self.release = release
        self.releases = releases
        self.options: Mapping[str, Mapping[str, Any]] = options if options is not None else {}
        self.config = config

    def option(self, rule: "Rule", name: str) -> Any:
        """The value of `rule`'s option `name`: as configured, else the declared default."""
        values = self.options.get(rule.code)
        if values is not None and name in values:
            return values[name]
        declared = next((option for option in rule.options if option.name == name), None)
        if declared is None:
            raise KeyError(f"{rule.code} declares no option {name!r}")
        return declared.default

    @property
    def spec(self) -> MappingNode | None:
        spec = self.config.get("spec") if self.config is not None else None
        return spec if isinstance(spec, MappingNode) else None

    @cached_property
    def images(self) -> ConfigImages:
        return ConfigImages(self.release, self.spec)

    @property
    def schema(self) -> SchemaNode:
        """The JSON schema of the ClusterConfig at this release's minor."""
        return load_schema(minor_of(self.release))

    @cached_property
    def fields(self) -> FieldReport:
        """The config's keys that are not fields of the ClusterConfig at this release."""
        if self.config is None:
            return FieldReport((), ())
        return field_report(self.config, self.release)


class UnreadableYaml(NamedTuple):
    """A file (or a document of it) that is not YAML k0s could read."""

    path: str
    line: int
    column: int
    message: str


class Rule:
    """Base of every rule. The class docstring is the rule's documentation (Markdown)."""

    code: ClassVar[str]
    name: ClassVar[str]
    severity: ClassVar[Severity]
    summary: ClassVar[str]
    tags: ClassVar[tuple[str, ...]] = ()
    # How often a finding is right: "very-high" (from k0s's own code), "high" (a heuristic).
    precision: ClassVar[str] = "very-high"
    # For rules that guard the supply chain: GitHub code scanning's security severity (0-10).
    security_severity: ClassVar[float | None] = None
    # What configuration may set for this rule: `options: {CODE or name: {option: value}}`.
    options: ClassVar[tuple[RuleOption, ...]] = ()

    def check(self, document: ConfigDocument, context: RuleContext) -> Iterator[Finding]:
        """Findings for one recognised configuration."""
        return iter(())

    def check_unreadable(self, problem: UnreadableYaml) -> Iterator[Finding]:
        """Findings for a file that does not parse."""
        return iter(())

    def check_suppressions(self, report: SuppressionReport) -> Iterator[Finding]:
        """Findings about a file's inline suppressions, once the others are known."""
        return iter(())

    @classmethod
    def docs(cls) -> str:
        import inspect

        return inspect.getdoc(cls) or ""

    def report(
        self,
        document: ConfigDocument,
        node: Node,
        message: str,
        *,
        fix: Fix | None = None,
        related: tuple[RelatedLocation, ...] = (),
        severity: Severity | None = None,
    ) -> Finding:
        """A finding of this rule at `node`; `severity` overrides the rule's for this finding."""
        return Finding(
            code=self.code,
            name=self.name,
            severity=severity or self.severity,
            message=message,
            location=Location.of(document.path, node),
            path=node.path,
            document=node.doc,
            fix=fix,
            related=related,
        )

    def related(self, document: ConfigDocument, node: Node, message: str) -> RelatedLocation:
        return RelatedLocation(Location.of(document.path, node), message, node.path)
