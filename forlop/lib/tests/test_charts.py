"""The server-drawn trend chart: points in time order, bands and threshold present, a title and a description
for screen readers, colours only through CSS classes, escaped text, and a message instead of an empty chart."""

import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from forlop.lib.charts import ChartBand, ChartThreshold, line_chart, place, time_ticks

OSLO = ZoneInfo("Europe/Oslo")
T0 = datetime(2026, 3, 2, 6, 0, tzinfo=ZoneInfo("UTC"))  # 07:00 in Oslo
BANDS = [
    ChartBand(0, 7, "Lette", "calm"),
    ChartBand(8, 14, "Moderate", "warn"),
    ChartBand(15, 67, "Alvorlige", "danger"),
]


def chart(points, **kwargs):
    defaults = {"title": "CIWA-Ar over tid", "y_range": (0, 67), "tz": OSLO, "bands": BANDS}
    return str(line_chart(points, **(defaults | kwargs)))


def circles(svg: str) -> list[tuple[float, float]]:
    return [(float(x), float(y)) for x, y in re.findall(r'<circle[^>]*cx="([\d.]+)" cy="([\d.]+)"', svg)]


def test_it_places_the_points_in_time_order_left_to_right_whatever_order_they_come_in():
    points = [(T0 + timedelta(hours=h), v) for h, v in [(4, 10), (0, 20), (8, 3), (2, 16)]]
    placed = place(points, y_range=(0, 67))
    assert [p.value for p in placed] == [20, 16, 10, 3]
    xs = [p.x for p in placed]
    assert xs == sorted(xs) and len(set(xs)) == 4
    # A higher value is higher up (smaller y in SVG).
    ys = [p.y for p in placed]
    assert ys[0] < ys[1] < ys[2] < ys[3]
    svg = chart(points)
    assert [c[0] for c in circles(svg)] == sorted(c[0] for c in circles(svg))
    assert re.search(r'<polyline class="chart-line"', svg)


def test_time_is_proportional_on_the_x_axis():
    placed = place([(T0, 1), (T0 + timedelta(hours=1), 1), (T0 + timedelta(hours=4), 1)], y_range=(0, 10))
    first, second, last = (p.x for p in placed)
    assert second - first == pytest.approx((last - first) / 4)


def test_it_draws_every_band_with_its_tone_class_and_the_threshold_line():
    svg = chart([(T0, 5), (T0 + timedelta(hours=2), 17)], threshold=ChartThreshold(15, "Grense 15"))
    for tone, label in [("calm", "Lette"), ("warn", "Moderate"), ("danger", "Alvorlige")]:
        assert re.search(rf'<rect class="chart-band chart-band--{tone}"[^>]*><title>{label}</title>', svg)
    assert '<line class="chart-threshold"' in svg and "Grense 15" in svg
    assert 'class="chart-point chart-point--danger"' in svg  # the 17 is in the severe band


def test_the_bands_meet_without_gaps_and_fill_the_y_range():
    svg = chart([(T0, 5)])
    rects = [
        (float(y), float(h))
        for y, h in re.findall(
            r'<rect class="chart-band[^"]*" x="[\d.]+" y="([\d.]+)" width="[\d.]+" height="([\d.]+)"', svg
        )
    ]
    rects.sort()
    for (y1, h1), (y2, _h2) in zip(rects, rects[1:], strict=False):
        assert y1 + h1 == pytest.approx(y2, abs=0.11)
    point = place([(T0, 67)], y_range=(0, 67))[0]
    assert rects[0][0] == pytest.approx(point.y, abs=0.11)


def test_it_is_an_image_with_a_title_and_a_description_in_words():
    svg = chart(
        [(T0, 5), (T0 + timedelta(hours=2), 17)], threshold=ChartThreshold(15, "Grense 15"), id_prefix="c1"
    )
    assert 'role="img"' in svg and 'aria-labelledby="c1-title c1-desc"' in svg
    assert '<title id="c1-title">CIWA-Ar over tid</title>' in svg
    desc = re.search(r'<desc id="c1-desc">(.*?)</desc>', svg).group(1)
    assert "2 målinger fra 2.3.2026 kl. 07:00 til 2.3.2026 kl. 09:00" in desc
    assert "Siste verdi 17 (Alvorlige)" in desc
    assert "Grense 15: 1 av 2 målinger på eller over grensen" in desc


