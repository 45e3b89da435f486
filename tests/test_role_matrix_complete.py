"""Every page URL and API operation has a row in its app's role matrix (no database needed).

``make lint`` runs this file: a new URL without a row in ``tests/<app>/test_role_matrix.py``
fails the lint step before any test runs. See docs/DEVELOPING.md, "Role matrix".
"""

import importlib

import pytest

from tests.role_matrix import all_routes, problems

pytestmark = pytest.mark.unit


def _matrix_of(app):
    try:
        module = importlib.import_module(f"tests.{app}.test_role_matrix")
    except ModuleNotFoundError:
        return None
    return module.MATRIX


def test_every_url_and_api_operation_has_a_row_in_its_apps_matrix():
    found = []
    for app in sorted({route.app for route in all_routes().values()}):
        matrix = _matrix_of(app)
        if matrix is None:
            found.append(f"tests/{app}/test_role_matrix.py is missing (MATRIX for {app}'s URLs)")
            continue
        found.extend(problems(app, matrix))
    assert not found, "Role matrix incomplete:\n  " + "\n  ".join(found)
