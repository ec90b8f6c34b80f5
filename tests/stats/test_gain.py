"""Issue 24: learning gain in the statistics, checked figure by figure on the
known dataset (tests/stats/conftest.py), and attacked like every other figure."""

import pytest
from django.db.models import Sum

from stats import disclosure
from stats.disclosure import Figure
from stats.export import report_json
from stats.models import StatsCell
from stats.queries import Filters, build_report
from stats.refresh import refresh_statistics
from stats.scopes import ASEAN_WIDE, Scope

from .conftest import NOW, Dataset

pytestmark = pytest.mark.django_db
MY = Scope(countries=frozenset({"MY"}))
GAIN_SUMS = ["gain_learners", "before_sum", "after_sum", "gain_sum", "gain_sq_sum"]


@pytest.fixture
def counted(known_dataset):
    refresh_statistics(now=NOW)
    return known_dataset


def true_sums(**where):
    return {
        name: value or 0
        for name, value in StatsCell.objects.filter(**where).aggregate(**{n: Sum(n) for n in GAIN_SUMS}).items()
    }


def published_sums(**where):
    found = StatsCell.objects.filter(**where).aggregate(**{n: Sum(f"published_{n}") for n in GAIN_SUMS})
    return {name: value or 0 for name, value in found.items()}


def test_every_learners_gain_is_counted_into_their_cell(counted):
    course_a, course_b = (course.translation_key for course in counted.courses)
    # G1: 6 x g=1 (20 -> 100) and 5 x g=0.25 (20 -> 40); the 4 with 100 % before are left out.
    assert true_sums(course_key=course_a, country="MY", age_band="25-59") == {
        "gain_learners": 11,
        "before_sum": 220,
        "after_sum": 800,
        "gain_sum": 725,
        "gain_sq_sum": 63125,
    }
    # G3: 10 x g=1 (0 -> 100).
    assert true_sums(course_key=course_b) == {
        "gain_learners": 10,
        "before_sum": 0,
        "after_sum": 1000,
        "gain_sum": 1000,
        "gain_sq_sum": 100000,
    }
    # Nobody else took a before check; a before check is not a quiz attempt.
    assert true_sums(country="SG")["gain_learners"] == 0
    assert StatsCell.objects.aggregate(n=Sum("quiz_takers"))["n"] == 30


def test_the_mean_gain_and_its_interval_by_hand():
    """n = 11, gains 6 x 100 and 5 x 25 points: mean 65.9; sd 39.17; t(10) = 2.228;
    half-width 2.228 x 39.17 / sqrt(11) = 26.3: 0.66 (0.40 to 0.92)."""
    figures = disclosure.gain_figures({"gain_sum": 725, "gain_sq_sum": 63125}, Figure(11))
    assert figures == {"gain": Figure(0.66), "gain_low": Figure(0.40), "gain_high": Figure(0.92)}
    # Ten identical gains: no spread, the interval is the mean itself.
    figures = disclosure.gain_figures({"gain_sum": 1000, "gain_sq_sum": 100000}, Figure(10))
    assert figures == {"gain": Figure(1.0), "gain_low": Figure(1.0), "gain_high": Figure(1.0)}
    # Past 120 learners the interval uses 1.96; a hidden count hides all three.
    assert disclosure.t_quantile(500) == 1.96 and disclosure.t_quantile(35) == 2.042
    hidden = disclosure.gain_figures({"gain_sum": 300, "gain_sq_sum": 30000}, Figure(None, disclosure.SMALL))
    assert all(figure.status == disclosure.SMALL for figure in hidden.values())


def test_every_gain_figure_comes_from_the_altered_cells(counted):
    """Each figure, for every filter of every dimension: the altered count n and
    the altered sums, added up over the cells it covers, through the formula."""
    course_a, course_b = (course.translation_key for course in counted.courses)
    cases = [
        (Filters(), {}),
        (Filters(course=course_a), {"course_key": course_a}),
        (Filters(course=course_b), {"course_key": course_b}),
        (Filters(country="MY"), {"country": "MY"}),
        (Filters(age_band="25-59"), {"age_band": "25-59"}),
        (Filters(language="ms"), {"language": "ms"}),
        (Filters(language="en"), {"language": "en"}),
    ]
    for filters, where in cases:
        summary = build_report(ASEAN_WIDE, filters).summary
        published, true = published_sums(**where), true_sums(**where)
        n = disclosure.count_figure(published["gain_learners"], true["gain_learners"])
        assert summary["gain_learners"] == n, filters
        expected = disclosure.gain_figures(published, n)
        for name in ("gain", "gain_low", "gain_high"):
            assert summary[name] == expected[name], (filters, name)
        if n.is_shown:
            assert summary["before_score"].value == round(published["before_sum"] / n.value, 1)
            assert summary["after_score"].value == round(min(100, published["after_sum"] / n.value), 1)
            # The altered figure stays near the truth: within 3 learners and 3 steps.
            assert abs(n.value - true["gain_learners"]) <= 3
            assert abs(published["gain_sum"] - true["gain_sum"]) <= 3 * 20 * StatsCell.objects.filter(**where).count()
            assert summary["gain_low"].value <= summary["gain"].value <= summary["gain_high"].value


