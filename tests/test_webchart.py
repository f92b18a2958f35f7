"""HTML range charts (widgets): every line drawn where its figures say, said in words, escaped."""

import itertools
import math
import re

import numpy as np
import pandas as pd
import pytest

from ipm_lib import data, pathway, plots, style, svg, trajectory, webchart


@pytest.fixture(autouse=True)
def normal_size():
    yield
    style.lecture_mode(False)


def rows(values, lows=None, highs=None, labels=None, **extra) -> plots.RangeRows:
    n = len(values)
    frame = pd.DataFrame({
        "label": labels or [f"line {i}" for i in range(n)],
        "value": values,
        "low": lows or [np.nan] * n,
        "high": highs or [np.nan] * n,
        "source_id": ["farrar2001_pain"] * n,
        **extra,
    })  # fmt: skip
    return plots.RangeRows(
        frame, title="A title", xlabel="per 1,000 (log scale)", log=True, note="A note."
    )


def lines(page: str) -> list[str]:
    return re.findall(r'<svg width="\d+" height="\d+" role="img".*?</svg>', page)


def marker_x(line: str) -> float:
    found = re.search(r'<circle cx="([\d.]+)"', line)
    return float(found.group(1))


def test_each_line_sits_where_its_figure_says_on_a_log_axis():
    chart = rows([1.0, 10.0, 100.0])
    page = webchart.range_html(chart)
    xs = [marker_x(line) for line in lines(page)]
    assert len(xs) == 3
    # equal ratios give equal distances on a log axis, and the order is kept
    assert xs[0] < xs[1] < xs[2]
    assert math.isclose(xs[1] - xs[0], xs[2] - xs[1], abs_tol=0.2)
    # all inside the drawing, with the margin
    size = webchart.SIZES[False]
    assert all(size["pad"] <= x <= size["width"] - size["pad"] for x in xs)


def test_a_zero_is_an_open_marker_at_the_floor_and_a_range_alone_is_a_bar():
    chart = rows(
        [0.0, 3.0, np.nan, np.nan],
        lows=[np.nan, np.nan, 2.0, np.nan],
        highs=[np.nan, np.nan, 8.0, np.nan],
    )
    zero, three, range_only, nothing = lines(webchart.range_html(chart))
    assert 'fill="white"' in zero and marker_x(zero) < marker_x(three)
    assert 'fill="white"' not in three
    assert "<circle" not in range_only and 'stroke-opacity="0.45"' in range_only
    assert "no figure" in nothing
    # the words say the figures a reader needs, with the unit
    chart_per = webchart.range_html(chart, unit="per 1,000")
    assert 'aria-label="line 0: 0 per 1,000"' in chart_per
    assert 'aria-label="line 2: range 2 per 1,000 to 8 per 1,000"' in chart_per


def test_labels_titles_and_captions_are_escaped():
    page = webchart.range_html(rows([1.0], labels=["<b>risk</b> & more"]))
    assert "<b>risk</b>" not in page and "&lt;b&gt;risk&lt;/b&gt; &amp; more" in page
    assert "A note." in page and "Sources: Farrar JT et al. (2001)" in page


def test_groups_get_a_legend_and_their_own_colour_and_marker():
    chart = rows([1.0, 2.0], group=["Procedure A", "Procedure B"])
    page = webchart.range_html(chart)
    first, second = lines(page)
    assert style.color(0) in first and style.color(1) in second
    assert "<circle" in first and "<rect" in second  # marker shapes differ, not only colours
    assert page.index("Procedure A") < page.index("line 0")  # the legend comes before the lines


def test_panels_get_one_axis_each_named_by_the_panel():
    chart = rows([100.0, 200.0, 5000.0], panel=["USD", "USD", "GBP"])
    chart = plots.RangeRows(chart.frame, title="Costs", xlabel="{panel} (log scale)", log=True)
    page = webchart.range_html(chart)
    assert page.count("<table") == 2
    assert "USD (log scale)" in page and "GBP (log scale)" in page
    assert "5,000 GBP" in page  # each figure said with its currency


def test_lecture_mode_is_larger():
    chart = rows([1.0, 10.0])
    normal = webchart.range_html(chart)
    style.lecture_mode(True)
    big = webchart.range_html(chart)
    size = lambda page: int(re.search(r"font-size:(\d+)px", page).group(1))  # noqa: E731
    width = lambda page: int(re.search(r'<svg width="(\d+)"', page).group(1))  # noqa: E731
    assert size(big) > size(normal) and width(big) > width(normal)


@pytest.mark.parametrize("lecture", [False, True])
def test_named_ticks_are_all_shown_without_overlapping(lecture):
    style.lecture_mode(lecture)
    size = webchart.SIZES[lecture]
    chart = plots.relief_rows()
    values = pd.concat([chart.frame[c] for c in ("value", "low", "high")])
    scale = svg.Scale(values, True, size["width"], size["pad"], chart.ticks)
    placed = svg.placed_ticks(scale, 0.9 * size["font"])
    assert [name for name, *_ in placed] == [name for name, _ in chart.ticks]  # none dropped here
    for row in (0, 1):
        spans = sorted((scale.x(v) - len(n) * 0.27 * size["font"], scale.x(v) + len(n) * 0.27 * size["font"])
                       for n, v, r in placed if r == row)  # fmt: skip
        assert all(a[1] < b[0] for a, b in zip(spans, spans[1:], strict=False))


