"""Reading tables for the notebooks, and the positive predictive value of a diagnostic block."""

import re

import numpy as np
import pandas as pd
import pytest

from ipm_lib import data, risk, tables

# Schwarzer-type counts read in the 1994 abstract (pain1994_falsepositive): 176 patients, 83 positive
# on the screening block, 26 confirmed. Everyone confirmed was positive on screening.
N, SCREEN_POS, CONFIRMED = 176, 83, 26


def test_ppv_reproduces_the_published_31_percent_from_the_counts():
    prevalence = CONFIRMED / N
    false_positive_rate = (SCREEN_POS - CONFIRMED) / (N - CONFIRMED)  # 57 of 150 = 38%
    ppv = risk.positive_predictive_value(prevalence, 1.0, false_positive_rate)
    assert ppv == pytest.approx(CONFIRMED / SCREEN_POS)  # 26 of 83, the abstract's "only 31%"
    assert round(ppv * 100) == 31


def test_ppv_worked_example_and_direction():
    # 1,000 people, 500 with the condition: 400 true positives, 100 false positives
    assert risk.positive_predictive_value(0.5, 0.8, 0.2) == pytest.approx(400 / 500)
    low = risk.positive_predictive_value(0.15, 1.0, 0.38)
    high = risk.positive_predictive_value(0.45, 1.0, 0.38)
    assert low < high  # the rarer the condition, the less a positive block means


@pytest.mark.parametrize(
    "args, message",
    [
        ((15, 1.0, 0.38), "prevalence must lie between 0 and 1"),
        ((0.15, 1.0, 38), "false_positive_rate must lie between 0 and 1"),
        ((0.15, "high", 0.38), "sensitivity must be a number"),
        ((0.0, 1.0, 0.0), "undefined"),
    ],
)
def test_ppv_refuses_bad_inputs(args, message):
    with pytest.raises(ValueError, match=message):
        risk.positive_predictive_value(*args)


def test_pretest_table_keeps_every_estimate_and_adds_the_ppv():
    plain = tables.pretest_probabilities()
    stored = data.load("prevalence")
    assert len(plain) == (stored["measure"] == "facet_joint_pain_prevalence").sum()
    with_ppv = tables.pretest_probabilities(false_positive_rate=0.38)
    column = "A positive single block is right (%)"
    first = with_ppv[with_ppv["Joint is the source (%)"] == "15"][column].iloc[0]
    assert first == "32"  # 0.15 / (0.15 + 0.85 * 0.38) = 0.317
    sij = tables.pretest_probabilities("sacroiliac_joint_pain_prevalence", false_positive_rate=0.38)
    assert "10 to 25" in set(sij["Joint is the source (%)"])
    assert sij.loc[sij["Joint is the source (%)"] == "10 to 25", column].iloc[0] == "23 to 47"


def test_pretest_table_refuses_an_unknown_measure():
    with pytest.raises(data.UnknownNameError, match="prevalence measure"):
        tables.pretest_probabilities("facet_joint_prevalence")


@pytest.mark.parametrize(
    "frame",
    [
        lambda: tables.pain_definitions(),
        lambda: tables.pain_burden(),
        lambda: tables.complication_table("scs_implant", "explant"),
        lambda: tables.explant_reasons(),
        lambda: tables.pretest_probabilities(false_positive_rate=0.38),
        lambda: tables.immpact_benchmarks(),
        lambda: tables.opioid_dose_risk(),
    ],
)
def test_reading_tables_have_human_headings_and_no_ids(frame):
    t = frame()
    assert len(t) > 0
    assert not any("_" in c for c in t.columns)
    assert "Source" in t.columns and not t["Source"].str.contains("_").any()


def test_complication_table_shows_events_with_their_denominator():
    t = tables.complication_table("scs_implant", "explant")
    assert "98 of 1289" in set(t["Events"])  # Rauck 2023 registry row
    with pytest.raises(data.UnknownNameError, match="procedure"):
        tables.complication_table("scs_implantt", "explant")


