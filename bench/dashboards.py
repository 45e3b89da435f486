"""Dashboards and the message inbox at 10 and 1,000 waiting items: the number of queries per
page must be the same at both sizes, and the server time is printed.

    .venv/bin/python bench/dashboards.py

It runs the pytest module ``bench/scale/test_scale.py`` (SQLite, the tests' fixtures and the
workspace tests' ``fill``), which builds each world, counts the queries of one page view
and times 5 views. It fails if a count differs between the sizes.
"""

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # the tests package, whose fixtures the module uses

if __name__ == "__main__":
    sys.exit(
        pytest.main(
            [
                str(ROOT / "bench" / "scale" / "test_scale.py"),
                "-q",
                "-s",
                "-p",
                "no:randomly",
                "-o",
                "addopts=",
                "--rootdir",
                str(ROOT),
            ]
        )
    )
