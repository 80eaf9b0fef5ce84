"""Code actions of `k0slint server`, applied to the text as an editor applies them."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from lsprotocol import types

from tests.server.lsp import ROOT, Session, apply_edits, span

K0S_YAML = """\
apiVersion: k0s.k0sproject.io/v1beta1
kind: ClusterConfig
spec:
  images:
    repository: registry.acme.corp
    coredns:
      image: quay.io/k0sproject/coredns
    konnectivity: {image: quay.io/k0sproject/apiserver-network-proxy-agent}
  network:
    provide: calico
"""


def _codes(diagnostics: list[types.Diagnostic]) -> list[str]:
    return sorted(str(d.code) for d in diagnostics)


def _only(diagnostics: list[types.Diagnostic], code: str) -> types.Diagnostic:
    (found,) = [d for d in diagnostics if d.code == code and d.range.start.line != 7]
    return found


def test_a_safe_quick_fix_is_preferred_and_its_edit_fixes_the_finding(session: Session, folder: Path) -> None:
    uri = session.open(folder / "quick.yaml", K0S_YAML)
    diagnostics = session.diagnostics(uri, 1)
    coredns = _only(diagnostics, "K0S110")
    actions = session.code_actions(uri, coredns.range, [coredns], only=["quickfix"])
    fix, disable = actions
    assert fix.kind == types.CodeActionKind.QuickFix
    assert fix.is_preferred is True
    assert fix.title == "write registry.acme.corp/k0sproject/coredns (K0S110)"
    assert list(fix.diagnostics or ()) == [coredns]
    fixed = apply_edits(K0S_YAML, fix.edit)
    assert fixed == K0S_YAML.replace("      image: quay.io/", "      image: registry.acme.corp/")
    version = session.change(uri, fixed)
    assert coredns.range not in [d.range for d in session.diagnostics(uri, version) if d.code == "K0S110"]
    assert disable.title.startswith("Disable K0S110")


def test_an_unsafe_fix_is_labelled_and_never_preferred(session: Session, folder: Path) -> None:
    uri = session.open(folder / "unsafe.yaml", K0S_YAML)
    ignored = _only(session.diagnostics(uri, 1), "K0S004")
    (fix,) = [a for a in session.code_actions(uri, ignored.range, [ignored]) if "unsafe" in a.title]
    assert (
        fix.title
        == "rename provide to provider (unsafe: the setting starts to take effect) (K0S004, unsafe fix)"
    )
    assert fix.is_preferred is False
    assert apply_edits(K0S_YAML, fix.edit) == K0S_YAML.replace("provide:", "provider:")


def test_fix_all_is_the_text_fix_writes(session: Session, folder: Path, tmp_path: Path) -> None:
    uri = session.open(folder / "all.yaml", K0S_YAML)
    session.diagnostics(uri, 1)
    (action,) = session.code_actions(uri, span(0, 0, 0, 0), only=["source.fixAll"])
    assert action.kind == "source.fixAll.k0slint"
    assert action.title == "k0slint: fix all safe fixes in this file (2)"
    on_disk = tmp_path / "all.yaml"
    on_disk.write_text(K0S_YAML)
    subprocess.run(
        [sys.executable, "-m", "k0slint", "--fix", "--isolated", str(on_disk)], check=False, cwd=ROOT
    )
    fixed = apply_edits(K0S_YAML, action.edit)
    assert fixed == on_disk.read_text()
    assert fixed != K0S_YAML
    assert "provide:" in fixed  # the unsafe rename is not among them


def test_disable_on_this_line_inserts_the_suppression_comment(session: Session, folder: Path) -> None:
    uri = session.open(folder / "disable.yaml", K0S_YAML)
    diagnostics = session.diagnostics(uri, 1)
    flow = next(d for d in diagnostics if d.code == "K0S110" and d.range.start.line == 7)
    (disable,) = [a for a in session.code_actions(uri, flow.range, [flow]) if a.title.startswith("Disable")]
    assert disable.title == "Disable K0S110 (image-rewritten-into-repository) on this line"
    assert disable.is_preferred is False
    disabled = apply_edits(K0S_YAML, disable.edit)
    line = "    konnectivity: {image: quay.io/k0sproject/apiserver-network-proxy-agent}"
    assert disabled == K0S_YAML.replace(line, f"{line}  # k0slint: disable=K0S110")
    version = session.change(uri, disabled)
    assert _codes(session.diagnostics(uri, version)) == ["K0S004", "K0S110"]  # coredns's is left
    # On a line that already has a directive, the code joins it.
    ignored = _only(session.diagnostics(uri, version), "K0S004")
    with_directive = disabled.replace("provide: calico", "provide: calico  # k0slint: disable=K0S1 why")
    version = session.change(uri, with_directive)
    session.diagnostics(uri, version)
    (disable,) = [
        a for a in session.code_actions(uri, ignored.range, [ignored]) if a.title.startswith("Disable")
    ]
    assert apply_edits(with_directive, disable.edit).endswith("# k0slint: disable=K0S1,K0S004 why\n")


def test_the_unsafe_fixes_setting_hides_unsafe_quick_fixes(session: Session, folder: Path) -> None:
    uri = session.open(folder / "setting.yaml", K0S_YAML)
    ignored = _only(session.diagnostics(uri, 1), "K0S004")
    session.notify(
        types.WORKSPACE_DID_CHANGE_CONFIGURATION,
        types.DidChangeConfigurationParams(settings={"k0slint": {"unsafe-fixes": False}}),
    )
    titles = [a.title for a in session.code_actions(uri, ignored.range, [ignored], only=["quickfix"])]
    assert titles == ["Disable K0S004 (ignored-field) on this line"]
    session.notify(
        types.WORKSPACE_DID_CHANGE_CONFIGURATION, types.DidChangeConfigurationParams(settings={"k0slint": {}})
    )
    assert len(session.code_actions(uri, ignored.range, [ignored], only=["quickfix"])) == 2
