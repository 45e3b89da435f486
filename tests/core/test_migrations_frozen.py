"""Data migrations carry frozen copies of the code they need: they must keep producing the
same rows when the live code changes, so they never import the project's modules."""

import ast
from pathlib import Path

import pytest

import ehrensache

pytestmark = [pytest.mark.unit]

SRC = Path(ehrensache.__file__).parent


def _project_imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("ehrensache"):
            found.append(node.module)
        elif isinstance(node, ast.Import):
            found += [a.name for a in node.names if a.name.startswith("ehrensache")]
    return found


def test_data_migrations_import_no_project_code():
    data_migrations = [
        path
        for path in sorted(SRC.glob("*/migrations/0*.py"))
        if "RunPython" in path.read_text(encoding="utf-8")
    ]

    assert len(data_migrations) >= 8
    offenders = {
        str(path.relative_to(SRC)): imports
        for path in data_migrations
        if (imports := _project_imports(path))
    }
    assert offenders == {}
