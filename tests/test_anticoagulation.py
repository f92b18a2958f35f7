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
