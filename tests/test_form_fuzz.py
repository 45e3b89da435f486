"""Form fuzz (tests/form_fuzz.py): every form a person reaches, odd input into every field.

No server error, and a re-shown form shows what was typed. One test per page and role;
``FORM_FUZZ_REPORT=path`` appends each test's counts as a JSON line (for the issue's counts).
"""

import json
import os

import pytest

from tests.form_fuzz import fuzz, matrices, targets

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

ROWS = matrices()
TARGETS = targets()


def test_there_are_pages_to_fuzz():
    assert len(TARGETS) > 150


@pytest.mark.parametrize("target", TARGETS, ids=lambda t: f"{t.key} as {t.role}")
def test_form_fuzz(target, matrix_world):
    report = fuzz(matrix_world, target, ROWS)
    if path := os.environ.get("FORM_FUZZ_REPORT"):
        with open(path, "a") as out:
            line = {"page": target.key, "role": target.role, **report.__dict__}
            out.write(json.dumps(line) + "\n")
    problems = report.server_errors + report.lost_input
    assert not problems, f"{len(problems)} findings:\n  " + "\n  ".join(problems[:40])
