import pytest

from ipm_lib import anticoagulation as ac
from ipm_lib import data


def test_current_edition_classes():
    assert ac.risk_class("scs_implant") == "high"
    assert ac.risk_class("rfa_lumbar_medial_branch") == "low"
    assert ac.risk_class("esi_interlaminar") == "intermediate"


def test_edition_change_for_lumbar_facet_rfa_is_visible():
    assert ac.risk_class("rfa_lumbar_medial_branch", "2015 (1st edition)") == "intermediate"
    assert ac.risk_class("rfa_lumbar_medial_branch", "2018 (2nd edition)") == "low"


def test_region_dependent_class_needs_a_detail():
    with pytest.raises(ValueError, match="choose a detail"):
        ac.risk_class("medial_branch_block")
    assert ac.risk_class("medial_branch_block", detail="cervical") == "intermediate"
    assert ac.risk_class("medial_branch_block", detail="lumbar or thoracic") == "low"


def test_guidance_names_class_interval_and_editions():
    g = ac.guidance("scs_implant", "warfarin")
    table = data.load("anticoagulants").set_index(["drug_id", "bleeding_risk_class"])
    row = table.loc[("warfarin", "high")]
    assert g["risk_class"] == "high"
    assert g["stop_before_days"] == row["stop_before_days"]
    assert g["class_edition"] == "2018 (2nd edition)"
    assert g["education_only"] is True
    text = ac.summary(g)
    assert "Education only" in text and "2018" in text


def test_guidance_says_do_not_stop_and_hours():
    g = ac.guidance("rfa_lumbar_medial_branch", "aspirin_primary_prevention")
    assert g["stop_before_days"] == 0 and g["stop_text"] == "do not stop"
    heparin = ac.guidance("scs_implant", "heparin_iv")
    assert heparin["stop_text"].endswith("hours before")


def test_missing_interval_is_said_not_invented():
    g = ac.guidance("scs_implant", "aspirin_secondary_prevention")
    assert g["stop_before_days"] is None
    assert "no fixed interval" in g["stop_text"]


def test_unknown_names_suggest():
    with pytest.raises(data.UnknownNameError, match="warfarin"):
        ac.guidance("scs_implant", "warfarine")
    with pytest.raises(data.UnknownNameError, match="edition"):
        ac.bleeding_risk("scs_implant", "2020")


def test_procedure_without_a_class_raises_lookup_error():
    with pytest.raises(LookupError, match="no 2018"):
        ac.risk_class("intramuscular_injection")


def test_guidance_fields_come_from_the_rows():
    g = ac.guidance("scs_trial", "enoxaparin_therapeutic")
    row = (
        data.load("anticoagulants")
        .set_index(["drug_id", "bleeding_risk_class"])
        .loc[("enoxaparin_therapeutic", "high")]
    )
    bleed = ac.bleeding_risk("scs_trial")
    assert g["procedure_id"] == "scs_trial" and g["drug_id"] == "enoxaparin_therapeutic"
    assert g["drug"] == row["drug"] and g["note"] == row["note"]
    assert (
        g["restart_after_hours"] == row["restart_after_hours"]
        and g["stop_before_days"] == row["stop_before_days"]
    )
    assert g["interval_edition"] == row["edition"] and g["interval_source_id"] == row["source_id"]
    assert g["class_source_id"] == bleed["source_id"].iloc[0]
    assert (
        g["stop_text"] == "stop 1 day before"
        and g["restart_text"] == f"restart {row['restart_after_hours']:g} hours after"
    )


def test_interval_texts():
    assert ac._days_text(0.25) == "stop 6 hours before"
    assert ac._days_text(2) == "stop 2 days before"
    assert ac._days_text(0) == "do not stop"
    assert ac._days_text(float("nan")).startswith("no fixed interval")
    assert ac._hours_text(float("nan")) == "restart interval not given in the source"
    assert ac._hours_text(24) == "restart 24 hours after"


def test_drugs_lists_each_drug_once():
    drugs = ac.drugs()
    assert list(drugs.columns) == ["drug_id", "drug", "drug_class"]
    assert drugs["drug_id"].is_unique and "warfarin" in set(drugs["drug_id"])
    assert len(drugs) == data.load("anticoagulants")["drug_id"].nunique()


def test_bleeding_risk_rows_and_general_row_preferred():
    rows = ac.bleeding_risk("intrathecal_pump")
    assert set(rows["risk_class"].astype(str)) == {"high", "low"}
    assert ac.risk_class("intrathecal_pump") == "high"
    assert ac.risk_class("intrathecal_pump", detail="pump replacement only") == "low"
    assert list(ac.bleeding_risk("scs_implant", "2015 (1st edition)")["edition"].astype(str)) == [
        "2015 (1st edition)"
    ]
    with pytest.raises(data.UnknownNameError, match="detail"):
        ac.risk_class("intrathecal_pump", detail="left side")


def test_summary_sentence():
    text = ac.summary(ac.guidance("scs_implant", "warfarin"))
    assert text.startswith(
        "warfarin before a high-risk procedure: stop 5 days before; restart 6 hours after."
    )
