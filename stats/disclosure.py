"""Disclosure control: the cell key method, applied once to the counted cells.

This is the method of the UK's Office for National Statistics (Census 2021)
and the Australian Bureau of Statistics (TableBuilder), arranged so that no
combination of queries can average the alteration away:

1. **Record keys.** Every enrolment gets a fixed, secret, random-looking key
   from 0 to 255 (`record_key`: a keyed hash of its id, so nothing new is
   stored on the learner's record and the key never changes).
2. **Cell keys.** A counted cell (one period, course, country, age group and
   language, see stats.models) keeps, for each count, the sum of the record
   keys of the enrolments in it, modulo 256. The same enrolments always give
   the same cell key; one more or one fewer gives another.
3. **Perturbation.** Each count of each counted cell is moved by a small
   amount looked up from the count and its cell key (`noise`): -3 to +3,
   zero on average, never below zero. Sums of scores move in steps of
   `SCORE_STEP` points. The published figures are worked out *once*, when the
   cells are counted, and stored beside the true ones.
4. **Every figure is a sum of altered cells.** A total, a row, a week, a
   month, a country, a filter: each adds up the altered cells it covers, so
   totals equal the sum of their parts exactly and the same cell has the same
   value in the dashboard, the CSV and the API. Subtracting one figure from
   another only ever gives the altered value of the cells in between, never
   the true one; asking again gives the same answer, so there is nothing to
   average.
5. **Small figures are not shown.** A figure whose altered value is below
   STATS_MIN_CELL shows as "fewer than 10" (empty in the CSV, null in the
   API). The decision is taken on the altered value, so "fewer than 10"
   itself tells nothing exact. A figure with no learner at all shows 0.

Why hand-written rather than a package: ONS's `cell-key-perturbation`
tabulates a pandas DataFrame of microdata in memory, and the p-table it
ships is a fixed rounding rule (no noise); our counting is streamed and
incremental and needs only the three functions below. OpenDP's noise is
deliberately not reproducible, whereas here the same cell must keep its value
from one count to the next (otherwise hourly recounts could be averaged).

A new kind of figure is a new entry in `COUNTS` (a count and the count it is
a part of) or `SUMS` (a sum of bounded values, perturbed in steps of its own
size, published as a mean over a count); see `SumMeasure`.
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass
from functools import lru_cache

from django.conf import settings

KEY_RANGE = 256

# The alteration of one count, -3..+3, in 32nds: zero 10/32 of the time,
# +-1 7/32, +-2 3/32, +-3 1/32 each. Mean 0, variance 1.75.
NOISE_WEIGHTS = {-3: 1, -2: 3, -1: 7, 0: 10, 1: 7, 2: 3, 3: 1}
MAX_NOISE = max(NOISE_WEIGHTS)


@dataclass(frozen=True)
class CountMeasure:
    """A count of enrolments; `part_of`: the count it can never exceed."""

    name: str
    part_of: str | None = None


@dataclass(frozen=True)
class SumMeasure:
    """A sum of per-learner values bounded by `bound` (a score out of 100),
    published as a mean over `count`. Its alteration moves in steps of `step`,
    so one learner's value cannot be read from a difference of two sums."""

    name: str
    count: str
    step: int
    bound: int
    lower: int = 0
    salt: int = 101  # which entry of the count's key row moves it (sums of one count move apart)


COUNTS = (
    CountMeasure("enrolments"),
    CountMeasure("active", "enrolments"),
    CountMeasure("completed", "enrolments"),
    CountMeasure("quiz_takers", "enrolments"),
    CountMeasure("quiz_passers", "quiz_takers"),
    # Learners with a learning gain: took the before check and the quiz (not 100 % before).
    # Not capped by quiz_takers: no rate divides them, and a cap would bias n
    # downwards (so the mean gain upwards) wherever nearly every taker has a gain.
    CountMeasure("gain_learners"),
)
# Gains are kept in percent points (g x 100, -100..100), so each sum moves in
# steps a tenth of its range, like scores; the sum of squares gives the
# interval's spread and moves in steps of 1000 (a tenth of its 10000).
SUMS = (
    SumMeasure("score_sum", count="quiz_takers", step=10, bound=100),
    SumMeasure("before_sum", count="gain_learners", step=10, bound=100, salt=131),
    SumMeasure("after_sum", count="gain_learners", step=10, bound=100, salt=163),
    SumMeasure("gain_sum", count="gain_learners", step=20, bound=100, lower=-100, salt=197),
    SumMeasure("gain_sq_sum", count="gain_learners", step=1000, bound=10000, salt=229),
)
SUM_NAMES = [m.name for m in SUMS]
SCORE_STEP = SUMS[0].step
_SUM = {m.name: m for m in SUMS}

