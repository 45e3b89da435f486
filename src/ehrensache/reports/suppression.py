"""Statistical disclosure control: which cells of a set of linked tables must be hidden.

Pure functions, no Django. A table is given as cell values (any hashable key → count) and
linear *equations* ``(total, parts)``: ``total = sum(parts)`` (a row or column total, a
state as the sum of its districts, a year as the sum of its quarters…). An equation may also
stand for "total ≥ sum(parts)" (people counted in several fields): treating it as exact is
the cautious reading.

Primary suppression: every cell below :data:`THRESHOLD` (0 included; totals too).
Secondary (complementary) suppression: an equation with exactly one hidden member would
give that member away by subtraction, so another member is hidden, the smallest visible
part (else the total), until no equation has exactly one hidden member. Then an exact audit
(Gaussian elimination over the rationals on the hidden cells) finds any hidden cell that
the visible cells and all equations *together* still determine (e.g. a hidden cell linking
two otherwise protected groups) and hides a further cell next to it, until none is left.

Cells missing from ``values`` count as 0 (so they are hidden). Nothing here knows what the
cells mean; ``reports.rollup`` builds the equations for its cube.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from fractions import Fraction

THRESHOLD = 5
# The exact audit's cost grows with the hidden cells of a connected group; above this many
# it is skipped for that group (the pairwise rule still holds). Generous for one page's cube.
EXACT_AUDIT_LIMIT = 1500

Equation = tuple[Hashable, Sequence[Hashable]]


def primary(values: Mapping[Hashable, int], keys: Iterable[Hashable], threshold: int) -> set:
    return {key for key in keys if values.get(key, 0) < threshold}


def _order(values: Mapping[Hashable, int]) -> Callable[[Hashable], tuple]:
    return lambda key: (values.get(key, 0), repr(key))


def _members(equations: Sequence[Equation]) -> list[tuple[Hashable, ...]]:
    return [(total, *parts) for total, parts in equations]


def _pairwise(
    values: Mapping[Hashable, int], members: list[tuple[Hashable, ...]], hidden: set
) -> None:
    """Hide cells until no equation has exactly one hidden member (in place)."""
    by_cell: dict[Hashable, list[int]] = defaultdict(list)
    for index, member in enumerate(members):
        for key in member:
            by_cell[key].append(index)
    smallest = _order(values)
    pending = list(range(len(members)))
    while pending:
        index = pending.pop()
        member = members[index]
        if sum(1 for key in member if key in hidden) != 1:
            continue
        parts = [key for key in member[1:] if key not in hidden]
        choice = min(parts, key=smallest) if parts else member[0]
        if choice in hidden:  # only the total was visible and it is hidden: nothing to add
            continue
        hidden.add(choice)
        pending.extend(by_cell[choice])


def determined(equations: Sequence[Equation], hidden: set) -> set:
    """The hidden cells whose value follows from the visible cells and the equations.

    A hidden cell is determined iff its unit vector lies in the row space of the equations
    restricted to the hidden cells (the visible cells are constants); in reduced row echelon
    form that means one row is exactly that unit vector."""
    rows = []
    for total, parts in equations:
        row: dict[Hashable, Fraction] = defaultdict(Fraction)
        if total in hidden:
            row[total] += 1
        for key in parts:
            if key in hidden:
                row[key] -= 1
        row = {key: value for key, value in row.items() if value}
        if row:
            rows.append(row)
    found = set()
    for group_rows in _groups(rows):
        cells = {key for row in group_rows for key in row}
        if len(cells) > EXACT_AUDIT_LIMIT:
            continue
        found |= _unit_rows(group_rows)
    return found


def _groups(rows: list[dict]) -> list[list[dict]]:
    """Rows split into groups that share no cell (each is eliminated on its own)."""
    parent: dict[Hashable, Hashable] = {}

    def find(key: Hashable) -> Hashable:
        parent.setdefault(key, key)
        while parent[key] != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    for row in rows:
        keys = list(row)
        for key in keys[1:]:
            parent[find(key)] = find(keys[0])
    grouped: dict[Hashable, list[dict]] = defaultdict(list)
    for row in rows:
        grouped[find(next(iter(row)))].append(row)
    return list(grouped.values())


def _unit_rows(rows: list[dict]) -> set:
    """Cells that reduced row echelon form of ``rows`` isolates in a row of their own."""
    rows = [dict(row) for row in rows]
    pivots: list[tuple[Hashable, dict]] = []
    for row in rows:
        for pivot, pivot_row in pivots:
            factor = row.get(pivot)
            if factor:
                for key, value in pivot_row.items():
                    row[key] = row.get(key, 0) - factor * value
                row = {key: value for key, value in row.items() if value}
        if not row:
            continue
        pivot = min(row, key=repr)
        scale = row[pivot]
        row = {key: value / scale for key, value in row.items()}
        for index, (other, other_row) in enumerate(pivots):
            factor = other_row.get(pivot)
            if factor:
                updated = dict(other_row)
                for key, value in row.items():
                    updated[key] = updated.get(key, 0) - factor * value
                pivots[index] = (other, {k: v for k, v in updated.items() if v})
        pivots.append((pivot, row))
    return {pivot for pivot, row in pivots if len(row) == 1}


def _protect(
    values: Mapping[Hashable, int], equations: Sequence[Equation], cells: set, hidden: set
) -> None:
    """Hide one more cell in an equation of each determined cell."""
    smallest = _order(values)
    for cell in sorted(cells, key=repr):
        candidates = [
            key
            for total, parts in equations
            if cell == total or cell in parts
            for key in (total, *parts)
            if key not in hidden
        ]
        if candidates:
            hidden.add(min(candidates, key=smallest))


def suppress(
    values: Mapping[Hashable, int],
    equations: Sequence[Equation] = (),
    *,
    threshold: int = THRESHOLD,
    exact: bool = True,
) -> frozenset:
    """The cells to hide (primary and complementary) of the cells in ``values`` and in the
    equations. ``exact=False`` skips the audit by elimination (for very large cubes)."""
    members = _members(equations)
    keys = set(values) | {key for member in members for key in member}
    hidden = primary(values, keys, threshold)
    while True:
        _pairwise(values, members, hidden)
        if not exact:
            break
        open_cells = determined(equations, hidden)
        if not open_cells:
            break
        before = len(hidden)
        _protect(values, equations, open_cells, hidden)
        if len(hidden) == before:  # nothing left to hide: every member is hidden already
            break
    return frozenset(hidden)


def table_equations(
    rows: Sequence[Hashable], columns: Sequence[Hashable], *, total: Hashable = "total"
) -> list[Equation]:
    """Equations of a table with row totals (column ``total``) and column totals (row
    ``total``): cells are keys ``(row, column)``; the grand total is ``(total, total)``."""
    equations: list[Equation] = []
    for row in [*rows, total]:
        equations.append(((row, total), [(row, column) for column in columns]))
    for column in [*columns, total]:
        equations.append(((total, column), [(row, column) for row in rows]))
    return equations


def suppress_table(
    cells: Mapping[tuple, int],
    rows: Sequence[Hashable],
    columns: Sequence[Hashable],
    *,
    total: Hashable = "total",
    threshold: int = THRESHOLD,
) -> frozenset:
    """:func:`suppress` for one table with row and column totals (see ``table_equations``)."""
    return suppress(cells, table_equations(rows, columns, total=total), threshold=threshold)
