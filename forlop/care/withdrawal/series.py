"""One instrument's series in a course, as the staff page and the person's progress page show it: the chart
(forlop.lib.charts) with the scale's bands and threshold, and the table rows newest first."""

from dataclasses import dataclass

from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from forlop.care.scales import SCALES, Band, ScaleDefinition, ScaleKind
from forlop.lib import charts
from forlop.lib.timezones import OSLO

from .models import ScaleEntry

# The tone of a band by its rank, for a scale with 2, 3 or 5 bands (lowest first).
TONES: dict[int, tuple[str, ...]] = {
    2: ("calm", "danger"),
    3: ("calm", "warn", "danger"),
    4: ("calm", "warn", "danger", "severe"),
    5: ("calm", "neutral", "warn", "danger", "severe"),
}


def tone_of(band: Band, definition: ScaleDefinition) -> str:
    return TONES[len(definition.bands)][band.rank]


def chart_bands(definition: ScaleDefinition) -> list[charts.ChartBand]:
    return [charts.ChartBand(b.low, b.high, str(b.label), tone_of(b, definition)) for b in definition.bands]


@dataclass
class Row:
    entry: ScaleEntry
    band: Band | None
    tone: str
    answers: list[tuple[int, int]]  # (item number, score)


@dataclass
class Series:
    definition: ScaleDefinition
    rows: list[Row]  # newest first, including entries made by mistake
    chart: SafeString


def y_top(definition: ScaleDefinition, values: list[int]) -> int:
    """The top of the y axis: the scale's maximum would squeeze the usual scores (CIWA-Ar goes to 67) into
    the bottom of the chart, so show twice the threshold, or up to the highest value (to the next 10), never
    above the maximum."""
    highest = max(values, default=0)
    wanted = max(2 * definition.threshold.at_or_above, -(-(highest + 1) // 10) * 10)
    return min(definition.max_total, wanted)


def build_series(entries: list[ScaleEntry], kind: ScaleKind) -> Series:
    definition = SCALES[kind]
    mine = [e for e in entries if e.instrument == kind.value]
    points = [(e.taken_at, e.total) for e in mine if not e.in_error and e.total is not None]
    chart = charts.line_chart(
        points,
        title=_("%(scale)s over tid") % {"scale": definition.short_name},
        y_range=(0, y_top(definition, [v for _at, v in points])),
        tz=OSLO,
        bands=chart_bands(definition),
        threshold=charts.ChartThreshold(
            definition.threshold.at_or_above,
            _("Grense %(limit)s") % {"limit": definition.threshold.at_or_above},
        ),
        empty_message=_("Ingen gyldige %(scale)s-skåringer å vise i grafen.")
        % {"scale": definition.short_name},
        id_prefix=f"chart-{kind.value}",
    )
    rows = []
    for entry in reversed(mine):
        band = entry.band_obj
        rows.append(
            Row(
                entry=entry,
                band=band,
                tone=tone_of(band, definition) if band else "neutral",
                answers=list(zip((i.n for i in definition.items), entry.answers, strict=False)),
            )
        )
    return Series(definition=definition, rows=rows, chart=chart)
