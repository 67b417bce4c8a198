"""The analysis package is pure (it never imports streamlit), and its stages import only downward:

    read ← parse ← storage ← problems ← insights ← brief, refresh ← cli (and the pages)

``errors``, ``csvout`` and ``xlsxout`` (which uses csvout's formula-safety) stand below every stage. Every
import counts, those inside functions too: a circle is broken by moving what both sides need
down, never by a local import.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ANALYSIS = Path(__file__).resolve().parent.parent / "analysis"

# rank of each subpackage; a module may import its own subpackage and those of lower rank only
RANKS = {
    "errors": 0,
    "csvout": 0,
    "xlsxout": 0.5,
    "read": 1,
    "parse": 2,
    "storage": 3,
    "problems": 4,
    "insights": 5,
    "brief": 6,
    "refresh": 6,
    "cli": 9,
}


def _stage(module: str) -> str:
    """analysis.parse.report → parse; analysis.errors → errors; analysis → '' (the package itself)."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[0] == "analysis" else ""


def _imports(source: str, module: str) -> list[str]:
    """Every project module ``source`` imports (top-level and local imports alike)."""
    found = []
    package = module if module.endswith(".__init__") else module.rpartition(".")[0]
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # a relative import
                base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1] + ([base] if base else []))
            found += [f"{base}.{a.name}" if base in ("analysis", *(f"analysis.{s}" for s in RANKS)) else base for a in node.names]
    return [m for m in found if m == "analysis" or m.startswith("analysis.") or m.split(".")[0] in ("pages", "streamlit")]


def violations(source: str, module: str) -> list[str]:
    """The imports of ``module`` (its source given) against the allowed directions."""
    own = _stage(module)
    bad = []
    for target in _imports(source, module):
        if target.split(".")[0] in ("pages", "streamlit"):
            bad.append(f"{module} imports {target}")
            continue
        other = _stage(target)
        if other in ("", own) or own in ("", "__init__", "__main__"):
            continue
        if other not in RANKS or own not in RANKS:
            bad.append(f"{module} imports {target}: stage unknown to the layering rules")
        elif RANKS[other] >= RANKS[own]:
            bad.append(f"{module} imports {target} ({other} is not below {own})")
    return bad


def _modules() -> list[tuple[str, Path]]:
    return [("analysis." + ".".join(p.relative_to(ANALYSIS).with_suffix("").parts), p) for p in sorted(ANALYSIS.rglob("*.py"))]


def test_every_stage_imports_only_downward():
    found = [v for name, path in _modules() for v in violations(path.read_text(encoding="utf-8"), name)]
    assert found == []


def test_every_module_sits_in_a_known_stage():
    stages = {_stage(name) for name, _ in _modules()} - {"__init__", "__main__"}
    assert stages <= set(RANKS)


@pytest.mark.parametrize(
    ("module", "source", "expected"),
    [
        (
            "analysis.parse.items",
            "from analysis.storage import store\n",
            ["analysis.parse.items imports analysis.storage.store (storage is not below parse)"],
        ),
        (
            "analysis.read.reading",
            "def f():\n    from analysis.parse.patterns import YEAR\n",
            ["analysis.read.reading imports analysis.parse.patterns (parse is not below read)"],
        ),
        (
            "analysis.brief.county_brief",
            "import analysis.refresh.derived\n",
            ["analysis.brief.county_brief imports analysis.refresh.derived (refresh is not below brief)"],
        ),
        (
            "analysis.insights.keywords",
            "from analysis import cli\n",
            ["analysis.insights.keywords imports analysis.cli (cli is not below insights)"],
        ),
        ("analysis.storage.tables", "import streamlit as st\n", ["analysis.storage.tables imports streamlit"]),
        ("analysis.problems.recurring", "from analysis.storage import store\nfrom analysis.errors import ReportError\n", []),
        ("analysis.cli", "from analysis.brief import county_brief\n", []),
    ],
)
def test_an_arrow_against_the_directions_is_found(module, source, expected):
    assert violations(source, module) == expected


def test_importing_every_module_does_not_load_streamlit():
    modules = [name.removesuffix(".__init__") for name, _ in _modules() if not name.endswith("__main__")]
    code = "import sys\n" + "".join(f"import {m}\n" for m in modules) + "print('streamlit' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ANALYSIS.parent)
    assert out.stdout.strip() == "False"


PAGES = ANALYSIS.parent / "pages"
MAX_PAGE_LINES = 100


@pytest.mark.parametrize("page", sorted(p.name for p in (PAGES / "views").glob("*.py")))
def test_a_page_script_fits_a_screen(page):
    assert len((PAGES / "views" / page).read_text(encoding="utf-8").splitlines()) <= MAX_PAGE_LINES


def test_no_page_asks_for_an_analysis_by_name():
    """Pages pass the analysis function itself (q(recurring.recurring_table, …)), never a string an
    editor cannot follow; nothing in the UI imports modules by name."""
    found = [
        f"{path.relative_to(PAGES)}: {node.func.id}({node.args[0].value!r})"
        for path in PAGES.rglob("*.py")
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id in ("q", "fetch")
        and node.args
        and isinstance(node.args[0], ast.Constant)
    ]
    assert found == []
    assert not any("importlib" in path.read_text(encoding="utf-8") for path in PAGES.rglob("*.py"))