def test_pain_definitions_are_ordered_bounds():
    d = data.load("pain_definitions")
    both = d.dropna(subset=["low", "high"])
    assert (both["low"] < both["high"]).all()
    cdc = d[d["source_id"] == "dowell2022_cdc"].set_index("term")
    assert cdc.loc["acute", "high"] == cdc.loc["subacute", "low"]  # the bands meet
    assert cdc.loc["subacute", "high"] == cdc.loc["chronic", "low"]


def test_immpact_table_covers_the_four_domains():
    measures = " ".join(tables.immpact_benchmarks()["Measure"])
    for domain in (
        "pain intensity",
        "Brief Pain Inventory",
        "Beck Depression Inventory",
        "Global Impression",
    ):
        assert domain in measures


@pytest.mark.parametrize(
    "percent, words",
    [
        (0.2, "2 in 1,000"),
        (0.7, "7 in 1,000"),
        (1.8, "18 in 1,000"),
        (2.45, "about 25 in 1,000"),
        (0.04, "fewer than 1 in 1,000"),
    ],
)
def test_per_thousand_rewords_a_percentage_as_whole_people(percent, words):
    assert tables.per_thousand(percent) == words


@pytest.mark.parametrize("bad", [-0.1, 100.5, "0.7", True, float("nan")])
def test_per_thousand_refuses_what_is_not_a_percentage(bad):
    with pytest.raises(ValueError, match="percent must"):
        tables.per_thousand(bad)


def test_dose_risk_rises_with_the_dose_in_every_study():
    d = data.load("opioid_dose_risk")
    for (_source, _measure), rows in d.groupby(["source_id", "measure"], observed=True):
        values = rows.sort_values("dose_low")["value"].tolist()
        assert values == sorted(values), rows["row_id"].tolist()
    dunn = d[d["source_id"] == "dunn2010_overdose"].set_index("row_id")
    assert dunn.loc["dunn2010_hr_100plus", "value"] > dunn.loc["dunn2010_hr_50_99", "value"]
    assert len(d.groupby("source_id")) == 3  # three independent studies, none of them a guideline


def test_dose_risk_table_states_frequencies_as_people_and_ratios_as_times():
    t = tables.opioid_dose_risk()
    assert "0.7% a year (7 in 1,000 patients a year)" in set(t["Figure"])
    assert "3.7 times" in set(t["Figure"])
    ratio = t[t["Measure"].str.startswith(("hazard", "odds"))]
    assert (ratio["Compared with"] != "(no comparison)").all()
    assert (ratio["95% CI"] != "").all()


# ------------------------------------------------------------------ any frame, made readable


def test_readable_names_headings_maps_ids_and_fills_missing_values():
    frame = pd.DataFrame(
        {
            "procedure_id": ["medial_branch_block", "unknown_thing"],
            "rate_pct": [0.5, float("nan")],
            "what_is_done": [None, "x"],
            "source_id": ["dworkin2008_immpact", "farrar2001_pain"],
        },
        index=[5, 9],
    )
    out = tables.readable(frame)
    names = data.load("procedures").set_index("procedure_id")["name"]
    assert list(out.columns) == ["Procedure", "Rate (%)", "What is done", "source_id"]
    assert out["Procedure"].tolist() == [names["medial_branch_block"], "unknown thing"]
    assert out["Rate (%)"].tolist() == ["0.5", "–"]
    assert out["What is done"].tolist() == ["–", "x"]
    assert list(out.index) == [0, 1]


def test_readable_writes_lists_dicts_and_numpy_scalars_as_words():
    frame = pd.DataFrame(
        {
            "variants": [["a", "b"], []],
            "d": [{"percent": 71.42857142857143}, {}],
            "n": [np.int64(3), np.float64(2.5)],
        }
    )
    out = tables.readable(frame)
    assert out["Variants"].tolist() == ["a, b", "–"]
    assert out["D"].tolist() == ["percent: 71.43", "–"]
    assert out["N"].tolist() == ["3", "2.5"]


