"""The layering the design relies on, read from the source: tqrs never imports streamlit, and
only tqrs/store writes SQL (no cursor calls and no SQL text in the core outside the store, in
app/ or in pages/)."""

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
_SQL = re.compile(r"\s*(SELECT|INSERT|UPDATE|DELETE|BEGIN|COMMIT|ROLLBACK|CREATE|DROP|ALTER)\b")
_CURSOR_CALLS = {"execute", "executemany", "sql", "fetchall", "fetchone", "fetchmany"}


def _modules(*folders: str) -> list[Path]:
    return sorted(p for folder in folders for p in (ROOT / folder).rglob("*.py"))


def _sql_uses(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in _CURSOR_CALLS
        ):
            found.append(f"{path.relative_to(ROOT)}:{node.lineno}: .{node.func.attr}(...)")
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            if _SQL.match(node.value):
                found.append(f"{path.relative_to(ROOT)}:{node.lineno}: {node.value[:40]!r}")
    return found


def test_only_the_store_writes_sql():
    outside = [
        p for p in _modules("tqrs", "app", "pages") if not p.is_relative_to(ROOT / "tqrs" / "store")
    ]
    assert len(outside) > 100  # the walk found the code
    assert [use for p in outside for use in _sql_uses(p)] == []


def test_the_store_is_where_sql_is():
    """The check above recognises SQL where it is."""
    assert _sql_uses(ROOT / "tqrs" / "store" / "overview.py")
    assert _sql_uses(ROOT / "tqrs" / "store" / "base.py")


def test_the_core_never_imports_streamlit():
    imports = []
    for path in _modules("tqrs"):
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            names = (
                [a.name for a in node.names]
                if isinstance(node, ast.Import)
                else [node.module or ""]
                if isinstance(node, ast.ImportFrom)
                else []
            )
            imports += [
                f"{path.relative_to(ROOT)}:{node.lineno}"
                for n in names
                if n.split(".")[0] == "streamlit"
            ]
    assert imports == []