COMPETENCE_COUNTS = (CountMeasure("learners"), CountMeasure("mastered", "learners"))


def min_cell() -> int:
    return settings.STATS_MIN_CELL


def _secret() -> bytes:
    """The secret behind every record key: STATS_CELL_KEY_SECRET (a setting,
    else the environment variable), else derived from SECRET_KEY. Changing
    it changes every alteration (and forces a full recount)."""
    return (settings.STATS_CELL_KEY_SECRET or f"celik-cell-keys:{settings.SECRET_KEY}").encode()


def record_key(enrolment_id: int) -> int:
    """The enrolment's record key, 0..255: a keyed hash of its id, so it is
    the same at every count and nobody without the secret can work it out."""
    return hmac.new(_secret(), str(enrolment_id).encode(), hashlib.sha256).digest()[0]


@lru_cache(maxsize=64)
def _table(count: int) -> tuple[int, ...]:
    """The p-table row for a count: the alteration for each of the 256 cell
    keys. Counts under 3 use only the alterations that keep them at 0 or
    more and their mean at zero (a count of 1 becomes 0, 1 or 2)."""
    reach = min(count, MAX_NOISE)
    weights = {noise: weight for noise, weight in NOISE_WEIGHTS.items() if abs(noise) <= reach}
    total = sum(weights.values())
    row, cumulative = [], 0
    bounds = []
    for noise, weight in sorted(weights.items()):
        cumulative += weight
        bounds.append((cumulative * KEY_RANGE / total, noise))
    for key in range(KEY_RANGE):
        row.append(next(noise for bound, noise in bounds if key + 0.5 <= bound))
    return tuple(row)


def noise(count: int, cell_key: int, salt: int = 0) -> int:
    """The alteration of `count` in a cell with `cell_key`. The key is shifted
    by the count (and `salt`, for a second figure from the same key), so a key
    does not move every count the same way."""
    if count <= 0:
        return 0
    return _table(min(count, 3))[(cell_key + 37 * count + salt) % KEY_RANGE]


def perturb_count(count: int, cell_key: int) -> int:
    return count + noise(count, cell_key)


def perturb_sum(total: float, count: int, cell_key: int, measure: SumMeasure) -> float:
    """A sum of bounded values, moved by -3..+3 steps of `measure.step`
    (full width whatever the count, so a single learner's value stays vague)."""
    if count <= 0:
        return 0.0
    return total + measure.step * _table(3)[(cell_key + measure.salt) % KEY_RANGE]


def publish(counts: dict, keys: dict, measures=COUNTS, sums=SUMS) -> dict:
    """The altered values of one counted cell: each count perturbed by its
    own cell key, then capped by the count it is part of (so a published
    part never exceeds its whole), and each sum perturbed by its count's key."""
    published = {}
    for measure in measures:
        value = perturb_count(counts[measure.name], keys[measure.name])
        if measure.part_of:
            value = min(value, published[measure.part_of])
        published[measure.name] = value
    for measure in sums:
        published[measure.name] = perturb_sum(counts[measure.name], counts[measure.count], keys[measure.count], measure)
    return published


def possible_true_counts(published: int, exists: bool = True) -> set[int]:
    """Every true count of one counted cell that could have been published as
    `published`: what an analyst who isolated that cell could conclude. Used
    by the attack tests; always two values or more for a non-empty cell."""
    candidates = set()
    for count in range(max(0, published - MAX_NOISE), published + MAX_NOISE + 1):
        if count == 0:
            if published == 0 and not exists:
                candidates.add(0)
            continue
        if any(count + noise(count, key) == published for key in range(KEY_RANGE)):
            candidates.add(count)
    return candidates


# --- Figures as readers see them ------------------------------------------------------

