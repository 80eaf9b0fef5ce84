"""Compare the k0s oracle's verdicts with what k0slint says about the same configs.

    python -m conformance.compare [--scope canonical|corpus|docs] [TAG ...]

prints every disagreement and a summary; exit status 1 when one is not listed in
conformance/differences.yaml. No Go needed: it reads the committed verdicts.
"""

from __future__ import annotations

import argparse
import fnmatch
import json
import subprocess
import sys
import tempfile
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

import yaml

from conformance import inputs
from conformance.classify import Claim, claim, explains
from conformance.oracle import HERE, REPO, Verdict, committed_tags, read_verdicts, write_texts

DIFFERENCES = HERE / "differences.yaml"
SCOPES = ("canonical", "corpus", "docs")


class Disagreement(NamedTuple):
    """`subject` is the image field or rule code concerned, `message` the two sides in words."""

    scope: str
    kind: str
    tag: str
    key: str
    subject: str
    message: str


@dataclass
class K0slintView:
    """What k0slint says about one file at one tag."""

    images: dict[str, str] = field(default_factory=dict)
    hardcoded: set[str] = field(default_factory=set)
    errors: dict[str, list[str]] = field(default_factory=dict)


def _k0slint(tag: str, paths: Sequence[Path], *extra: str) -> dict[str, Any]:
    command = [sys.executable, "-m", "k0slint", "--isolated", "--format", "json", "--k0s-version", tag]
    command += [*extra, *map(str, paths)]
    done = subprocess.run(command, capture_output=True, text=True, cwd=REPO, check=False)
    if done.returncode not in (0, 1):
        raise RuntimeError(f"k0slint failed ({done.returncode}): {done.stderr.strip()}")
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def k0slint_views(tag: str, paths: Sequence[Path], jobs: int = 1) -> dict[str, K0slintView]:
    """k0slint's images, hardcoded images and error findings per file, two runs for all files;
    `jobs` as k0slint's --jobs (1: callers run tags in parallel; 0: one process per core)."""
    views = {str(path): K0slintView() for path in paths}
    if not paths:
        return views
    shown = _k0slint(tag, paths, "--show-images")
    for entry in shown["images"]:
        if entry["document"] == 0:
            views[entry["file"]].images[entry["component"]] = entry["uri"]
    for entry in shown["hardcoded"]:
        views[entry["file"]].hardcoded.add(entry["reference"])
    for finding in _k0slint(tag, paths, "--exit-zero", "--jobs", str(jobs))["findings"]:
        if finding["severity"] == "error":
            views[finding["file"]].errors.setdefault(finding["code"], []).append(finding["message"])
    return views


def _crash(verdict: Verdict) -> str:
    return str(verdict.get("load_error") or verdict.get("load_panic") or "")


def _refusal(verdict: Verdict) -> str:
    """`error`, or `panic at <k0s function>` (the innermost k0s frame the oracle recorded)."""
    if verdict["load"] != "panic":
        return str(verdict["load"])
    _, at, where = str(verdict.get("load_panic", "")).partition(" at ")
    return f"panic at {where.split(' (')[0]}" if at else "panic"


def _codes(view: K0slintView, tag: str, wanted: Iterable[Claim]) -> list[str]:
    kinds = set(wanted)
    return sorted(
        code for code, said in view.errors.items() if any(claim(code, tag, m) in kinds for m in said)
    )


def _explaining(view: K0slintView, wanted: Iterable[Claim]) -> list[str]:
    kinds = set(wanted)
    return sorted(code for code, said in view.errors.items() if any(explains(code, m) in kinds for m in said))


def _said(view: K0slintView, codes: Sequence[str], tag: str = "") -> str:
    """The findings of `codes`, each by its first message that claims something at `tag`."""

    def first(code: str) -> str:
        said = view.errors[code]
        return next((m for m in said if tag and claim(code, tag, m) is not Claim.ADVISORY), said[0])

    return "; ".join(f"{code}: {first(code)}" for code in codes) or "no error finding"