def test_readable_turns_a_named_index_into_a_column_and_drops_an_internal_id_index():
    by_family = pd.DataFrame({"count": [2]}, index=pd.Index(["nerve_block"], name="family"))
    assert tables.readable(by_family).to_dict("list") == {"Family": ["nerve block"], "Count": ["2"]}
    by_outcome = pd.DataFrame({"trial": ["MINT"]}, index=pd.Index(["c_o11"], name="outcome_id"))
    assert tables.readable(by_outcome).to_dict("list") == {"Trial": ["MINT"]}
    by_procedure = pd.DataFrame(
        {"n": [1]}, index=pd.Index(["medial_branch_block"], name="procedure_id")
    )
    assert tables.readable(by_procedure).columns[0] == "Procedure"


def test_readable_shows_a_dict_as_a_table():
    flat = tables.readable(
        {"points": 3.0, "responder_30pct": True, "source_ids": ["dworkin2008_immpact"]}
    )
    assert flat.to_dict("list") == {
        "What": ["Points", "Responder at 30% or more", "Sources"],
        "Value": ["3", "yes", data.short_citation("dworkin2008_immpact")],
    }
    nested = tables.readable({"policy a": {"patients": 100, "mean_procedures": 2.14}})
    assert nested.to_dict("list") == {
        "": ["Patients", "Mean procedures"],
        "Policy a": ["100", "2.14"],
    }


def test_show_renders_citations_with_the_id_on_hover_and_no_index():
    frame = pd.DataFrame({"measure": ["NRS fall"], "source_id": ["dworkin2008_immpact"]})
    page = tables.show(frame)._repr_html_()
    assert ">Source</th>" in page and ">source_id<" not in page
    assert 'title="source id: dworkin2008_immpact"' in page
    assert data.short_citation("dworkin2008_immpact") in page
    assert "row_heading" not in page  # no index column
    assert '<abbr title="numerical rating scale: ' in page  # glossary on hover


def test_show_folds_a_long_table_and_keeps_all_rows_reachable():
    frame = pd.DataFrame({"n": list(range(30))})
    page = tables.show(frame, fold_after=5)._repr_html_()
    head, folded = page.split("<details>")
    assert head.count("<tr") == 6  # heading row + 5
    assert "<summary>Show all 30 rows (25 more)</summary>" in folded
    assert folded.count("<tr") == 31
    assert "<details>" not in tables.show(frame, fold_after=None)._repr_html_()


@pytest.mark.parametrize("bad", [0, -1, 2.5, True, "10"])
def test_show_refuses_a_fold_that_is_not_a_positive_row_count(bad):
    with pytest.raises(ValueError, match="fold_after must be"):
        tables.show(pd.DataFrame({"a": [1]}), fold_after=bad)


def test_readable_refuses_what_is_not_a_table():
    with pytest.raises(TypeError, match="needs a DataFrame"):
        tables.readable([1, 2])


def test_dose_risk_annual_rates_are_whole_patients():
    figures = " ".join(tables.opioid_dose_risk()["Figure"])
    assert "patients a year" in figures
    assert not re.search(r"\d\.\d+ in 1,000", figures)


def test_two_columns_that_read_alike_get_distinct_headings():
    frame = pd.DataFrame([[1, 2]], columns=["rate_pct", "rate pct"])
    assert list(tables.readable(frame).columns) == ["Rate (%)", "Rate (%) (2)"]
    assert "Rate (%) (2)" in tables.show(frame)._repr_html_()


def test_a_reading_table_shows_its_citations_with_the_source_id_on_hover():
    page = tables.show(tables.pain_definitions())._repr_html_()
    ids = set(data.load("pain_definitions")["source_id"])
    for sid in ids:
        assert f'title="source id: {sid}">{data.short_citation(sid)}</span>' in page


def test_a_readable_table_is_cut_in_lecture_mode_and_not_read_as_mathematics():
    import pandas as pd

    html = tables.show(pd.DataFrame({"cost": ["$6,286", "$17,142"]}))._repr_html_()
    # lecture mode and the slides cut and fit tables of pandas' class "dataframe"
    assert '<table class="dataframe">' in html
    # JupyterLab's MathJax would read "$6,286, $17,142" as mathematics without this class
    assert 'class="ipm-table mathjax_ignore' in html
