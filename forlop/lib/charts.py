"""Trend charts as inline SVG, drawn on the server. Pure: no database, no clock, no request, no JavaScript.

A chart is a series of (datetime, value) points over a time axis shown in the time zone passed in, a y axis
with a fixed range, optional coloured bands behind the points (e.g. a scale's severity bands) and an optional
threshold line. The SVG has role="img" with a <title> and a <desc> that says in words what the chart shows;
a page that shows a chart must also show the numbers in a table (the chart is for the eye, the table for a
screen reader and for exact values).

Colours come from CSS classes (`chart-…`, `chart-band--<tone>`) that the stylesheet maps to the site's CSS
variables, so dark mode works; the SVG carries no colour of its own. The drawing scales to its container
(viewBox, width 100 %) and its text stays readable on a 375 px phone.

Example::

    svg = line_chart(
        [(taken_at, 17), ...],
        title="CIWA-Ar over tid",
        y_range=(0, 67),
        tz=ZoneInfo("Europe/Oslo"),
        bands=[ChartBand(0, 7, "Lette", "calm"), ChartBand(8, 14, "Moderate", "warn"), ...],
        threshold=ChartThreshold(15, "Grense 15"),
    )
"""

import html
import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

TONES = ("calm", "neutral", "warn", "danger", "severe")

# Geometry, in viewBox units. The viewBox is narrow so that text stays legible when a phone shrinks it.
WIDTH = 400
HEIGHT = 240
LEFT = 34  # room for the y labels
RIGHT = 10
TOP = 12
BOTTOM = 30  # room for the time labels
FONT = 13


@dataclass(frozen=True)
class ChartBand:
    """A band of values from `low` to `high` (both shown), labelled, coloured by `tone` (one of TONES)."""

    low: float
    high: float
    label: str
    tone: str = "neutral"

    def __post_init__(self) -> None:
        if self.tone not in TONES:
            raise ValueError(f"unknown tone {self.tone!r}; use one of {TONES}")
        if self.low > self.high:
            raise ValueError("a band's low is above its high")


@dataclass(frozen=True)
class ChartThreshold:
    """A horizontal line at `value`, labelled (e.g. "Grense 15")."""

    value: float
    label: str


@dataclass(frozen=True)
class PlacedPoint:
    at: datetime
    value: float
    x: float
    y: float


def _fmt(number: float) -> str:
    return f"{number:.1f}".rstrip("0").rstrip(".")


def _value(value: float) -> str:
    return _fmt(value) if isinstance(value, float) else str(value)


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _local(at: datetime, tz: tzinfo) -> datetime:
    if at.tzinfo is None:
        raise ValueError("chart points need timezone-aware datetimes")
    return at.astimezone(tz)


def when_label(at: datetime, tz: tzinfo) -> str:
    """ "5.12.2026 kl. 08:10" in `tz`."""
    local = _local(at, tz)
    return _("%(date)s kl. %(time)s") % {
        "date": f"{local.day}.{local.month}.{local.year}",
        "time": local.strftime("%H:%M"),
    }


class Plot:
    """Maps times and values to viewBox coordinates."""

    def __init__(self, start: datetime, end: datetime, y_range: tuple[float, float]) -> None:
        self.start, self.end = start, end
        self.low, self.high = y_range
        if self.high <= self.low:
            raise ValueError("y_range must go from low to high")
        self.x0, self.x1 = LEFT + 8, WIDTH - RIGHT - 8
        self.y0, self.y1 = HEIGHT - BOTTOM, TOP  # y0 is the bottom

    def x(self, at: datetime) -> float:
        span = (self.end - self.start).total_seconds()
        if span <= 0:
            return (self.x0 + self.x1) / 2
        return self.x0 + (self.x1 - self.x0) * (at - self.start).total_seconds() / span

    def y(self, value: float) -> float:
        value = min(max(value, self.low), self.high)
        return self.y0 - (self.y0 - self.y1) * (value - self.low) / (self.high - self.low)


