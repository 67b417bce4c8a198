"""The analysis package is pure: it never imports streamlit."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ANALYSIS = Path(__file__).resolve().parent.parent / "analysis"


def test_no_streamlit_import_in_source():
    offenders = []
    for path in ANALYSIS.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = (
                [a.name for a in node.names]
                if isinstance(node, ast.Import)
                else [node.module or ""]
                if isinstance(node, ast.ImportFrom)
                else []
            )
            offenders += [f"{path.name}: {n}" for n in names if n.split(".")[0] == "streamlit"]
    assert offenders == []


def test_importing_every_module_does_not_load_streamlit():
    modules = sorted(".".join(p.relative_to(ANALYSIS).with_suffix("").parts) for p in ANALYSIS.rglob("*.py") if p.stem != "__main__")
    code = (
        "import sys\n" + "".join(f"import analysis.{m}\n".replace(".__init__", "") for m in modules) + "print('streamlit' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ANALYSIS.parent)
    assert out.stdout.strip() == "False"
