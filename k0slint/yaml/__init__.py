"""YAML as k0s reads it, with exact positions: text, parsing, nodes, scalar resolution; no k0s knowledge."""
