"""Reading tables for the notebooks, and the positive predictive value of a diagnostic block."""

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
    [(0.2, "2 in 1,000"), (0.7, "7 in 1,000"), (1.8, "18 in 1,000"), (0.04, "0.4 in 1,000")],
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
    assert "0.7% a year (about 7 in 1,000)" in set(t["Figure"])
    assert "3.7 times" in set(t["Figure"])
    ratio = t[t["Measure"].str.startswith(("hazard", "odds"))]
    assert (ratio["Compared with"] != "(no comparison)").all()
    assert (ratio["95% CI"] != "").all()