def load_disagreements(verdict: Verdict, view: K0slintView, tag: str) -> Iterator[tuple[str, str, str]]:
    """(kind, subject, message) for the loading and Validate verdicts."""
    refused = verdict["load"] != "ok"
    failed = bool(verdict["validate_errors"]) or bool(verdict.get("validate_panic"))
    load_codes = _codes(view, tag, [Claim.LOAD])
    validate_codes = _codes(view, tag, [Claim.VALIDATE])
    if refused and not _explaining(view, [Claim.LOAD, Claim.REFUSE]):
        yield "load-refusal-missed", _refusal(verdict), f"k0s: {_crash(verdict)} / k0slint: {_said(view, [])}"
    if not refused:
        for code in load_codes:
            yield "load-refusal-false", code, f"k0s loads it / k0slint: {_said(view, [code], tag)}"
    if not refused and failed and not _explaining(view, [Claim.VALIDATE, Claim.REFUSE]):
        errors = verdict["validate_errors"] or [verdict.get("validate_panic")]
        yield "validate-missed", "Validate", f"k0s: {errors[0]} / k0slint: {_said(view, [])}"
    if not refused and not failed:
        for code in [*validate_codes, *_codes(view, tag, [Claim.REFUSE])]:
            yield "validate-false", code, f"k0s validates it / k0slint: {_said(view, [code], tag)}"


def image_disagreements(verdict: Verdict, view: K0slintView) -> Iterator[tuple[str, str, str]]:
    """(kind, subject, message) for effective images and the hard-coded list."""
    if verdict["load"] != "ok":
        return
    if verdict.get("images_panic"):
        yield "images-panic", "images", f"k0s: URI() panicked: {verdict['images_panic']}"
    oracle: dict[str, str | None] = verdict["images"]
    for name in sorted(set(oracle) | set(view.images)):
        ours, theirs = view.images.get(name), oracle.get(name, "<no such field>")
        if ours != theirs:
            kind = "image-nil" if name in oracle and theirs is None else "image"
            yield kind, name, f"k0s: {theirs} / k0slint: {ours or '<no such field>'}"
    for kind, listed in (
        ("list-default-panic", "list_images_default_panic"),
        ("list-all-panic", "list_images_all_panic"),
    ):
        if verdict.get(listed):
            yield (
                kind,
                "GetImageURIs",
                f"k0s: {verdict[listed]} / k0slint: {_said(view, sorted(view.errors))}",
            )
    configured = {uri for uri in oracle.values() if uri}
    for uri in verdict["list_images_all"]:
        if uri not in configured and uri not in view.hardcoded:
            yield (
                "hardcoded",
                uri.rsplit(":", 1)[0],
                f"k0s lists {uri}; no field of k0slint and not in its hardcoded list",
            )


def compare_one(scope: str, tag: str, key: str, verdict: Verdict, view: K0slintView) -> list[Disagreement]:
    found = [*load_disagreements(verdict, view, tag), *image_disagreements(verdict, view)]
    return [Disagreement(scope, kind, tag, key, subject, message) for kind, subject, message in found]


def texts_for(scope: str) -> dict[str, bytes] | None:
    """Config text per verdict key, as the oracle read it; None when the inputs are absent."""
    if scope == "canonical":
        return {item.key: item.text for item in inputs.canonical()}
    if scope == "docs":
        return {item.key: item.text for item in inputs.docs()}
    if not inputs.corpus_available():
        return None
    return {item.key: item.text for item in inputs.corpus()[0]}


Texts = dict[str, dict[str, bytes]]


def all_texts(scopes: Iterable[str]) -> tuple[Texts, list[str]]:
    """Texts per scope, and a line for each scope whose inputs are absent."""
    texts: Texts = {}
    notes = []
    for scope in scopes:
        found = texts_for(scope)
        if found is None:
            notes.append(f"skipped {scope}: {inputs.CORPUS} is absent")
        else:
            texts[scope] = found
    return texts, notes


class TagResult(NamedTuple):
    disagreements: list[Disagreement]
    compared: Counter[str]
    stale: Counter[str]


def compare_tag(tag: str, texts: Texts, folder: Path) -> TagResult:
    """All scopes at one tag in one pair of k0slint runs; `stale` counts verdicts whose
    input text is gone (a changed doc example or corpus file)."""
    recorded = read_verdicts(tag)
    jobs: list[tuple[str, str, Verdict]] = []
    stale = Counter[str]()
    for scope, known in texts.items():
        verdicts: dict[str, Verdict] = recorded.get(scope, {})
        jobs += [(scope, key, verdicts[key]) for key in sorted(verdicts) if key in known]
        stale[scope] = sum(1 for key in verdicts if key not in known)
    paths = write_texts(folder / tag, [(key, texts[scope][key]) for scope, key, _ in jobs])
    views = k0slint_views(tag, paths)
    found: list[Disagreement] = []
    for (scope, key, verdict), path in zip(jobs, paths, strict=True):
        found += compare_one(scope, tag, key, verdict, views[str(path)])
    return TagResult(found, Counter(scope for scope, _, _ in jobs), stale)