def place(points: Iterable[tuple[datetime, float]], *, y_range: tuple[float, float]) -> list[PlacedPoint]:
    """The points in time order with their coordinates (for the drawing, and for tests)."""
    ordered = sorted(points, key=lambda p: p[0])
    if not ordered:
        return []
    plot = Plot(ordered[0][0], ordered[-1][0], y_range)
    return [PlacedPoint(at, value, plot.x(at), plot.y(value)) for at, value in ordered]


_HOUR_STEPS = (1, 2, 3, 4, 6, 12)
_DAY_STEPS = (1, 2, 3, 7, 14, 28, 56, 91)
MAX_TICKS = 5


def time_ticks(start: datetime, end: datetime, tz: tzinfo) -> list[tuple[datetime, str]]:
    """Up to MAX_TICKS round times between start and end, labelled in `tz`: hours ("08:00") within a day
    and a half, else dates ("5.12."). A single moment gets one tick with its date and time."""
    local_start, local_end = _local(start, tz), _local(end, tz)
    span = end - start
    if span <= timedelta(0):
        return [(start, f"{local_start.day}.{local_start.month}. {local_start:%H:%M}")]
    if span <= timedelta(hours=36):
        step = next((h for h in _HOUR_STEPS if span / timedelta(hours=h) <= MAX_TICKS - 1), 12)
        first = local_start.replace(minute=0, second=0, microsecond=0)
        ticks = []
        for n in itertools.count():
            # wall-clock arithmetic in tz, then back to an aware time (DST-safe enough for hour ticks)
            at = (first + timedelta(hours=n)).astimezone(tz)
            if at > local_end:
                break
            if at >= local_start and at.hour % step == 0:
                label = f"{at:%H:%M}" if at.hour else f"{at.day}.{at.month}."
                ticks.append((at, label))
        return ticks[:MAX_TICKS] or [(start, f"{local_start:%H:%M}")]
    days = (local_end.date() - local_start.date()).days
    step = next((d for d in _DAY_STEPS if days / d <= MAX_TICKS - 1), _DAY_STEPS[-1])
    ticks = []
    day = local_start.date() + timedelta(days=1)
    while day <= local_end.date() and len(ticks) < MAX_TICKS:
        if (day - local_start.date()).days % step == 0:
            at = datetime(day.year, day.month, day.day, tzinfo=tz)
            ticks.append((at, f"{day.day}.{day.month}."))
        day += timedelta(days=1)
    return ticks or [(start, f"{local_start.day}.{local_start.month}.")]


def describe(
    points: Sequence[PlacedPoint],
    *,
    tz: tzinfo,
    bands: Sequence[ChartBand] = (),
    threshold: ChartThreshold | None = None,
) -> str:
    """The chart in words, for <desc>: how many points, the span, the first, latest, highest value."""
    first, last = points[0], points[-1]
    highest = max(points, key=lambda p: (p.value, p.at))

    def with_band(p: PlacedPoint) -> str:
        band = band_of(p.value, bands)
        text = _value(p.value)
        return f"{text} ({band.label})" if band else text

    parts = [
        _("%(n)s målinger fra %(first)s til %(last)s.")
        % {"n": len(points), "first": when_label(first.at, tz), "last": when_label(last.at, tz)}
        if len(points) > 1
        else _("Én måling %(when)s.") % {"when": when_label(first.at, tz)},
        _("Siste verdi %(value)s.") % {"value": with_band(last)},
    ]
    if len(points) > 1:
        parts.append(
            _("Høyeste verdi %(value)s, %(when)s.")
            % {"value": with_band(highest), "when": when_label(highest.at, tz)}
        )
    if threshold is not None:
        above = sum(1 for p in points if p.value >= threshold.value)
        parts.append(
            _("%(label)s: %(n)s av %(total)s målinger på eller over grensen.")
            % {"label": threshold.label, "n": above, "total": len(points)}
        )
    return " ".join(parts)


def band_of(value: float, bands: Sequence[ChartBand]) -> ChartBand | None:
    return next((b for b in bands if b.low <= value <= b.high), None)


