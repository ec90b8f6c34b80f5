"""Bar heights for the over-time chart, worked out here so the template only
draws. The chart is an inline SVG: no JavaScript, nothing for the CSP to
block, and a table beside it says the same for screen readers."""

from dataclasses import dataclass

from .periods import MONTH


@dataclass(frozen=True)
class Bar:
    """Two bars side by side in a 100 × 100 SVG box (the CSS sets its size)."""

    label: str
    enrolments: object  # Figure
    completions: object  # Figure
    width: float
    enrolments_x: float
    completions_x: float
    enrolments_height: float
    completions_height: float

    @property
    def enrolments_y(self):
        return round(100 - self.enrolments_height, 2)

    @property
    def completions_y(self):
        return round(100 - self.completions_height, 2)


def bars(report) -> list[Bar]:
    points = report.over_time
    if not points:
        return []
    shown = [f.value for p in points for f in (p.enrolments, p.completions) if f.is_shown and f.value]
    top = max(shown, default=1)
    slot = 100 / len(points)
    return [
        Bar(
            label=point.start.strftime("%Y-%m") if report.filters.interval == MONTH else point.start.isoformat(),
            enrolments=point.enrolments,
            completions=point.completions,
            width=round(slot * 0.4, 3),
            enrolments_x=round(index * slot + slot * 0.08, 3),
            completions_x=round(index * slot + slot * 0.52, 3),
            enrolments_height=_height(point.enrolments, top),
            completions_height=_height(point.completions, top),
        )
        for index, point in enumerate(points)
    ]


def _height(figure, top):
    """Percent of the chart; a withheld figure gets a stub, so the gap shows."""
    if not figure.is_shown:
        return 2
    return round(95 * figure.value / top, 2) if figure.value else 0
