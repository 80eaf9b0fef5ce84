"""`--format markdown`: the job summary's table, its links and counts, and cells that show hostile
messages as written, on one line, without breaking the table."""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from k0slint import __version__
from k0slint.reporters.display import one_line
from k0slint.reporters.markdown import cell
from tests.helpers import k0slint

HOSTILE = "evil|pipe`tick`>gt<lt*star*_u_[link](http://x)~~s~~\\\nsecond line\r\u2028&amp;"
# A pipe not preceded by an odd number of backslashes separates cells.
_SEPARATOR = re.compile(r"(?<!\\)(?:\\\\)*\|")


def _unescaped(text: str) -> str:
    """What GitHub shows for a cell: entities and backslash escapes read back."""
    text = re.sub(r"\\(.)", lambda match: match.group(1), text)
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


@given(st.text())
def test_a_cell_shows_the_one_line_text_exactly(text: str) -> None:
    written = cell(text)
    assert "\n" not in written and "\r" not in written
    assert not re.search(r"<|>", written)
    assert not _SEPARATOR.search(written), "no pipe ends the cell"
    assert _unescaped(written) == one_line(text)


def _cells(row: str) -> list[str]:
    inner = row.strip()
    assert inner.startswith("|") and inner.endswith("|")
    parts, start = [], 1
    for match in re.finditer(r"\\.|\|", inner[1:-1]):
        if match.group(0) == "|":
            parts.append(inner[start : match.start() + 1])
            start = match.end() + 1
    parts.append(inner[start:-1])
    return [part.strip() for part in parts]


def test_a_hostile_value_stays_in_its_cell(tmp_path: Path) -> None:
    config = tmp_path / "k0s.yaml"
    escaped = HOSTILE.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r").replace('"', '\\"')
    config.write_text(
        "apiVersion: k0s.k0sproject.io/v1beta1\nkind: ClusterConfig\nspec:\n  images:\n"
        f'    coredns: {{image: "{escaped}"}}\n'
    )
    result = k0slint("--format", "markdown", str(config))
    assert result.returncode == 1, result.stderr
    rows = [_cells(line) for line in result.stdout.splitlines() if line.startswith("|")]
    assert rows, result.stdout
    assert {len(cells) for cells in rows} == {3, 5}, "every row has its table's cells"
    messages = [_unescaped(cells[2]) for cells in rows if len(cells) == 3 and cells[1] == "K0S108"]
    assert messages == [
        one_line(
            f"image {HOSTILE!r} is not a name a container runtime can pull: "
            "it contains whitespace or a control character"
        )
    ]
    assert "<lt" not in result.stdout and "gt<" not in result.stdout


def test_rules_link_to_their_page_at_this_release(tmp_path: Path) -> None:
    result = k0slint("--format", "markdown", "examples/")
    assert result.returncode == 1
    url = f"https://github.com/k0slint/k0slint/blob/v{__version__}/docs/rules/K0S101.md"
    assert f"[K0S101 image-outside-repository]({url})" in result.stdout
    assert "1 fixable with `k0slint --fix` (1 more with `--fix --unsafe-fixes`)." in result.stdout


def test_a_clean_run_says_so(tmp_path: Path) -> None:
    config = tmp_path / "k0s.yaml"
    config.write_text("apiVersion: k0s.k0sproject.io/v1beta1\nkind: ClusterConfig\n")
    result = k0slint("--format", "markdown", str(config))
    assert (result.returncode, result.stdout) == (
        0,
        "## k0slint\n\nAll checks passed (1 k0s configuration checked).\n",
    )
