"""The suppression rules on their own (stats/suppression.py), with STATS_MIN_CELL = 10."""

from stats.suppression import COUNT_COLUMNS, SHOWN, SMALL, WITHHELD, table_statuses, total_statuses


def rows(*enrolments):
    return [dict.fromkeys(COUNT_COLUMNS, 0) | {"enrolments": n} for n in enrolments]


def statuses(*enrolments):
    table = rows(*enrolments)
    total = dict.fromkeys(COUNT_COLUMNS, 0) | {"enrolments": sum(enrolments)}
    return [s["enrolments"] for s in table_statuses(table, total_statuses(total))]


def test_nothing_small_nothing_hidden():
    assert statuses(40, 25, 12) == [SHOWN, SHOWN, SHOWN]


def test_one_small_cell_takes_the_smallest_other_with_it():
    assert statuses(40, 25, 4) == [SHOWN, WITHHELD, SMALL]


def test_two_small_cells_adding_up_to_fewer_than_ten_take_a_third():
    """3 + 4 = 7: knowing that the two hidden cells hold 7 learners is itself a small figure."""
    assert statuses(40, 25, 3, 4) == [SHOWN, WITHHELD, SMALL, SMALL]


def test_two_small_cells_adding_up_to_ten_are_enough():
    assert statuses(40, 25, 6, 5) == [SHOWN, SHOWN, SMALL, SMALL]


def test_zeros_are_shown_and_never_used_as_complements():
    """A zero hides nothing (there is no learner to single out)."""
    assert statuses(40, 0, 4) == [WITHHELD, SHOWN, SMALL]


def test_a_small_total_hides_the_whole_table():
    assert statuses(4, 3) == [SMALL, SMALL]


def test_a_part_of_a_small_base_is_small_even_when_zero():
    """0 completions out of 4 enrolments would say what each of the four did."""
    table = rows(4, 40)
    table[0]["completed"], table[1]["completed"] = 0, 30
    total = total_statuses(dict.fromkeys(COUNT_COLUMNS, 0) | {"enrolments": 44, "completed": 30})
    result = table_statuses(table, total)
    assert result[0]["completed"] == SMALL
    assert result[1]["completed"] == WITHHELD  # else 30 - 30 = 0 gives the small row's back
