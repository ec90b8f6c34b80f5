"""The charts of the dashboard, worked out here so the templates only draw.

Server-rendered SVG, no JavaScript: nothing for the site's CSP to block
(geometry goes in SVG attributes, colours in site.css, never in a style
attribute or element; pygal was not used because it writes inline styles).
Every chart sits beside a table with the same figures, its accessible
equivalent. A figure too small to show is drawn as a gap with a marker,
explained in the legend, never as a zero bar.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .disclosure import min_cell
from .periods import MONTH

# The over-time chart's drawing box (user units; the SVG scales to its box).
WIDTH, HEIGHT = 800, 300
LEFT, RIGHT, TOP, BOTTOM = 56, 12, 16, 48


@dataclass
class Tick:
    y: float
    label: str


@dataclass
class Bar:
    x: float
    y: float
    width: float
    height: float
    kind: str  # "enrolments" or "completions"
    title: str


@dataclass
class Gap:
    x: float
    kind: str
    title: str


@dataclass
class XLabel:
    x: float
    label: str


@dataclass
class TimeChart:
    """Enrolments (by the week or month they began) and, of them, how many
    have completed, as pairs of bars with a value axis and dated labels."""

    width: int = WIDTH
    height: int = HEIGHT
    left: int = LEFT
    right_edge: int = WIDTH - RIGHT
    baseline: int = HEIGHT - BOTTOM
    label_y: int = HEIGHT - BOTTOM + 18
    ticks: list[Tick] = field(default_factory=list)
    bars: list[Bar] = field(default_factory=list)
    gaps: list[Gap] = field(default_factory=list)
    labels: list[XLabel] = field(default_factory=list)
    has_gaps: bool = False
    min_width: int = 600  # CSS pixels below which the chart scrolls (it is a region you can focus)


@dataclass
class ShareRow:
    """One bar of a share chart (a percentage): its label and width."""

    label: str
    value: object  # Figure
    width: float  # 0..100, in the SVG's user units

    @property
    def is_gap(self):
        return not self.value.is_shown or self.value.value is None


@dataclass
class ShareChart:
    """Horizontal bars of a percentage per row (completion rate by course,
    age group, language; mastery per competence), grouped under headings."""

    key: str
    title: str
    groups: list[tuple[str, list[ShareRow]]]

    @property
    def has_gaps(self):
        return any(row.is_gap for _heading, rows in self.groups for row in rows)


def nice_step(top: float, ticks: int = 5) -> int:
    """A round step (1, 2 or 5 times a power of ten) giving at most `ticks` steps up to `top`."""
    if top <= 0:
        return 1
    raw = top / ticks
    power = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 5, 10):
        if factor * power >= raw:
            return max(1, int(factor * power))
    return max(1, int(10 * power))


def point_label(start, interval) -> str:
    """A week's first day ("2 Mar 2026") or a month ("March 2026"), in the reader's language."""
    if interval == MONTH:
        return date_format(start, "YEAR_MONTH_FORMAT")
    return date_format(start, "SHORT_DATE_FORMAT")


def time_chart(report) -> TimeChart | None:
    points = report.over_time
    if not points:
        return None
    chart = TimeChart()
    shown = [f.value for p in points for f in (p.enrolments, p.completions) if f.is_shown and f.value]
    step = nice_step(max(shown, default=1))
    top = step * max(1, math.ceil(max(shown, default=1) / step))
    plot_height = chart.baseline - TOP
    plot_width = chart.right_edge - chart.left
    for value in range(0, top + 1, step):
        chart.ticks.append(
            Tick(
                y=round(chart.baseline - plot_height * value / top, 2), label=number_format(value, force_grouping=True)
            )
        )
    slot = plot_width / len(points)
    bar = max(0.5, slot * 0.38)
    every = max(1, math.ceil(len(points) / 8))  # at most about eight dates under the axis
    for index, point in enumerate(points):
        label = point_label(point.start, report.filters.interval)
        for offset, kind, figure, name in (
            (slot * 0.1, "enrolments", point.enrolments, _("Enrolments")),
            (slot * 0.52, "completions", point.completions, _("Completed since")),
        ):
            x = round(chart.left + index * slot + offset, 2)
            if not figure.is_shown:
                chart.has_gaps = True
                chart.gaps.append(
                    Gap(x=round(x + bar / 2, 2), kind=kind, title=f"{label}, {name}: {_figure_text(figure)}")
                )
                continue
            height = round(plot_height * (figure.value or 0) / top, 2)
            chart.bars.append(
                Bar(
                    x=x,
                    y=round(chart.baseline - height, 2),
                    width=round(bar, 2),
                    height=height,
                    kind=kind,
                    title=f"{label}, {name}: {_figure_text(figure)}",
                )
            )
        if index % every == 0:
            chart.labels.append(XLabel(x=round(chart.left + (index + 0.5) * slot, 2), label=label))
    chart.min_width = 600 if len(points) <= 26 else min(2400, 24 * len(points))
    return chart


def _figure_text(figure) -> str:
    if not figure.is_shown:
        return _("fewer than %(min)s") % {"min": min_cell()}
    return number_format(figure.value or 0, force_grouping=True)


def _share_rows(rows) -> list[ShareRow]:
    result = []
    for label, figure in rows:
        width = figure.value if figure.is_shown and figure.value is not None else 0
        result.append(ShareRow(label=label, value=figure, width=round(max(0.0, min(100.0, width)), 2)))
    return result


COMPLETION_TITLES = {
    "course": gettext_lazy("Completion rate by course"),
    "age_band": gettext_lazy("Completion rate by age group"),
    "language": gettext_lazy("Completion rate by language"),
    "country": gettext_lazy("Completion rate by country"),
}


def share_charts(report) -> list[ShareChart]:
    """Completion rate by course, age group, language and country (each
    table not filtered away), then mastery per competence, by pillar."""
    charts = []
    for table in report.tables:
        charts.append(
            ShareChart(
                key=f"completion-{table.dimension}",
                title=str(COMPLETION_TITLES[table.dimension]),
                groups=[("", _share_rows((row.label, row.figures["completion_rate"]) for row in table.rows))],
            )
        )
    pillars = {}
    for row in report.competences:
        pillars.setdefault(row.pillar, []).append((f"{row.code} {row.name}", row.mastery))
    if pillars:
        charts.append(
            ShareChart(
                key="mastery",
                title=_("Competence mastery by pillar"),
                groups=[(pillar, _share_rows(rows)) for pillar, rows in pillars.items()],
            )
        )
    return charts


@dataclass
class Charts:
    over_time: TimeChart | None
    shares: list[ShareChart]


def charts(report) -> Charts:
    return Charts(over_time=time_chart(report), shares=share_charts(report))
