"""The public API for rules: everything a rule pack imports comes from here.

The built-in pack (`rules/`) imports nothing else, so every name below is used the way a
third-party pack would use it. What it offers, and why each group is here:

- **The rule contract**: `Rule` to subclass, with the `RuleOption`s it declares; what its
  hooks are handed (`ConfigDocument` and its `DocumentKind`, `RuleContext`,
  `UnreadableYaml`, `SuppressionReport`) and what they give back (`Finding`, `Severity`,
  `Location`, `RelatedLocation`). The types of what `RuleContext` computes are here too, so
  a pack can annotate its helpers: `Release` and `ReleaseData`, `ConfigImages` with its
  `EffectiveImage` and `Repository`, `SchemaNode`, `FieldReport` with its `UnknownKey` and
  `JudgedKey`.
- **Fixes**: `Fix`, its `Applicability` and the structural edits (`Edit`: `ReplaceValue`,
  `InsertKey`), by node, never by text offset.
- **YAML nodes**: `Node`, `ScalarNode`, `MappingNode`, `SequenceNode` and what they hold
  (`Scalar`, `PlainData`, `YamlPath`); `walk` (keys as written: k0sctl and k0smotron parts),
  `walk_json` (keys matched as k0s's decoder matches them: the ClusterConfig), `walk_tree`
  (every value below a node), `string_scalar` / `string_value` (a setting that is a
  string), `json_key`, `format_path`; `yaml_in_scalar` and `YamlError` for YAML written in
  a string (helm values).
- **The k0s model**, asked rather than re-derived: image references as k0s and containerd
  read them (`normalise` and its `Reference`, `override_repository`, `clean_repository`,
  `repository_problems`, `is_under`, `k0s_host`, `shadowed_by_prefix`, `name_problem`:
  what the OCI reference grammar refuses in an image name), placeholders
  (`is_placeholder`: a value filled in later, which no rule judges), which images a config
  makes k0s pull and why (`PullSettings`), and the ClusterConfig
  schema of a release (`minor_of`, `validator`, `schema_checker`, `validation_data`,
  `at_path`, `find_elsewhere`, `suggest`, `introduced_in_patch`, `minors_with_field`).

Names a rule reaches only through these (the entries of a report, a release's image
tables, the parts of a version) are not repeated here; nor are functions whose answer
`RuleContext` already holds (the forgiven field and the repository are `context.images`).
"""

from k0slint.fix.edits import Applicability, Edit, Fix, InsertKey, ReplaceValue
from k0slint.k0s.documents import ConfigDocument, DocumentKind
from k0slint.k0s.effective import (
    ConfigImages,
    EffectiveImage,
    Repository,
)
from k0slint.k0s.fast_schema import checker as schema_checker
from k0slint.k0s.placeholders import is_placeholder
from k0slint.k0s.pulled import PullSettings
from k0slint.k0s.references import (
    Reference,
    clean_repository,
    is_under,
    k0s_host,
    name_problem,
    normalise,
    override_repository,
    repository_problems,
    shadowed_by_prefix,
)
from k0slint.k0s.releases import Release, ReleaseData
from k0slint.k0s.schema import (
    FieldReport,
    JudgedKey,
    SchemaNode,
    UnknownKey,
    at_path,
    find_elsewhere,
    introduced_in_patch,
    minor_of,
    minors_with_field,
    suggest,
    validation_data,
    validator,
)
from k0slint.lint.findings import Finding, Location, RelatedLocation, Severity
from k0slint.lint.rule import Rule, RuleContext, RuleOption, UnreadableYaml
from k0slint.lint.suppressions import SuppressionReport
from k0slint.yaml.block_scalars import yaml_in_scalar
from k0slint.yaml.nodes import (
    MappingNode,
    Node,
    PlainData,
    Scalar,
    ScalarNode,
    SequenceNode,
    YamlPath,
    format_path,
    string_scalar,
    string_value,
    walk,
    walk_json,
    walk_tree,
)
from k0slint.yaml.parse import YamlError
from k0slint.yaml.scalars import json_key

__all__ = [
    "Applicability",
    "ConfigDocument",
    "ConfigImages",
    "DocumentKind",
    "Edit",
    "EffectiveImage",
    "FieldReport",
    "Finding",
    "Fix",
    "InsertKey",
    "JudgedKey",
    "Location",
    "MappingNode",
    "Node",
    "PlainData",
    "PullSettings",
    "Reference",
    "RelatedLocation",
    "Release",
    "ReleaseData",
    "ReplaceValue",
    "Repository",
    "Rule",
    "RuleContext",
    "RuleOption",
    "Scalar",
    "ScalarNode",
    "SchemaNode",
    "SequenceNode",
    "Severity",
    "SuppressionReport",
    "UnknownKey",
    "UnreadableYaml",
    "YamlError",
    "YamlPath",
    "at_path",
    "clean_repository",
    "find_elsewhere",
    "format_path",
    "introduced_in_patch",
    "is_placeholder",
    "is_under",
    "json_key",
    "k0s_host",
    "minor_of",
    "minors_with_field",
    "name_problem",
    "normalise",
    "override_repository",
    "repository_problems",
    "schema_checker",
    "shadowed_by_prefix",
    "string_scalar",
    "string_value",
    "suggest",
    "validation_data",
    "validator",
    "walk",
    "walk_json",
    "walk_tree",
    "yaml_in_scalar",
]