def compare_tags(tags: Sequence[str], texts: Texts, workers: int = 2) -> TagResult:
    with (
        tempfile.TemporaryDirectory(prefix="k0slint-conformance-") as tmp,
        ThreadPoolExecutor(workers) as pool,
    ):
        results = list(pool.map(lambda tag: compare_tag(tag, texts, Path(tmp)), tags))
    total = TagResult([], Counter(), Counter())
    for result in results:
        total.disagreements.extend(result.disagreements)
        total.compared.update(result.compared)
        total.stale.update(result.stale)
    return total


class Difference(NamedTuple):
    """A listed, deliberate difference: matches disagreements by glob on key and subject."""

    scope: str
    kind: str
    key: str
    subject: str
    tags: tuple[str, ...]
    reason: str

    def matches(self, item: Disagreement) -> bool:
        return (
            self.scope in (item.scope, "*")
            and self.kind == item.kind
            and fnmatch.fnmatchcase(item.key, self.key)
            and fnmatch.fnmatchcase(item.subject, self.subject)
            and (not self.tags or item.tag in self.tags)
        )


def differences() -> list[Difference]:
    raw: list[dict[str, Any]] = yaml.safe_load(DIFFERENCES.read_text()) or []
    return [
        Difference(
            entry.get("scope", "*"),
            entry["kind"],
            entry.get("key", "*"),
            entry.get("subject", "*"),
            tuple(entry.get("tags", ())),
            entry["reason"],
        )
        for entry in raw
    ]


def unlisted(found: Iterable[Disagreement], listed: Sequence[Difference]) -> list[Disagreement]:
    return [item for item in found if not any(entry.matches(item) for entry in listed)]


def unused(
    found: Sequence[Disagreement], listed: Sequence[Difference], scopes: Iterable[str]
) -> list[Difference]:
    """Listed differences of the given scopes that match nothing any more."""
    active = set(scopes)
    return [
        entry
        for entry in listed
        if (entry.scope in active or entry.scope == "*") and not any(entry.matches(item) for item in found)
    ]


RELEASE_DATA = REPO / "k0slint" / "data" / "k0s_releases.json"
DEFAULTS_KEY = "c01-no-repository.yaml"


def release_defaults(tag: str) -> dict[str, str]:
    """k0slint's default image per field at `tag`, read from its generated release data."""
    raw = json.loads(RELEASE_DATA.read_text())
    fields, references = raw["fields"], raw["references"]
    pairs = raw["releases"][tag]["defaults"]
    return {fields[field]: ":".join(references[ref]) for field, ref in pairs}


def default_differences(tag: str) -> list[str]:
    """Fields whose default image (oracle, config without settings) differs from k0slint's data."""
    oracle: dict[str, str | None] = read_verdicts(tag)["canonical"][DEFAULTS_KEY]["images"]
    ours = release_defaults(tag)
    return [
        f"{tag} {name}: k0s {oracle.get(name, '<no field>')} / k0slint data {ours.get(name, '<no field>')}"
        for name in sorted(set(oracle) | set(ours))
        if oracle.get(name) != ours.get(name)
    ]


def summary(found: Sequence[Disagreement]) -> str:
    by_kind = Counter((item.scope, item.kind, item.subject) for item in found)
    lines = [
        f"{count:6d}  {scope:9s} {kind:22s} {subject}"
        for (scope, kind, subject), count in sorted(by_kind.items())
    ]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--scope", action="append", choices=SCOPES)
    parser.add_argument("--all", action="store_true", help="print listed differences too")
    parser.add_argument(
        "--defaults", action="store_true", help="only compare default images with k0slint's data"
    )
    parser.add_argument("tags", nargs="*")
    args = parser.parse_args()
    if args.defaults:
        lines = [line for tag in args.tags or committed_tags() for line in default_differences(tag)]
        print(*lines, f"default image differences: {len(lines)}", sep="\n")
        sys.exit(1 if lines else 0)
    texts, notes = all_texts(args.scope or SCOPES)
    print(*notes, sep="\n")
    result = compare_tags(args.tags or committed_tags(), texts)
    listed = differences()
    new = unlisted(result.disagreements, listed)
    for item in result.disagreements if args.all else new:
        print(f"{item.scope} {item.tag} {item.key}: {item.kind} {item.subject}: {item.message}")
    print(f"compared (config x tag): {dict(result.compared)}; stale verdicts: {dict(+result.stale)}")
    print(f"disagreements: {len(result.disagreements)}, unlisted: {len(new)}")
    print(summary(result.disagreements))
    sys.exit(1 if new else 0)


if __name__ == "__main__":
    main()
