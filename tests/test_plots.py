"""Charts: drawn from the data, captioned with their sources, deterministic, and they leak nothing."""

import io

import matplotlib.pyplot as plt
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from ipm_lib import charts, data, pathway, plots, risk, style, trajectory


@pytest.fixture(autouse=True)
def normal_mode():
    style.lecture_mode(False)
    yield
    style.lecture_mode(False)


def png(fig) -> bytes:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", metadata={"Software": None})
    return buffer.getvalue()


def caption(fig) -> str:
    return fig._supxlabel.get_text() if fig._supxlabel else ""


CHARTS = {
    "complications": lambda: plots.complications_chart(["esi_transforaminal"]),
    "forest": lambda: plots.forest_plot(["c_o05", "mint_facet_pain_3mo"]),
    "icons": lambda: plots.icon_array(
        {"A": 38, "B": (12, 5, 20)}, source_ids=["blackburn2021_complications"]
    ),
    "relief": lambda: plots.relief_timeline(),
    "costs": lambda: plots.cost_chart(),
    "trajectory": lambda: plots.pain_trajectory_chart({"r": trajectory.pain_curve()}, 7.0),
    "benefit_risk": lambda: plots.benefit_risk_chart(
        "c_o01", {"infection": ("scs_implant", "infection", "blackburn2021_complications")}
    ),
    "prevalence": lambda: plots.prevalence_chart(),
}


@pytest.mark.parametrize("name", CHARTS)
def test_chart_is_a_figure_outside_pyplot_and_deterministic(name):
    before = plt.get_fignums()
    first, second = CHARTS[name](), CHARTS[name]()
    assert isinstance(first, Figure)
    assert plt.get_fignums() == before, "a chart left a pyplot figure open"
    assert png(first) == png(second)


DESCRIPTIONS = {
    "complications": lambda: charts.comparison(plots.complication_rows(["esi_transforaminal"])),
    "forest": lambda: charts.forest(["c_o05", "mint_facet_pain_3mo"]),
    "relief": lambda: charts.comparison(plots.relief_rows()),
    "costs": lambda: charts.comparison(plots.cost_rows()),
    "prevalence": lambda: charts.comparison(plots.prevalence_rows()),
}


@pytest.mark.parametrize("name", DESCRIPTIONS)
def test_caption_lists_the_sources_of_what_was_drawn(name):
    text = caption(CHARTS[name]()).replace("\n", " ")
    assert text.count("Sources:") == 1
    for source_id in DESCRIPTIONS[name]().sources:
        assert data.short_citation(source_id) in text


def test_complications_caption_names_the_rows_drawn_and_nothing_else():
    fig = plots.complications_chart(["scs_implant"], "infection")
    comp = data.load("complications")
    chosen = comp[(comp["procedure_id"] == "scs_implant") & (comp["risk_id"] == "infection")]
    expected = sorted({data.short_citation(s) for s in chosen["source_id"]})
    listed = caption(fig).replace("\n", " ").split("Sources: ")[1]
    assert sorted(listed.split("; ")) == expected


def test_a_chart_keeps_no_private_attribute_on_its_figure():
    fig = plots.complications_chart(["scs_implant"], "infection")
    assert not [name for name in vars(fig) if name.startswith("_ipm")]


def test_lecture_mode_makes_bigger_figures_and_fonts():
    normal = plots.relief_timeline()
    style.lecture_mode(True)
    big = plots.relief_timeline()
    assert big.get_figwidth() > normal.get_figwidth()
    assert big.axes[0].title.get_fontsize() > normal.axes[0].title.get_fontsize()


def test_icon_array_refuses_impossible_values():
    with pytest.raises(ValueError, match="outside"):
        plots.icon_array({"A": 1200})
    with pytest.raises(ValueError, match="within its range"):
        plots.icon_array({"A": (50, 60, 70)})
    with pytest.raises(ValueError, match="100 or 1000"):
        plots.icon_array({"A": 5}, denominator=250)


