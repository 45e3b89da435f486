"""Anonymity of the statistics: no figure below 5, and no hidden cell recoverable.

Property-style: many random tables (seeded, so a failure reproduces), each checked by the
rule (every equation with a hidden member has at least two) and by exact linear algebra
(no hidden cell is determined by the visible cells and all totals together).
"""

import random

import pytest

from ehrensache.reports.suppression import (
    THRESHOLD,
    determined,
    suppress,
    suppress_table,
    table_equations,
)

pytestmark = pytest.mark.unit


def _random_table(rng, rows, columns, small_share):
    cells = {}
    for row in range(rows):
        for column in range(columns):
            small = rng.random() < small_share
            cells[(row, column)] = rng.randint(0, 4) if small else rng.randint(5, 60)
    for row in range(rows):
        cells[(row, "total")] = sum(cells[(row, c)] for c in range(columns))
    for column in [*range(columns), "total"]:
        cells[("total", column)] = sum(cells[(r, column)] for r in range(rows))
    return cells


def _assert_protected(cells, equations, hidden):
    for key, value in cells.items():
        if value < THRESHOLD:
            assert key in hidden, f"{key}={value} shown"
    for total, parts in equations:
        count = sum(1 for key in (total, *parts) if key in hidden)
        assert count != 1, f"equation {total} has one hidden member"
    assert determined(equations, set(hidden)) == set()


@pytest.mark.parametrize("seed", range(200))
def test_random_tables_hide_small_cells_and_nothing_is_recoverable(seed):
    rng = random.Random(seed)
    rows, columns = rng.randint(1, 8), rng.randint(1, 6)
    cells = _random_table(rng, rows, columns, small_share=rng.choice([0.05, 0.2, 0.5]))

    hidden = suppress_table(cells, list(range(rows)), list(range(columns)))

    _assert_protected(cells, table_equations(list(range(rows)), list(range(columns))), hidden)


@pytest.mark.parametrize("seed", range(60))
def test_random_three_way_cubes_with_hierarchy_are_protected(seed):
    """Units (a state and its districts) × fields × quarters with year totals: the equations
    of every direction at once, as the roll-up builds them."""
    rng = random.Random(1000 + seed)
    districts = [f"d{i}" for i in range(rng.randint(1, 4))]
    fields = [f"f{i}" for i in range(rng.randint(1, 3))]
    quarters = ["q1", "q2", "q3", "q4"]
    base = {
        (d, f, q): (rng.randint(0, 4) if rng.random() < 0.3 else rng.randint(5, 30))
        for d in districts
        for f in fields
        for q in quarters
    }
    units, all_fields, periods = ["state", *districts], ["all", *fields], ["year", *quarters]
    cells = {}
    for u in units:
        for f in all_fields:
            for p in periods:
                cells[(u, f, p)] = sum(
                    value
                    for (d, bf, q), value in base.items()
                    if (u == "state" or d == u)
                    and (f == "all" or bf == f)
                    and (p == "year" or q == p)
                )
    equations = []
    for f in all_fields:
        for p in periods:
            equations.append((("state", f, p), [(d, f, p) for d in districts]))
    for u in units:
        for p in periods:
            equations.append(((u, "all", p), [(u, f, p) for f in fields]))
        for f in all_fields:
            equations.append(((u, f, "year"), [(u, f, q) for q in quarters]))

    hidden = suppress(cells, equations)

    _assert_protected(cells, equations, hidden)


def test_one_small_cell_hides_a_partner_in_its_row_and_column():
    cells = {(0, 0): 3, (0, 1): 20, (0, 2): 30, (1, 0): 10, (1, 1): 40, (1, 2): 50}
    for r in (0, 1):
        cells[(r, "total")] = sum(cells[(r, c)] for c in range(3))
    for c in [0, 1, 2, "total"]:
        cells[("total", c)] = cells[(0, c)] + cells[(1, c)]

    hidden = suppress_table(cells, [0, 1], [0, 1, 2])

    assert hidden == {(0, 0), (0, 1), (1, 0), (1, 1)}


def test_a_total_below_five_is_hidden_with_its_parts():
    cells = {(0, 0): 2, (0, 1): 1, (0, "total"): 3, ("total", 0): 2, ("total", 1): 1}
    cells[("total", "total")] = 3

    hidden = suppress_table(cells, [0], [0, 1])

    assert hidden == set(cells)


def test_a_bridge_between_two_protected_groups_is_found_by_the_exact_audit():
    """Two 2×2 blocks of hidden cells joined by one hidden cell: every row and column has
    two hidden cells, yet the joining cell follows from the totals."""
    hidden = {(0, 0), (0, 1), (1, 0), (1, 1), (2, 2), (2, 3), (3, 2), (3, 3), (1, 2)}
    rows = columns = [0, 1, 2, 3]

    found = determined(table_equations(rows, columns), hidden)

    assert found == {(1, 2)}


def test_without_equations_only_small_cells_are_hidden():
    assert suppress({"a": 4, "b": 5, "c": 0}) == {"a", "c"}