def line_chart(
    points: Iterable[tuple[datetime, float]],
    *,
    title: str,
    y_range: tuple[float, float],
    tz: tzinfo,
    bands: Sequence[ChartBand] = (),
    threshold: ChartThreshold | None = None,
    desc: str | None = None,
    empty_message: str | None = None,
    id_prefix: str = "chart",
) -> SafeString:
    """An inline SVG trend chart, or a short paragraph when there are no points. `desc` replaces the
    generated description; `id_prefix` keeps the ids unique when a page has several charts."""
    placed = place(points, y_range=y_range)
    if not placed:
        message = empty_message or _("Ingen målinger ennå.")
        return mark_safe(f'<p class="chart-empty">{_e(message)}</p>')  # noqa: S308 - escaped above
    plot = Plot(placed[0].at, placed[-1].at, y_range)
    low, high = y_range
    description = desc if desc is not None else describe(placed, tz=tz, bands=bands, threshold=threshold)
    title_id, desc_id = f"{id_prefix}-title", f"{id_prefix}-desc"
    out = [
        f'<svg class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" width="100%" role="img" '
        f'aria-labelledby="{_e(title_id)} {_e(desc_id)}" focusable="false" '
        f'xmlns="http://www.w3.org/2000/svg" font-size="{FONT}">',
        f'<title id="{_e(title_id)}">{_e(title)}</title>',
        f'<desc id="{_e(desc_id)}">{_e(description)}</desc>',
    ]
    # Bands behind everything, each with its name at the right edge when there is room.
    left, right = LEFT, WIDTH - RIGHT
    for band in bands:
        if band.high < low or band.low > high:
            continue
        # A band of whole-number scores from 8 to 14 covers 7.5 to 14.5 on the axis, so bands meet.
        top = plot.y(min(band.high + 0.5, high)) if band.high < high else plot.y(high)
        bottom = plot.y(max(band.low - 0.5, low)) if band.low > low else plot.y(low)
        out.append(
            f'<rect class="chart-band chart-band--{band.tone}" x="{left}" y="{_fmt(top)}" '
            f'width="{right - left}" height="{_fmt(bottom - top)}"><title>{_e(band.label)}</title></rect>'
        )
    # The y axis: labels at the range ends and where each band starts.
    ticks = sorted({low, high} | {b.low for b in bands if low < b.low < high})
    for value in ticks:
        y = plot.y(value)
        out.append(f'<line class="chart-grid" x1="{left}" x2="{right}" y1="{_fmt(y)}" y2="{_fmt(y)}"/>')
        out.append(
            f'<text class="chart-label" x="{left - 4}" y="{_fmt(y + FONT / 3)}" '
            f'text-anchor="end">{_e(_value(value))}</text>'
        )
    out.append(
        f'<line class="chart-axis" x1="{left}" x2="{left}" y1="{plot.y1}" y2="{plot.y0}"/>'
        f'<line class="chart-axis" x1="{left}" x2="{right}" y1="{plot.y0}" y2="{plot.y0}"/>'
    )
    for at, label in time_ticks(placed[0].at, placed[-1].at, tz):
        x = plot.x(at)
        out.append(
            f'<line class="chart-tick" x1="{_fmt(x)}" x2="{_fmt(x)}" y1="{plot.y0}" y2="{plot.y0 + 4}"/>'
        )
        out.append(
            f'<text class="chart-label" x="{_fmt(x)}" y="{plot.y0 + 4 + FONT}" '
            f'text-anchor="middle">{_e(label)}</text>'
        )
    if threshold is not None and low <= threshold.value <= high:
        y = plot.y(threshold.value)
        out.append(
            f'<line class="chart-threshold" x1="{left}" x2="{right}" y1="{_fmt(y)}" y2="{_fmt(y)}"/>'
            f'<text class="chart-threshold-label" x="{right - 2}" y="{_fmt(y - 3)}" '
            f'text-anchor="end">{_e(threshold.label)}</text>'
        )
    if len(placed) > 1:
        coords = " ".join(f"{_fmt(p.x)},{_fmt(p.y)}" for p in placed)
        out.append(f'<polyline class="chart-line" fill="none" points="{coords}"/>')
    for p in placed:
        around = band_of(p.value, bands)
        tone = f" chart-point--{around.tone}" if around else ""
        what = f"{when_label(p.at, tz)}: {_value(p.value)}" + (f" ({around.label})" if around else "")
        out.append(
            f'<circle class="chart-point{tone}" cx="{_fmt(p.x)}" cy="{_fmt(p.y)}" r="4">'
            f"<title>{_e(what)}</title></circle>"
        )
    out.append("</svg>")
    return mark_safe("".join(out))  # noqa: S308 - every text and attribute above is escaped