def test_icon_array_fills_the_right_number_of_squares():
    fig = plots.icon_array({"A": 38, "B": (12, 5, 20)})
    harm = plt.matplotlib.colors.to_rgba(style.HARM)

    def squares(ax):
        return [
            (len(c.get_paths()), tuple(c.get_facecolor()[0]), c.get_hatch()) for c in ax.collections
        ]

    a, b = squares(fig.axes[0]), squares(fig.axes[1])
    assert sum(n for n, _, _ in a) == 1000 and sum(n for n, _, _ in b) == 1000
    assert (38, harm, None) in a or (38, harm, "") in a
    solid_b = [n for n, face, hatch in b if face == harm and not hatch]
    dotted_b = [n for n, face, hatch in b if face == harm and hatch == "...."]
    upper_b = [n for n, _, hatch in b if hatch == "////"]
    assert solid_b == [5] and dotted_b == [7] and upper_b == [8]


def test_icon_array_legend_keys_take_the_chart_colour_and_titles_line_up():
    blue = plt.matplotlib.colors.to_rgba(style.BENEFIT)
    fig = plots.icon_array({"With": (48.0, 30.0, 60.0), "A much longer option name, on two lines": 9.0},
                           100, 10, colour=style.BENEFIT, event_label="responders")  # fmt: skip
    (legend,) = fig.legends
    keys = {t.get_text(): h for t, h in zip(legend.get_texts(), legend.legend_handles, strict=True)}
    assert list(keys) == [
        "responders",
        "more at the estimate",
        "more at the upper end of the range",
        "everyone else",
    ]
    assert keys["more at the estimate"].get_facecolor() == blue  # not the harm colour
    assert keys["more at the upper end of the range"].get_edgecolor() == blue
    first, second = (ax.get_title().count("\n") for ax in fig.axes)
    assert first == second  # padded to the same number of lines, so the squares start level


def test_pain_chart_draws_the_thresholds_relative_to_the_baseline():
    curve = trajectory.pain_curve(4.0, 50.0)
    fig = plots.pain_trajectory_chart({"expected course": curve}, 4.0, trajectory.pain_diary(curve))
    (ax,) = fig.axes
    thr = trajectory.thresholds().loc[["immpact_moderate", "immpact_substantial"], "value"]
    levels = sorted(4.0 * (1 - pct / 100) for pct in thr)
    flat = sorted(
        line.get_ydata()[0]
        for line in ax.lines
        if len(set(line.get_ydata())) == 1 and len(line.get_ydata()) == 2
    )
    assert flat == pytest.approx(sorted([*levels, 4.0]))  # both thresholds and the baseline
    notes = {t.get_text(): t.xy[1] for t in ax.texts}
    assert notes == pytest.approx(
        {f"{pct:g}% below baseline": 4.0 * (1 - pct / 100) for pct in thr}
    )
    assert [h.get_label() for h in ax.get_legend().legend_handles] == [
        "expected course",
        "diary score (synthetic)",
    ]


def test_cohort_chart_draws_a_bar_per_count_that_patients_had():
    params = pathway.PathwayParams(response_rate=0.3, policy="stop_after_failure", n_patients=300)
    result, times = pathway.simulate(params)
    fig = plots.pathway_chart({"stop": (result, pathway.cumulative_procedures(times, 24))})
    left, right = fig.axes
    shares = result["procedures"].value_counts(normalize=True) * 100
    bars = {round(p.get_x() + p.get_width() / 2): p.get_height() for p in right.patches}
    assert bars == pytest.approx(shares.to_dict())
    assert left.get_ylim()[0] == 0 and left.get_ylim()[1] > left.lines[0].get_ydata().max()


def test_dollar_signs_stay_literal():
    assert style.escape("$411-$625") == r"\$411-\$625"


def test_unknown_cost_kind_and_empty_selection():
    with pytest.raises(data.UnknownNameError):
        plots.cost_chart(kind="cheap")
    assert isinstance(plots.icon_array({}), Figure)


def test_pathway_chart_draws_each_scenario():
    p = pathway.PathwayParams(n_patients=50)
    result, times = pathway.simulate(p)
    fig = plots.pathway_chart({"a": (result, pathway.cumulative_procedures(times, 24)),
                               "b": (result, pathway.cumulative_procedures(times, 24))})  # fmt: skip
    assert len(fig.axes[0].lines) == 2


