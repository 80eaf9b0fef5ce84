"""schemas/k0slint-config.json: the JSON schema of k0slint's own configuration agrees with what
k0slint.lint.settings accepts, key by key, and ships in the package."""

from __future__ import annotations

import json
import re
from importlib.resources import files
from typing import Any

import jsonschema
import pytest
import tomli
import yaml

from k0slint.lint.settings import KEYS, ConfigError, parse
from tests.helpers import ROOT

SCHEMA = json.loads((ROOT / "schemas" / "k0slint-config.json").read_text())
README = (ROOT / "README.md").read_text()


def _schema_accepts(data: Any) -> bool:
    return not list(jsonschema.Draft7Validator(SCHEMA).iter_errors(data))


def _settings_accept(data: Any) -> bool:
    try:
        parse(data, ".k0slint.yaml")
    except ConfigError:
        return False
    return True


def test_the_schema_is_a_valid_draft_7_schema() -> None:
    jsonschema.Draft7Validator.check_schema(SCHEMA)


def test_the_schema_has_every_key_settings_accepts_and_no_other() -> None:
    assert sorted(SCHEMA["properties"]) == sorted(KEYS)
    assert SCHEMA["additionalProperties"] is False
    assert all(entry.get("description") for entry in SCHEMA["properties"].values())


def test_the_schema_ships_in_the_package() -> None:
    shipped = files("k0slint.schemas").joinpath("k0slint-config.json").read_text()
    assert json.loads(shipped) == SCHEMA


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"select": ["K0S1", "image-outside-repository"], "ignore": "K0S207, K0S004"},
        {"extend-select": ["ALL"], "per-file-ignores": {"legacy/**": ["K0S1"], "*.yaml": "K0S008"}},
        {"severity": {"K0S004": "warning", "K0S1": "info"}, "k0s-version": "1.32"},
        {"options": {"K0S106": {"allowed-registries": ["registry.acme.corp"]}}},
        {"require-plugins": ["k0slint-acme"]},
        {"require-plugins": "k0slint-acme, k0slint-other"},
        {"exclude": ["rendered/", "!rendered/keep.yaml"], "extend-exclude": ["*.tmp.yaml"]},
        {"respect-gitignore": False, "force-exclude": True},
        {"allowed-registries": ["registry.acme.corp"], "required-repository": "registry.acme.corp"},
        # wrong
        {"selct": ["K0S1"]},
        {"select": [1]},
        {"select": [""]},
        {"per-file-ignores": {"a/*": 3}},
        {"severity": {"K0S004": "fatal"}},
        {"k0s-version": 1.32},
        {"exclude": "rendered/"},
        {"exclude": [""]},
        {"extend-exclude": [3]},
        {"respect-gitignore": "no"},
        {"force-exclude": 1},
        {"require-plugins": [""]},
        {"options": []},
        {"local-rules": []},
        {"severity": []},
        [],
    ],
)
def test_schema_and_settings_agree(data: Any) -> None:
    assert _schema_accepts(data) is _settings_accept(data)


def test_the_readme_examples_are_valid() -> None:
    block = re.search(r"```yaml\n# \.k0slint\.yaml\n(.*?)```", README, re.S)
    assert block is not None
    assert _schema_accepts(yaml.safe_load(block.group(1)))
    toml = re.search(r"```toml\n(\[tool\.k0slint\]\n.*?)```", README, re.S)
    assert toml is not None
    assert _schema_accepts(tomli.loads(toml.group(1))["tool"]["k0slint"])


def test_the_readme_says_how_to_use_it_with_the_yaml_language_server() -> None:
    assert "# yaml-language-server: $schema=" in README
    assert "schemas/k0slint-config.json" in README
