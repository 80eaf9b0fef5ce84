"""Find rule packs through the entry-point group `k0slint.rules` (the built-in pack too)."""

from collections.abc import Iterable, Sequence
from typing import NamedTuple

from k0slint.lint.entry_points import EntryPoint, entry_points
from k0slint.lint.options import declaration_problem
from k0slint.lint.rule import Rule

GROUP = "k0slint.rules"
BUILTIN_PREFIX = "K0S"
BUILTIN_DISTRIBUTION = "k0slint"


class RegistryError(Exception):
    """A rule pack that cannot be used; the message names its distribution."""


class RulePack(NamedTuple):
    prefix: str
    distribution: str
    rules: tuple[type[Rule], ...]


def _load(entry: EntryPoint) -> RulePack:
    distribution = entry.distribution
    prefix = entry.name
    if prefix == BUILTIN_PREFIX and distribution != BUILTIN_DISTRIBUTION:
        raise RegistryError(f"rule pack {distribution!r} uses the reserved prefix {BUILTIN_PREFIX}")
    try:
        loaded = entry.load()
    except Exception as error:  # a broken third-party pack must not crash k0slint
        raise RegistryError(f"rule pack {distribution!r} failed to import: {error}") from None
    if not isinstance(loaded, Iterable):
        raise RegistryError(f"rule pack {distribution!r}: {entry.value} is not a sequence of rules")
    rules = tuple(loaded)
    for rule in rules:
        if not (isinstance(rule, type) and issubclass(rule, Rule)):
            raise RegistryError(f"rule pack {distribution!r}: {rule!r} is not a k0slint Rule class")
        if not rule.code.startswith(prefix):
            raise RegistryError(
                f"rule pack {distribution!r}: rule {rule.code} does not start with its prefix {prefix}"
            )
        problem = declaration_problem(rule)
        if problem:
            raise RegistryError(f"rule pack {distribution!r}: {problem}")
    return RulePack(prefix, distribution, rules)


def load_packs(entries: Sequence[EntryPoint] | None = None) -> list[RulePack]:
    """Every installed pack, checked for clashes of prefix, code and name."""
    found = entry_points(GROUP) if entries is None else list(entries)
    packs: list[RulePack] = []
    prefixes: dict[str, str] = {}
    codes: dict[str, str] = {}
    # The built-in pack first, so that a clash names the third-party distribution.
    order = sorted(
        found, key=lambda item: (item.distribution != BUILTIN_DISTRIBUTION, item.name, item.distribution)
    )
    for entry in order:
        pack = _load(entry)
        owner = prefixes.get(pack.prefix)
        if owner is not None and owner != pack.distribution:
            raise RegistryError(
                f"rule packs {owner!r} and {pack.distribution!r} both use prefix {pack.prefix}"
            )
        if pack.prefix in prefixes:
            continue
        prefixes[pack.prefix] = pack.distribution
        for rule in pack.rules:
            for key in (rule.code, rule.name):
                if key in codes:
                    raise RegistryError(
                        f"rule pack {pack.distribution!r}: {key} is already defined by {codes[key]!r}"
                    )
                codes[key] = pack.distribution
        packs.append(pack)
    if BUILTIN_PREFIX not in prefixes:
        raise RegistryError("k0slint's built-in rules are not registered; is k0slint installed?")
    return packs


def all_rules(packs: Iterable[RulePack]) -> list[type[Rule]]:
    return sorted((rule for pack in packs for rule in pack.rules), key=lambda rule: rule.code)