# --- Day marks: one cell per calendar day (e.g. days with and without use) -------------------------------
# Added for the daily check-in (forlop/care/checkin); line_chart above is unchanged.


@dataclass(frozen=True)
class DayMark:
    """One calendar day: `tone` (one of TONES) colours a day with something recorded; None is a day with
    nothing recorded (drawn as an empty outline). `label` says what the day was, in words."""

    day: date
    tone: str | None
    label: str

    def __post_init__(self) -> None:
        if self.tone is not None and self.tone not in TONES:
            raise ValueError(f"unknown tone {self.tone!r}; use one of {TONES}")


DAY_CELL_MAX = 24
DAY_CELL_HEIGHT = 40


def day_chart(
    marks: Sequence[DayMark],
    *,
    title: str,
    desc: str,
    empty_message: str | None = None,
    id_prefix: str = "chart-days",
) -> SafeString:
    """An inline SVG row of day cells, oldest left, with date labels under up to MAX_TICKS of them. `desc`
    says in words what the row shows (e.g. "12 dager med innsjekk, 2 med bruk"); the page shows the same in a
    table."""
    ordered = sorted(marks, key=lambda m: m.day)
    if not ordered:
        message = empty_message or _("Ingen dager å vise ennå.")
        return mark_safe(f'<p class="chart-empty">{_e(message)}</p>')  # noqa: S308 - escaped
    left, right = LEFT, WIDTH - RIGHT
    cell = min(DAY_CELL_MAX, (right - left) / len(ordered))
    top = TOP + 8
    height = top + DAY_CELL_HEIGHT + 8 + FONT + 4
    title_id, desc_id = f"{id_prefix}-title", f"{id_prefix}-desc"
    out = [
        f'<svg class="chart chart--days" viewBox="0 0 {WIDTH} {_fmt(height)}" width="100%" role="img" '
        f'aria-labelledby="{_e(title_id)} {_e(desc_id)}" focusable="false" '
        f'xmlns="http://www.w3.org/2000/svg" font-size="{FONT}">',
        f'<title id="{_e(title_id)}">{_e(title)}</title>',
        f'<desc id="{_e(desc_id)}">{_e(desc)}</desc>',
    ]
    span = (ordered[-1].day - ordered[0].day).days
    step = next((d for d in _DAY_STEPS if span / d <= MAX_TICKS - 1), _DAY_STEPS[-1])
    for n, mark in enumerate(ordered):
        x = left + n * cell
        kind = f"chart-day--{mark.tone}" if mark.tone else "chart-day--none"
        out.append(
            f'<rect class="chart-day {kind}" x="{_fmt(x + 1)}" y="{top}" width="{_fmt(max(cell - 2, 1))}" '
            f'height="{DAY_CELL_HEIGHT}" rx="2"><title>{_e(f"{mark.day.day}.{mark.day.month}.: {mark.label}")}'
            "</title></rect>"
        )
        if (mark.day - ordered[0].day).days % step == 0:
            out.append(
                f'<text class="chart-label" x="{_fmt(x + cell / 2)}" y="{_fmt(top + DAY_CELL_HEIGHT + 8 + FONT)}" '
                f'text-anchor="middle">{_e(f"{mark.day.day}.{mark.day.month}.")}</text>'
            )
    out.append("</svg>")
    return mark_safe("".join(out))  # noqa: S308 - every text and attribute above is escaped
