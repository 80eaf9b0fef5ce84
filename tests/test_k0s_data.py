"""The committed k0s release data is what scripts/gen_k0s_data.py makes of ../shared/k0s."""

from __future__ import annotations

import subprocess
import sys

from tests.helpers import ROOT, SHARED, needs_shared


@needs_shared
def test_committed_data_matches_the_generator() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "gen_k0s_data.py"), "--shared", str(SHARED), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