SHOWN = "shown"
SMALL = "small"  # the altered value is below STATS_MIN_CELL


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


def count_figure(published: int, true: int) -> Figure:
    """A count: shown when its altered value reaches STATS_MIN_CELL; a cell
    with nobody in it is a plain 0; anything else is "fewer than 10"."""
    if true == 0:
        return Figure(0)
    if published < min_cell():
        return Figure(None, SMALL)
    return Figure(published)


def rate_figure(part: Figure, whole: Figure) -> Figure:
    """A percentage of two counts, shown only when both are."""
    if not whole.is_shown:
        return Figure(None, whole.status)
    if not whole.value:
        return Figure(None)
    if not part.is_shown:
        return Figure(None, part.status)
    return Figure(round(min(100.0, 100 * part.value / whole.value), 1))


def mean_figure(published_sum: float, count: Figure, measure: SumMeasure) -> Figure:
    """A mean of a SumMeasure over a count, shown only when the count is."""
    if not count.is_shown:
        return Figure(None, count.status)
    if not count.value:
        return Figure(None)
    return Figure(round(max(float(measure.lower), min(float(measure.bound), published_sum / count.value)), 1))


# Two-sided 95 % quantiles of Student's t by degrees of freedom (to 30, then
# the next smaller tabled value, which errs on the wide side); 1.96 past 120.
T_975 = {
    1: 12.706, 2: 4.303, 3: 3.182, 4: 2.776, 5: 2.571, 6: 2.447, 7: 2.365, 8: 2.306, 9: 2.262, 10: 2.228,
    11: 2.201, 12: 2.179, 13: 2.160, 14: 2.145, 15: 2.131, 16: 2.120, 17: 2.110, 18: 2.101, 19: 2.093,
    20: 2.086, 21: 2.080, 22: 2.074, 23: 2.069, 24: 2.064, 25: 2.060, 26: 2.056, 27: 2.052, 28: 2.048,
    29: 2.045, 30: 2.042, 40: 2.021, 60: 2.000, 120: 1.980,
}  # fmt: skip


def t_quantile(df: int) -> float:
    """The 97.5 % quantile of Student's t with `df` degrees of freedom."""
    if df > 120:
        return 1.96
    return T_975[max(d for d in T_975 if d <= df)]


def gain_figures(published: dict, learners: Figure) -> dict[str, Figure]:
    """The mean normalised gain (-1..1, two decimals) and its 95 % interval,
    mean +- t(n-1) * sd / sqrt(n), from the altered count n and the altered
    sums of the gains and of their squares (percent points); shown only when
    n is. A spread the alterations made negative counts as 0; the interval
    is kept within -1..1."""
    names = ("gain", "gain_low", "gain_high")
    if not learners.is_shown or not learners.value or learners.value < 2:
        hidden = Figure(None, learners.status) if not learners.is_shown else Figure(None)
        return dict.fromkeys(names, hidden)
    n = learners.value
    mean = max(-100.0, min(100.0, published["gain_sum"] / n))
    variance = max(0.0, (published["gain_sq_sum"] - published["gain_sum"] ** 2 / n) / (n - 1))
    half = t_quantile(n - 1) * (variance / n) ** 0.5
    return {
        "gain": Figure(round(mean / 100, 2)),
        "gain_low": Figure(round(max(-100.0, mean - half) / 100, 2)),
        "gain_high": Figure(round(min(100.0, mean + half) / 100, 2)),
    }


def figures(published: dict, true: dict) -> dict[str, Figure]:
    """Every figure of one row of the dashboard, from its added-up altered
    values (`published`) and true counts (`true`, only to tell 0 apart)."""
    result = {m.name: count_figure(published[m.name], true[m.name]) for m in COUNTS}
    result["completion_rate"] = rate_figure(result["completed"], result["enrolments"])
    result["pass_rate"] = rate_figure(result["quiz_passers"], result["quiz_takers"])
    result["average_score"] = mean_figure(published["score_sum"], result["quiz_takers"], SUMS[0])
    result["before_score"] = mean_figure(published["before_sum"], result["gain_learners"], _SUM["before_sum"])
    result["after_score"] = mean_figure(published["after_sum"], result["gain_learners"], _SUM["after_sum"])
    result.update(gain_figures(published, result["gain_learners"]))
    return result