@pytest.mark.parametrize(
    "make",
    [lambda: plots.complications_chart(["esi_transforaminal"]), lambda: plots.cost_chart()],
    ids=["complications", "costs"],
)
def test_log_axes_are_labelled_in_plain_numbers(make):
    fig = make()
    fig.canvas.draw()
    labels = [t.get_text() for ax in fig.axes for t in ax.get_xticklabels() if t.get_text()]
    assert labels, "no tick labels on the log axis"
    for text in labels:
        assert "$" not in text and "^" not in text, text
        float(text.replace(",", ""))  # "1,000", "0.5": a number a student reads as it is


@pytest.mark.parametrize("lecture", [False, True], ids=["normal", "lecture"])
@pytest.mark.parametrize("name", CHARTS)
def test_everything_drawn_stays_inside_the_figure(name, lecture):
    """Nothing reaches past the edge: no label is cut off, and the one-pass display needs no crop."""
    style.lecture_mode(lecture)
    fig = CHARTS[name]()
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    drawn = fig.get_tightbbox(canvas.get_renderer())
    inside = fig.bbox_inches.padded(0.01)
    assert inside.x0 <= drawn.x0 and drawn.x1 <= inside.x1, (drawn, inside)
    assert inside.y0 <= drawn.y0 and drawn.y1 <= inside.y1, (drawn, inside)


def test_notebooks_show_course_charts_in_one_pass(monkeypatch):
    class Formatter:
        def __init__(self):
            self.printers = {}

        def for_type(self, kind, printer):
            self.printers[kind] = printer

    formatter = Formatter()
    shell = type(
        "Shell", (), {"display_formatter": type("D", (), {"formatters": {"image/png": formatter}})}
    )
    monkeypatch.setattr("IPython.get_ipython", lambda: shell)
    assert plots.show_in_one_pass()
    fig = plots.relief_timeline()
    assert isinstance(fig, plots.CourseFigure)
    assert formatter.printers[plots.CourseFigure](fig)[:8] == b"\x89PNG\r\n\x1a\n"
    monkeypatch.setattr("IPython.get_ipython", lambda: None)
    assert not plots.show_in_one_pass()


def test_importing_plots_registers_no_formatter_but_the_notebook_setup_does(monkeypatch):
    import importlib

    from ipm_lib import lecture

    class Formatter:
        def __init__(self):
            self.printers = {}

        def for_type(self, kind, printer):
            self.printers[kind] = printer

    formatter = Formatter()
    shell = type(
        "Shell", (), {"display_formatter": type("D", (), {"formatters": {"image/png": formatter}})}
    )
    monkeypatch.setattr("IPython.get_ipython", lambda: shell)
    importlib.reload(plots)
    assert formatter.printers == {}
    lecture.lecture_control()
    assert [kind.__name__ for kind in formatter.printers] == ["CourseFigure"]


def test_benefit_risk_chart_takes_harm_rates_from_the_dataset():
    fig = plots.benefit_risk_chart(
        "c_o01", {"SCS infection": ("scs_implant", "infection", "blackburn2021_complications")}
    )
    harm = risk.rate_pct("scs_implant", "infection", "blackburn2021_complications") * 10
    widths = [bar.get_width() for bar in fig.axes[0].patches]
    assert widths[-1] == pytest.approx(harm)


def test_an_empty_selection_says_which_procedures_have_figures():
    rows = plots.relief_rows(["esi_transforaminal"])
    assert rows.frame.empty
    assert "Medial branch block" in rows.empty and "transforaminal" not in rows.empty
    costs = plots.cost_rows(["medial_branch_block"])
    assert costs.frame.empty and "Epidural steroid injection, transforaminal" in costs.empty
    assert plots.relief_rows(["medial_branch_block"]).empty == ""  # only worked out when needed


def test_cost_labels_say_when_the_price_year_is_not_stated():
    rows = plots.cost_rows(kind="cost_per_qaly")
    labels = list(rows.frame["label"])
    assert any(label.endswith("(price year not stated)") for label in labels)
    assert any(label.endswith("(2008)") for label in labels)
    assert not any("nan" in label or "<NA>" in label for label in labels)
