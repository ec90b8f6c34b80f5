"""Small-cell suppression: no figure lets anyone single out a learner.

Two rules, applied to every table the statistics area shows, exports or
serves (a table is a set of rows that add up to a total):

1. **Primary suppression.** A count from 1 to STATS_MIN_CELL - 1 is withheld
   and shown as "fewer than 10". A count in a row whose base is withheld is
   withheld too (0 completions of "fewer than 10" enrolments would say what
   each of them did).
2. **Complementary suppression.** Withholding one cell of a column is not
   enough when the total is shown: total minus the others gives it back. So
   in each column, while the withheld cells add up to fewer than
   STATS_MIN_CELL learners, or only one cell is withheld, the smallest cell
   still shown is withheld as well. The total minus what is shown is then
   the sum of two or more hidden cells, and at least STATS_MIN_CELL
   learners: no single hidden cell, and no small group, can be worked out.

A rate (completion rate, pass rate) is shown only when both of its counts
are; an average score only when the number of learners behind it is.
When a total itself is withheld, every cell of its table is too.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings

SHOWN = "shown"
SMALL = "small"  # fewer than STATS_MIN_CELL learners
WITHHELD = "withheld"  # hidden so that a small figure cannot be worked out

# Count columns, each after the column it is a part of (its base).
COUNT_COLUMNS = ("enrolments", "active", "completed", "quiz_takers", "quiz_passers")
BASE_OF = {"active": "enrolments", "completed": "enrolments", "quiz_takers": "enrolments", "quiz_passers": "quiz_takers"}


def min_cell() -> int:
    return settings.STATS_MIN_CELL


@dataclass(frozen=True)
class Figure:
    """One number as a reader may see it: `value` is None unless shown."""

    value: float | int | None
    status: str = SHOWN

    @property
    def is_shown(self):
        return self.status == SHOWN

    def as_json(self):
        return {"value": self.value if self.is_shown else None, "status": self.status}


def primary_status(value: int, base_status: str = SHOWN) -> str:
    """Rule 1 for one count."""
    if base_status != SHOWN:
        return base_status if base_status == SMALL and value < min_cell() else WITHHELD
    if 0 < value < min_cell():
        return SMALL
    return SHOWN


def total_statuses(total: dict) -> dict:
    """Rule 1 for a table's total (or any figure that stands alone)."""
    statuses = {}
    for column in COUNT_COLUMNS:
        base = BASE_OF.get(column)
        statuses[column] = primary_status(total[column], statuses[base] if base else SHOWN)
    return statuses


def table_statuses(rows: list[dict], total_status: dict) -> list[dict]:
    """Rules 1 and 2 for the rows of a table whose total has `total_status`.
    Returns, per row, the status of each count column."""
    statuses = [{} for _ in rows]
    for column in COUNT_COLUMNS:
        base = BASE_OF.get(column)
        for row, status in zip(rows, statuses):
            status[column] = primary_status(row[column], status[base] if base else SHOWN)
        if total_status[column] != SHOWN:
            for status in statuses:
                if status[column] == SHOWN:
                    status[column] = WITHHELD
            continue
        _complement(rows, statuses, column)
    return statuses


def _complement(rows, statuses, column):
    """Rule 2 for one column, choosing the smallest cells so the least is lost."""
    hidden = [i for i, status in enumerate(statuses) if status[column] != SHOWN]
    while hidden and (len(hidden) == 1 or sum(rows[i][column] for i in hidden) < min_cell()):
        candidates = [i for i, status in enumerate(statuses) if status[column] == SHOWN and rows[i][column] > 0]
        if not candidates:
            break
        smallest = min(candidates, key=lambda i: (rows[i][column], i))
        statuses[smallest][column] = WITHHELD
        hidden.append(smallest)


def worst(*statuses: str) -> str:
    """The most hidden of several statuses: a figure built from hidden ones."""
    if WITHHELD in statuses:
        return WITHHELD
    if SMALL in statuses:
        return SMALL
    return SHOWN


def figures(counts: dict, status: dict) -> dict[str, Figure]:
    """The figures of one row, from its counts and their statuses."""
    result = {column: Figure(counts[column], status[column]) for column in ("enrolments", "active", "completed", "quiz_takers")}
    result["completion_rate"] = _rate(counts["completed"], counts["enrolments"], status["completed"], status["enrolments"])
    result["pass_rate"] = _rate(
        counts["quiz_passers"], counts["quiz_takers"], status["quiz_passers"], status["quiz_takers"]
    )
    takers = counts["quiz_takers"]
    if status["quiz_takers"] != SHOWN:
        result["average_score"] = Figure(None, status["quiz_takers"])
    else:
        result["average_score"] = Figure(round(counts["score_sum"] / takers, 1) if takers else None)
    return result


def _rate(part, whole, part_status, whole_status) -> Figure:
    status = worst(part_status, whole_status)
    if status != SHOWN:
        return Figure(None, status)
    return Figure(round(100 * part / whole, 1) if whole else None)
