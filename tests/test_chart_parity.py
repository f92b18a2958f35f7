"""Parity: for every chart kind, the notebook figure (matplotlib) and the widget chart (HTML/SVG)
drawn from one description show the same title, axis labels, series, legend entries with their
second cue, and sources, and say the same thing when there is nothing to draw."""

import matplotlib.pyplot as plt
import pytest

from ipm_lib import charts, data, mpl_render, pathway, rows, style, trajectory, webchart

from .chart_reading import flat, read_figure, read_html


@pytest.fixture(autouse=True)
def normal_mode():
    style.lecture_mode(False)
    yield
    style.lecture_mode(False)
    plt.close("all")


def cohort(policy: str):
    params = pathway.PathwayParams(policy=policy, n_patients=200)
    result, times = pathway.simulate(params)
    return result, pathway.cumulative_procedures(times, params.horizon_months)


DESCRIPTIONS = {
    "icons": lambda: charts.icons(
        {"With": (12.0, 5.0, 20.0), "Without": 3.0},
        100,
        10,
        "Infection",
        ["blackburn2021_complications"],
        "infected",
    ),
    "comparison": lambda: charts.comparison(
        rows.complication_rows(["esi_transforaminal", "scs_implant", "medial_branch_block"]),
        "per 1,000",
    ),
    "trajectory": lambda: charts.trajectory(
        {"expected": trajectory.pain_curve(), "slower": trajectory.pain_curve(onset_days=14)},
        7.0,
        trajectory.pain_diary(trajectory.pain_curve()),
    ),
    "pathway": lambda: charts.pathway(
        {"single": cohort("single"), "repeat": cohort("repeat_on_return")}, 8
    ),
    "forest": lambda: charts.forest(
        ["c_o05", "mint_facet_pain_3mo", "mint_si_pain_3mo", "c_o25", "chou_pain_immediate"]
    ),
    "cost": lambda: charts.comparison(
        rows.cost_rows(["rfa_lumbar_medial_branch", "scs_implant", "esi_transforaminal"])
    ),
}
EMPTY = {
    "icons": lambda: charts.icons({}, 100, 10),
    "comparison": lambda: charts.comparison(rows.relief_rows(["esi_transforaminal"])),
    "trajectory": lambda: charts.trajectory({}, 7.0),
    "pathway": lambda: charts.pathway({}, 8),
    "forest": lambda: charts.forest(["c_o01"]),  # a proportion: no effect with an interval
    "cost": lambda: charts.comparison(rows.cost_rows(["medial_branch_block"])),
}


def both(description):
    fig = mpl_render.draw(description)
    handles = None
    if isinstance(description, charts.PathwayChart):  # the legend shows a line and a bar per key
        handles = {flat(s.key.label): s.key for s in description.scenarios}
    return read_figure(fig), read_html(webchart.draw(description)), handles


@pytest.mark.parametrize("kind", DESCRIPTIONS)
def test_both_renderers_show_the_same_chart(kind):
    description = DESCRIPTIONS[kind]()
    assert not description.empty
    shown, page, _ = both(description)
    # title
    assert flat(description.title) in shown["titles"]
    assert page["title"] == flat(description.title)
    # axis labels, and for forest plots the sides each favours
    assert shown["xlabels"] == page["xlabels"]
    assert bool(shown["xlabels"]) == (kind != "icons")  # icon arrays have no axes
    assert shown["ylabels"] == page["ylabels"]
    assert shown["favours"] == page["favours"]
    # the series: one labelled row per line (line charts), the same in the same order
    if isinstance(description, charts.LinesChart):
        expected = [flat(ln.label) for p in description.panels for ln in p.lines]
        assert shown["rows"] == page["rows"] == expected
    # legend entries with their second cue
    legend = description.legend
    if kind != "pathway":
        assert shown["legend"] == page["legend"]
    assert [label for label, _ in page["legend"]] == [flat(k.label) for k in legend]
    # sources (and note): the same caption
    assert shown["caption"] == page["caption"]
    for source_id in description.sources:
        assert flat(data.short_citation(source_id)) in page["caption"]


def test_the_cohort_legend_shows_each_scenarios_dash_and_hatch_in_both():
    description = DESCRIPTIONS["pathway"]()
    fig = mpl_render.draw(description)
    page = read_html(webchart.draw(description))
    left, right = fig.axes[:2]
    for i, scenario in enumerate(description.scenarios):
        cues = dict(page["legend"][i][1])
        hatch = {} if scenario.key.hatch == "none" else {"hatch": scenario.key.hatch}
        assert cues == {"dash": scenario.key.dash, **hatch}
        assert left.get_lines()[i].get_linestyle() == scenario.key.dash
        bars = right.containers[i]
        assert bars.get_label() == scenario.key.label
        assert {b.get_hatch() or "" for b in bars} == {style.HATCHES[i]}


def test_forest_plot_panels_explain_their_scale_and_draw_the_sourced_difference():
    description = DESCRIPTIONS["forest"]()
    scales = [p.scale for p in description.panels]
    assert any("0-10 scale" in s for s in scales) and any("0-100 scale" in s for s in scales)
    mcid = data.load("thresholds").set_index("threshold_id").loc["farrar_raw_2pt"]
    assert mcid["value"] == 2 and "0-10" in mcid["unit"]
    by_scale = {p.scale: p for p in description.panels}
    ten = next(p for s, p in by_scale.items() if "0-10 scale" in s)
    hundred = next(p for s, p in by_scale.items() if "0-100 scale" in s)
    assert ten.threshold == (-2.0,) and hundred.threshold == (-20.0,)
    assert ten.favours == ("favours the procedure", "favours the comparator")
    ratio = next(p for p in description.panels if p.log)
    assert ratio.threshold == () and ratio.favours[1] == "favours the procedure"
    assert "farrar2001_pain" in description.sources
    shown, page, _ = both(description)
    for panel in (ten, hundred):
        assert flat(panel.threshold_label) in shown["texts"]
        assert flat(panel.threshold_label) in page["all"]
        assert flat(panel.scale) in shown["titles"] and flat(panel.scale) in page["all"]


@pytest.mark.parametrize("kind", EMPTY)
def test_both_renderers_refuse_empty_input_with_the_same_message(kind):
    description = EMPTY[kind]()
    assert description.empty
    shown, page, _ = both(description)
    assert shown["texts"] == [flat(description.empty)]
    assert flat(description.empty) in page["all"]


def test_a_procedure_looks_the_same_in_every_chart_as_its_table_row_says():
    table = data.load("chart_styles").query("applies_to == 'procedure'").set_index("style_id")
    ids = data.load("procedures").set_index("name")["procedure_id"]
    seen = 0
    for description in (
        DESCRIPTIONS["comparison"](),
        DESCRIPTIONS["cost"](),
        charts.comparison(rows.relief_rows(["scs_implant", "medial_branch_block"])),
    ):
        for key in description.legend:
            row = table.loc[ids[key.label]]
            assert (key.colour, key.marker) == (style.OKABE_ITO[row["colour"]], row["marker"])
            seen += 1
    assert seen >= 6


def test_a_comparison_names_the_procedures_without_a_figure():
    description = charts.comparison(rows.relief_rows(["esi_transforaminal", "medial_branch_block"]))
    names = data.load("procedures").set_index("procedure_id")["name"]
    assert description.missing == (names["esi_transforaminal"],)
    page = read_html(webchart.draw(description))
    fig = read_figure(mpl_render.draw(description))
    said = flat(f"No figure for: {names['esi_transforaminal']}.")
    assert said in page["caption"] and said in fig["caption"]