def test_the_time_axis_is_in_the_time_zone_passed_in():
    svg = chart([(T0, 5), (T0 + timedelta(hours=4), 6)])
    labels = re.findall(r'<text class="chart-label"[^>]*text-anchor="middle">([^<]+)</text>', svg)
    assert labels and labels[0] in {"07:00", "08:00"}
    utc = chart([(T0, 5), (T0 + timedelta(hours=4), 6)], tz=ZoneInfo("UTC"))
    assert "06:00" in re.findall(r'text-anchor="middle">([^<]+)<', utc)


def test_over_several_days_the_axis_shows_dates():
    ticks = time_ticks(T0, T0 + timedelta(days=6), OSLO)
    assert 1 <= len(ticks) <= 5
    assert all(re.fullmatch(r"\d+\.\d+\.", label) for _at, label in ticks)


def test_one_point_is_drawn_in_the_middle_with_its_date():
    svg = chart([(T0, 9)])
    assert len(circles(svg)) == 1
    assert "<polyline" not in svg
    assert "Én måling 2.3.2026 kl. 07:00" in svg


def test_an_empty_series_says_so_instead_of_drawing():
    assert (
        str(line_chart([], title="x", y_range=(0, 10), tz=OSLO))
        == '<p class="chart-empty">Ingen målinger ennå.</p>'
    )
    assert "Ingen COWS" in str(
        line_chart([], title="x", y_range=(0, 48), tz=OSLO, empty_message="Ingen COWS ennå.")
    )


def test_colours_come_only_from_css_classes_and_no_script_is_included():
    svg = chart([(T0, 5), (T0 + timedelta(hours=1), 20)], threshold=ChartThreshold(15, "Grense"))
    assert "<script" not in svg and "style=" not in svg
    assert not re.search(r'(fill|stroke)="(?!none)', svg)
    assert not re.search(r"#[0-9a-fA-F]{3,6}\b", svg)
    assert 'viewBox="0 0 ' in svg and 'width="100%"' in svg


def test_text_is_escaped():
    svg = chart([(T0, 5)], title='<b>"x"</b>', bands=[ChartBand(0, 67, "A & B <i>", "calm")])
    assert "<b>" not in svg and "&lt;b&gt;&quot;x&quot;&lt;/b&gt;" in svg and "A &amp; B &lt;i&gt;" in svg


def test_values_outside_the_y_range_are_kept_inside_the_drawing():
    placed = place([(T0, -5), (T0 + timedelta(hours=1), 99)], y_range=(0, 67))
    top, bottom = place([(T0, 67)], y_range=(0, 67))[0].y, place([(T0, 0)], y_range=(0, 67))[0].y
    assert placed[0].y == bottom and placed[1].y == top


def test_it_refuses_naive_times_an_empty_y_range_and_an_unknown_tone():
    with pytest.raises(ValueError, match="timezone-aware"):
        line_chart([(datetime(2026, 3, 2, 7), 1)], title="x", y_range=(0, 10), tz=OSLO)  # noqa: DTZ001
    with pytest.raises(ValueError, match="y_range"):
        line_chart([(T0, 1)], title="x", y_range=(5, 5), tz=OSLO)
    with pytest.raises(ValueError, match="tone"):
        ChartBand(0, 1, "x", "purple")


def test_it_works_for_other_series_too_without_bands_or_threshold():
    # Issue 14 draws craving (0-10) with it.
    svg = str(
        line_chart(
            [(T0 + timedelta(days=d), d % 10) for d in range(30)], title="Sug", y_range=(0, 10), tz=OSLO
        )
    )
    assert svg.count("<circle") == 30 and "chart-band" not in svg and "chart-threshold" not in svg