def test_the_widget_chart_draws_the_same_lines_as_the_notebook_figure():
    chart = plots.complication_rows(["esi_transforaminal"])
    page = webchart.range_html(chart)
    figure = plots.draw_rows(chart)
    ticks = [t.get_text().replace("\n", " ") for t in figure.axes[0].get_yticklabels()]
    said = [re.search(r'aria-label="([^"]*?):', line).group(1) for line in lines(page)]
    assert len(said) == len(ticks) == len(chart.frame)
    assert [s.replace("&amp;", "&") for s in said] == list(chart.frame["label"])


@pytest.mark.parametrize(
    ("value", "text"), [(12500.0, "12,500"), (3.8, "3.8"), (0.004791, "0.004791"), (250.0, "250")]
)
def test_numbers_read_plainly(value, text):
    assert webchart.number(value) == text


@pytest.mark.parametrize(
    ("months", "text"),
    [
        (0.02245, "16 hours"),
        (0.25, "7.6 days"),
        (1.5, "6.5 weeks"),
        (15.0, "15 months"),
        (30.0, "2.5 years"),
    ],
)
def test_durations_are_said_in_a_fitting_unit(months, text):
    assert plots.duration_words(months) == text


def squares(panel: str) -> dict[str, int]:
    """Squares per fill, from the one path per look (each square one closed 'M x y h v h z')."""
    counts = {}
    for fill, d in re.findall(r'<path fill="([^"]+)"[^>]* d="([^"]*)"/>', panel):
        n = len(re.findall(r"M[\d.]+ [\d.]+h\d+v\d+h-\d+z", d))
        assert n == d.count("M"), "every subpath is one square"
        counts[fill] = counts.get(fill, 0) + n
    return counts


def panels(page: str) -> list[str]:
    return re.findall(r'<svg width="\d+" height="\d+" role="img".*?</svg>', page)


def test_icon_array_fills_as_many_squares_as_the_figure_says():
    page = webchart.icon_html({"With": 48.0, "Without": 9.4}, 100, 10, "#0072B2", "responders")
    first, second = panels(page)
    assert squares(first) == {"#0072B2": 48, style.NEUTRAL: 52}
    assert squares(second) == {"#0072B2": 9, style.NEUTRAL: 91}  # rounded as plots.icon_array does
    # whole people: 9.4 in 100 is said as about 9, never as a fraction of a person
    assert "48 in 100 responders" in page and "about 9 in 100 responders" in page
    assert "9.4" not in page
    assert (
        'aria-label="With: 48 in 100 responders"' in first
    )  # a screen reader hears name and figure
    # filled from the top row, left to right
    assert re.search(r'<path fill="#0072B2" d="M1 1h', first)


def test_icon_array_ranges_are_hatched_and_explained():
    page = webchart.icon_html({"A": (5.0, 2.0, 9.0)}, 100, 10, "#D55E00", "infected")
    (panel,) = panels(page)
    counts = squares(panel)
    assert counts["#D55E00"] == 2 and counts["url(#ipm-hatch-dots-D55E00)"] == 3
    assert counts["url(#ipm-hatch-diagonal-light-D55E00)"] == 4 and counts[style.NEUTRAL] == 91
    assert "more at the upper end of the range" in page and "(range: 2 in 100 to 9 in 100)" in page


def test_icon_array_refuses_impossible_values_and_escapes_names():
    with pytest.raises(ValueError, match="outside 0-100"):
        webchart.icon_html({"A": 120.0}, 100)
    page = webchart.icon_html({"<i>A</i> & B": 1.0}, 100)
    assert "<i>A</i>" not in page and "&lt;i&gt;A&lt;/i&gt; &amp; B" in page


def test_charts_bring_their_own_background_and_text_colour():
    # a dark notebook theme styles tables with light text and dark stripes: the chart must not inherit them
    for page in (webchart.range_html(rows([1.0, 2.0, 3.0])), webchart.icon_html({"A": 1.0}, 100)):
        assert ".ipm-chart{display:inline-block;background:#fff;" in page
        assert '<div class="ipm-chart"' in page
    table = webchart.range_html(rows([1.0, 2.0, 3.0]))
    assert re.findall(r'<tr( class="ipm-odd")?><td class="ipm-label">', table)[:3] == [
        "",
        ' class="ipm-odd"',
        "",
    ]
    assert ".ipm-rows tr{background:#fff}.ipm-rows tr.ipm-odd{background:#f3f3f3}" in table
    assert "color:#111" in re.search(r"\.ipm-rows\{[^}]*\}", table).group(0)