def test_gain_shows_in_the_dashboard_csv_and_api_alike(counted, asean_client):
    course_b = counted.courses[1].translation_key
    report = build_report(ASEAN_WIDE, Filters(course=course_b))
    api = report_json(report)["summary"]
    assert api["gain"] == report.summary["gain"].as_json()
    assert {"gain", "gain_low", "gain_high", "gain_learners", "before_score", "after_score"} <= set(api)
    page = asean_client.get(f"/en/stats/?course={course_b}")
    assert page.status_code == 200
    html = page.content.decode()
    assert "Learning gain" in html
    response = asean_client.get(f"/en/stats/export.csv?course={course_b}")
    csv = b"".join(response.streaming_content).decode()
    assert "Learning gain: lower bound (95 %)" in csv


# --- Attacks ----------------------------------------------------------------------------


@pytest.fixture
def small_gain_groups(known_dataset):
    """The known dataset plus small groups with a gain: 6 in Thailand (g = 1),
    2 in Viet Nam (20 -> 40, g = 0.25), 1 alone in Indonesia (0 -> 100, g = 1)."""
    course_a, course_b = (course.translation_key for course in known_dataset.courses)
    data = Dataset()
    data.group(
        11, course=course_b, country="TH", age_band="60+", language="th", started="2025-10-06",
        quiz=[(100, True, {"AI.1": (3, 3)})] * 6, before=[{"AI.1": (3, 0)}] * 6,
    )  # fmt: skip
    data.group(
        2, course=course_a, country="VN", age_band="25-59", language="vi", started="2025-11-17",
        quiz=[(40, False, {"1.2": (5, 2)})] * 2, before=[{"1.2": (5, 1)}] * 2,
    )  # fmt: skip
    data.group(
        1, course=course_a, country="ID", age_band="13-17", language="id", started="2025-09-08",
        quiz=[(100, True, {"1.2": (2, 2)})], before=[{"1.2": (2, 0)}],
    )  # fmt: skip
    refresh_statistics(now=NOW)
    return known_dataset


def candidate_means(cells):
    """Every mean gain (points) a group made of `cells` could have, to an
    analyst credited with each cell's altered n and gain sum: any true n the
    p-table allows, and any true sum within three steps that n's gains can reach."""
    measure = next(m for m in disclosure.SUMS if m.name == "gain_sum")
    pairs = {(0, 0.0)}
    for published_n, published_sum in cells.values_list("published_gain_learners", "published_gain_sum"):
        options = set()
        for n in disclosure.possible_true_counts(published_n, exists=True) or {0}:
            for k in range(-3, 4):
                total = published_sum - k * measure.step
                if n and -100 * n <= total <= 100 * n or not n and total == 0:
                    options.add((n, total))
        pairs = {(a + n, s + t) for a, s in pairs for n, t in options if a + n < 100}
    return {round(total / n, 6) for n, total in pairs if n}


def test_no_gain_figure_reveals_a_small_group(small_gain_groups):
    """Every figure with fewer than 10 learners behind it is withheld, in every
    view; and the cells of a small group (which an analyst could isolate by
    differencing) leave both its size and its mean gain open."""
    min_cell = disclosure.min_cell()
    attacks = 0
    for country in ("TH", "VN", "ID"):
        cells = StatsCell.objects.filter(country=country)
        true_n = sum(cells.values_list("gain_learners", flat=True))
        assert 0 < true_n < min_cell
        for scope in (ASEAN_WIDE, Scope(countries=frozenset({country}))):
            for filters in (Filters(country=country), Filters(country=country, age_band=cells[0].age_band)):
                summary = build_report(scope, filters).summary
                if summary["gain_learners"].is_shown:
                    continue  # altered to 10 or more: shown, but the size stays open (below)
                for name in ("gain", "gain_low", "gain_high", "before_score", "after_score"):
                    assert summary[name].value is None, (country, name)
        # Differencing (the total minus every other group) gives at most these cells' altered values.
        attacks += 1
        sizes = set()
        for published in cells.values_list("published_gain_learners", flat=True):
            sizes |= disclosure.possible_true_counts(published, exists=True)
        assert len(sizes) >= 2, country
        means = candidate_means(cells)
        assert len(means) >= 2, (country, means)
    # The breakdown tables hold no gain under ten either.
    report = build_report(ASEAN_WIDE, Filters())
    for table in report.tables:
        for row in table.rows:
            if row.figures["gain"].value is not None:
                assert row.figures["gain_learners"].value >= min_cell
    assert attacks == 3


def test_the_lone_learners_gain_is_never_pinned(small_gain_groups):
    """The one learner in Indonesia: whatever their cell's alteration, at least
    two true gains remain possible."""
    cell = StatsCell.objects.get(country="ID")
    assert cell.gain_learners == 1 and cell.gain_sum == 100
    assert len(candidate_means(StatsCell.objects.filter(country="ID"))) >= 2
