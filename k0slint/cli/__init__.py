"""The `k0slint` command: argument parsing, commands, output and exit codes."""