def test_icon_arrays_of_1000_use_smaller_squares_that_grow_for_a_lecture():
    assert re.search(
        r'<svg width="400" height="250" role="img"', webchart.icon_html({"A": 3.0}, 1000, 40)
    )
    assert re.search(
        r'<svg width="140" height="140" role="img"', webchart.icon_html({"A": 3.0}, 100, 10)
    )
    style.lecture_mode(True)
    try:
        assert re.search(
            r'<svg width="560" height="350" role="img"', webchart.icon_html({"A": 3.0}, 1000, 40)
        )
    finally:
        style.lecture_mode(False)


def polyline(page: str) -> list[tuple[float, float]]:
    (points,) = re.findall(r'<polyline points="([^"]+)"', page)
    return [tuple(map(float, xy.split(","))) for xy in points.split()]


def test_pain_chart_draws_every_day_every_diary_score_and_the_sourced_thresholds():
    curve = trajectory.pain_curve(baseline=7, relief_pct=40, duration_days=120, flare_rise=1.0)
    diary = trajectory.pain_diary(curve)
    page = webchart.trajectory_html({"expected course": curve}, 7.0, diary)
    points = polyline(page)
    assert len(points) == len(curve)
    # x follows the day, y the pain (higher pain, higher up: smaller y)
    assert [x for x, _ in points] == sorted(x for x, _ in points)
    ys = [y for _, y in sorted(zip(curve["pain"], (y for _, y in points), strict=True))]
    assert all(a >= b for a, b in itertools.pairwise(ys)) and ys[0] > ys[-1]
    # a circle per diary score, and a key in the legend
    assert page.count('r="3.5"') == len(diary) and "diary score (synthetic)" in page
    thr = trajectory.thresholds()
    for pct in thr.loc[["immpact_moderate", "immpact_substantial"], "value"]:
        assert f"{pct:g}% below baseline" in page
    # baseline, then the 30% and the 50% lines below it (larger y)
    levels = [
        float(v)
        for v in re.findall(
            r'<line x1="[\d.]+" y1="([\d.]+)" x2="[\d.]+" y2="\1" stroke="#(?:888888|444444)"', page
        )
    ]
    assert len(levels) == 3 and levels == sorted(levels)
    assert data.short_citation("dworkin2008_immpact") in page


def test_pain_chart_names_its_curves_safely_and_grows_for_a_lecture():
    curve = trajectory.pain_curve(baseline=7, relief_pct=40)
    page = webchart.trajectory_html({"<b>A</b>": curve, "B": curve}, 7.0)
    assert "&lt;b&gt;A&lt;/b&gt;" in page and "<b>A</b>" not in page
    assert len(re.findall("<polyline", page)) == 2 and 'r="3.5"' not in page  # no diary, no circles
    normal = int(re.search(r'<svg width="(\d+)" height="\d+" role="img"', page).group(1))
    style.lecture_mode(True)
    try:
        page = webchart.trajectory_html({"A": curve}, 7.0)
    finally:
        style.lecture_mode(False)
    assert int(re.search(r'<svg width="(\d+)" height="\d+" role="img"', page).group(1)) > normal


def cohort(policy: str, rate: float = 0.5):
    params = pathway.PathwayParams(response_rate=rate, policy=policy, n_patients=300)
    result, times = pathway.simulate(params)
    return result, pathway.cumulative_procedures(times, params.horizon_months)


def test_cohort_chart_draws_each_month_and_a_bar_per_share_of_patients():
    result, cumulative = cohort("stop_after_failure")
    page = webchart.pathway_html({"stop": (result, cumulative)}, 8)
    assert len(polyline(page)) == len(cumulative)
    shares = result["procedures"].value_counts(normalize=True) * 100
    bars = re.findall(
        r'<rect x="[\d.]+" y="([\d.]+)" width="[\d.]+" height="([\d.]+)" fill="[^"]+" data-hatch="\w+"><title>stop: (\d+)% had (\d+)</title>',
        page,
    )
    assert sorted(int(n) for *_, n in bars) == sorted(shares.index)
    # taller bars for larger shares, from one baseline
    heights = {int(n): float(h) for _, h, _, n in bars}
    order = shares.sort_values().index
    assert [heights[n] for n in order] == sorted(heights.values())
    assert len({round(float(y) + float(h), 1) for y, h, *_ in bars}) == 1
    assert "Simulated cohort (synthetic patients)" in page


def test_cohort_chart_puts_scenarios_side_by_side_and_refuses_what_its_axis_cannot_show():
    page = webchart.pathway_html({"one": cohort("single"), "<many>": cohort("repeat_on_return")}, 8)
    assert (
        len(re.findall("<polyline", page)) == 2 and "&lt;many&gt;" in page and "<many>" not in page
    )
    with pytest.raises(ValueError, match=r"0-2 procedures per patient, got \[3, "):
        webchart.pathway_html({"x": cohort("repeat_on_return", 0.1)}, 2)
    assert "No scenario to show." in webchart.pathway_html({}, 8)
