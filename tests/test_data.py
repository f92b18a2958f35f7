"""The dataset loads, is typed, and covers what the seed article teaches."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from ipm_lib import data
from ipm_lib.validate import validate

SEED_CONDITIONS = {
    "chronic_back_pain",
    "neck_pain",
    "joint_pain",
    "neuropathic_pain",
    "cancer_pain",
    "crps",
}
SEED_FAMILIES = {
    "epidural_steroid_injection",
    "nerve_block",
    "radiofrequency_ablation",
    "spinal_cord_stimulation",
    "intrathecal_pump",
    "facet_joint_injection",
}
CDC_2022_OPIOIDS = {
    "codeine", "fentanyl_transdermal", "hydrocodone", "hydromorphone", "methadone",
    "morphine", "oxycodone", "oxymorphone", "tapentadol", "tramadol",
}  # fmt: skip


@pytest.mark.parametrize("name", data.table_names())
def test_every_table_loads_with_rows(name):
    df = data.load(name)
    assert len(df) > 0, f"{name} is empty"


def test_the_shipped_dataset_is_valid():
    problems = validate()
    assert problems == [], "\n".join(map(str, problems))


def test_no_review_date_has_passed():
    src = data.load("sources")
    overdue = src.loc[src["review_by"] < pd.Timestamp(dt.date.today()), "source_id"].tolist()
    assert not overdue, f"sources past their review date, re-check them: {overdue}"


def test_columns_get_their_schema_types():
    comp = data.load("complications")
    assert comp["rate_pct"].dtype == "float64"
    assert str(comp["events"].dtype) == "Int64"
    assert isinstance(comp["denominator_unit"].dtype, pd.CategoricalDtype)
    assert pd.api.types.is_string_dtype(comp["quote"])
    assert pd.api.types.is_datetime64_any_dtype(data.load("sources")["review_by"])


def test_load_returns_independent_copies():
    first = data.load("opioid_conversion")
    first.loc[:, "mme_factor"] = 0.0
    assert (data.load("opioid_conversion")["mme_factor"] > 0).all()


def test_seed_conditions_and_technique_families_are_all_covered():
    assert set(data.load("conditions")["condition_id"]) == SEED_CONDITIONS
    families = set(data.load("procedures")["family"].astype(str))
    assert families >= SEED_FAMILIES


def test_seed_risks_have_a_row_each():
    seed_risks = set(data.load("risks")["seed_risk"].astype(str))
    for risk in ("infection", "bleeding", "nerve_damage", "allergic_reaction",
                 "procedure_failure", "temporary_pain_increase"):  # fmt: skip
        assert risk in seed_risks


def test_cdc_2022_mme_table_is_complete_and_in_its_units():
    opi = data.load("opioid_conversion").set_index("opioid")
    assert set(opi.index) == CDC_2022_OPIOIDS
    assert opi.loc["fentanyl_transdermal", "unit"] == "mcg/hr"
    assert (opi.drop(index="fentanyl_transdermal")["unit"] == "mg/day").all()
    assert opi.loc["morphine", "mme_factor"] == 1.0


def test_every_fact_row_quotes_its_source():
    for name in ("complications", "outcomes", "prevalence", "procedure_facts", "costs",
                 "opioid_conversion", "anticoagulants", "thresholds", "bleeding_risk"):  # fmt: skip
        df = data.load(name)
        assert (df["quote"].str.len() > 0).all(), f"{name}: a row has no quote"


def test_every_bleeding_risk_row_names_its_edition():
    bleed = data.load("bleeding_risk")
    assert bleed["edition"].notna().all()
    assert (bleed["edition"] == "2018 (2nd edition)").any()


def test_unknown_table_suggests_close_names():
    with pytest.raises(data.UnknownNameError, match="Did you mean 'complications'"):
        data.load("complication")


def test_sources_that_would_read_alike_get_letters():
    # the course data has such pairs (two MedPayIQ pages of 2025); a caption must tell them apart
    citations = [data.short_citation(s) for s in data.sources().index]
    assert len(set(citations)) == len(citations)
    assert {data.short_citation("medpayiq2025_62323"), data.short_citation("medpayiq2025_64483")} == {
        "MedPayIQ (2025a)", "MedPayIQ (2025b)"}  # fmt: skip


def test_short_citation_is_short_and_has_the_year():
    text = data.short_citation("farrar2001_pain")
    assert "Farrar" in text and "2001" in text and len(text) <= 70
    with pytest.raises(data.UnknownNameError):
        data.short_citation("nobody1999_nothing")


def test_missing_data_folder_names_the_environment_variable(tmp_path):
    with pytest.raises(data.DataError, match="IPM_DATA_DIR"):
        data.load("sources", tmp_path)


def test_procedure_overview_joins_class_and_relief_from_their_tables():
    overview = data.procedure_overview().set_index("procedure_id")
    assert len(overview) == len(data.load("procedures"))
    assert overview.loc["scs_implant", "bleeding_risk_2018"] == "high"
    assert (
        overview.loc["medial_branch_block", "bleeding_risk_2018"]
        == "intermediate (cervical); low (lumbar or thoracic)"
    )
    assert overview.loc["intramuscular_injection", "bleeding_risk_2018"] == "low"
    # a procedure the 2018 classification as read does not name says so instead of a class
    assert overview.loc["rfa_genicular", "bleeding_risk_2018"] == "not classified"
    facts = data.load("procedure_facts")
    lord = facts[
        (facts["procedure_id"] == "rfa_cervical_medial_branch")
        & (facts["attribute"] == "relief_duration")
    ]
    assert overview.loc["rfa_cervical_medial_branch", "relief_months_low"] == pytest.approx(
        lord["value"].iloc[0] / 30.44
    )
    mbb = overview.loc["medial_branch_block"]
    assert (
        mbb["relief_months_low"] < 0.01 < 1 < mbb["relief_months_high"]
    )  # hours (diagnostic) to weeks (therapeutic)
    assert "inpm2022_mbb_duration" in mbb["relief_sources"]


# ---------------------------------------------------------------- corrections and landmark figures


def test_repeat_rules_filter_by_procedure_and_refuse_unknown_names():
    esi = data.repeat_rules(["esi_any"])
    assert set(esi["procedure_id"]) == {"esi_any"} and len(esi) >= 2
    limit = esi[esi["kind"] == "frequency_limit"].iloc[0]
    assert (limit["max_sessions"], limit["per_months"]) == (4, 12)
    assert esi["source_id"].notna().all()
    with pytest.raises(data.UnknownNameError, match="esi_anny"):
        data.repeat_rules(["esi_anny"])


def test_repeat_rules_for_rfa_cite_nice_and_the_16_month_interval():
    rfa = data.repeat_rules(["rfa_lumbar_medial_branch"]).set_index("kind")
    assert rfa.loc["evidence_gap", "source_id"] == "nice2016_ng59_rfa_research"
    assert rfa.loc["interval_before_repeat", "min_interval_months"] == 16


def test_cost_year_is_a_price_year_or_empty_never_the_publication_year():
    costs = data.load("costs").set_index("cost_id")
    sources = data.load("sources").set_index("source_id")
    unstated = costs[costs["year"].isna()]
    assert len(unstated) >= 1
    assert unstated["what"].str.contains("price year not stated").all()
    # a stated price year is never later than the source's publication year
    dated = costs[costs["year"].notna()]
    published = dated["source_id"].map(sources["year"])
    assert (dated["year"] <= published.fillna(dated["year"])).all()


def test_secondary_restatement_of_north_2005_is_labelled_and_the_trials_counts_are_stored():
    outcomes = data.load("outcomes").set_index("outcome_id")
    own = outcomes.loc["c_o04_north2005"]
    assert (own["treatment_n"], own["control_n"]) == (19, 26)
    assert "9 of 19" in own["quote"] and "3 of 26" in own["quote"]
    assert "SECONDARY" in outcomes.loc["c_o04", "trial"]


def test_fda_2014_figures_are_stored_with_their_source():
    facts = data.load("procedure_facts")
    onset = facts[facts["attribute"] == "serious_event_onset"].iloc[0]
    assert (onset["procedure_id"], onset["high"], onset["unit"]) == ("esi_any", 48, "hours")
    assert onset["source_id"] == "fda2014_dsc"
    ind = data.load("indications")
    assert ind[ind["source_id"] == "fda2014_dsc"]["quote"].str.contains("has not approved").any()
