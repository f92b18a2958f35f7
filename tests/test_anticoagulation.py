import pandas as pd
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


def _interval_row(drug_id: str, klass: str):
    table = data.load("anticoagulants")
    rows = table[(table["drug_id"] == drug_id) & (table["bleeding_risk_class"] == klass)]
    assert len(rows) == 1
    return rows.iloc[0]


def test_guidance_names_class_interval_and_editions():
    g = ac.guidance("scs_implant", "warfarin")
    row = _interval_row("warfarin", "high")
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


def test_procedure_the_guideline_does_not_classify_raises_with_its_note():
    with pytest.raises(ac.NotClassifiedError, match="no 2018.*Not named"):
        ac.risk_class("rfa_genicular")
    assert ac.risk_class("intramuscular_injection") == "low"  # "Trigger point injection"


def test_guidance_fields_come_from_the_rows():
    g = ac.guidance("scs_trial", "enoxaparin_therapeutic")
    row = _interval_row("enoxaparin_therapeutic", "high")
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
        and g["restart_text"]
        == f"restart {row['restart_after_hours']:g}-{row['restart_after_hours_high']:g} hours after"
    )


def test_interval_texts():
    assert ac._days_text(0.25) == "stop 6 hours before"
    assert ac._days_text(2) == "stop 2 days before"
    assert ac._days_text(0) == "do not stop"
    assert ac._days_text(float("nan")).startswith("no fixed interval")
    assert ac._hours_text(float("nan")) == "restart interval not given in the source"
    assert ac._hours_text(24) == "restart 24 hours after"
    assert ac._hours_text(12, 24) == "restart 12-24 hours after"
    assert ac._hours_text(24, 24) == "restart 24 hours after"


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


# ------------------------------------------------------------ ranges, editions, missing drugs


def test_restart_range_is_kept_as_a_range_not_its_early_end():
    g = ac.guidance("scs_implant", "enoxaparin_prophylactic")
    assert (g["restart_after_hours"], g["restart_after_hours_high"]) == (12.0, 24.0)
    assert "12-24 hours" in g["restart_text"] and "12-24 hours" in ac.summary(g)
    low = ac.guidance("rfa_lumbar_medial_branch", "enoxaparin_prophylactic")
    assert (
        low["restart_after_hours_high"] is None and low["restart_text"] == "restart 4 hours after"
    )


def test_interval_of_unstated_edition_says_so_under_either_edition():
    for edition in ac.EDITIONS:
        g = ac.guidance("scs_implant", "warfarin", edition)
        assert g["interval_edition"] == ac.UNSTATED_EDITION and not g["interval_edition_matches"]
        assert f"may not be the {edition} value" in ac.interval_edition_text(g)
        assert ac.interval_edition_text(g).startswith("ASRA pain-procedure guideline")


def _dataset_with_extra_rows(tmp_path, monkeypatch, rows: str):
    """A copy of the course data with rows appended to anticoagulants.csv, loaded instead."""
    import shutil

    folder = tmp_path / "data"
    shutil.copytree(data.data_dir(), folder)
    with open(folder / "anticoagulants.csv", "a", encoding="utf-8") as fh:
        fh.write(rows)
    monkeypatch.setenv(data.DATA_ENV, str(folder))
    data.clear_cache()
    return folder


def test_interval_follows_the_edition_toggle_where_editions_differ(tmp_path, monkeypatch):
    # the course data holds no interval row of a stated edition that the other edition changes (the
    # reproduction read did not show its edition): a copy with one such pair shows the mechanism
    rows = (
        "heparin_iv,test heparin,unfractionated heparin,high,,,read,0.5,4,,2018 (2nd edition),"
        "ASRA pain procedures,uptodate_nd_anticoagpain,q,n\n"
        "heparin_iv,test heparin,unfractionated heparin,high,,,read,0.25,2,,2015 (1st edition),"
        "ASRA pain procedures,uptodate_nd_anticoagpain,q,n\n"
    )
    try:
        _dataset_with_extra_rows(tmp_path, monkeypatch, rows)
        new = ac.guidance("scs_implant", "heparin_iv", "2018 (2nd edition)")
        old = ac.guidance("scs_implant", "heparin_iv", "2015 (1st edition)")
        assert (new["stop_text"], new["restart_after_hours"]) == ("stop 12 hours before", 4.0)
        assert (old["stop_text"], old["restart_after_hours"]) == ("stop 6 hours before", 2.0)
        assert new["interval_edition_matches"] and old["interval_edition"] == "2015 (1st edition)"
    finally:
        monkeypatch.delenv(data.DATA_ENV)
        data.clear_cache()


def test_renal_band_rows_are_picked_by_creatinine_clearance(tmp_path, monkeypatch):
    rows = (
        "dabigatran,dabigatran,direct oral anticoagulant,high,,50,read,5,24,,2018 (2nd edition),"
        "ASRA pain procedures,uptodate_nd_anticoagpain,q,n\n"
        "dabigatran,dabigatran,direct oral anticoagulant,high,50,,read,3,24,,2018 (2nd edition),"
        "ASRA pain procedures,uptodate_nd_anticoagpain,q,n\n"
    )
    try:
        _dataset_with_extra_rows(tmp_path, monkeypatch, rows)
        assert ac.guidance("scs_implant", "dabigatran", crcl_ml_min=30)["stop_before_days"] == 5
        assert ac.guidance("scs_implant", "dabigatran", crcl_ml_min=50)["stop_before_days"] == 3
        assert ac.guidance("scs_implant", "dabigatran", crcl_ml_min="90")["stop_before_days"] == 3
    finally:
        monkeypatch.delenv(data.DATA_ENV)
        data.clear_cache()


def test_doacs_and_p2y12_inhibitors_are_listed_without_an_invented_interval():
    listed = set(ac.drugs()["drug_id"])
    # A joint injection is not neuraxial, so no regional-anaesthesia interval stands in either.
    for drug in ("rivaroxaban", "edoxaban", "dabigatran", "clopidogrel", "prasugrel", "ticagrelor"):
        assert drug in listed
        crcl = 60 if drug in ac.CRCL_DRUGS else None
        g = ac.guidance("sacroiliac_joint_injection", drug, crcl_ml_min=crcl)
        assert not g["sourced"] and g["stop_before_days"] is None
        assert g["restart_after_hours"] is None and g["stop_text"] == "no sourced interval"
        assert "no sourced interval" in ac.summary(g)
        assert g["interval_guideline"] == ac.PAIN_GUIDELINE
    with pytest.raises(LookupError, match="no sourced interval for 'apixaban'"):
        ac.guidance("scs_implant", "apixaban", "2015 (1st edition)", crcl_ml_min=60)


def test_p2y12_inhibitors_before_a_neuraxial_procedure_show_the_uk_handbook_named_as_such():
    table = data.load("anticoagulants")
    handbook = table[table["guideline"] == ac.UK_HANDBOOK].set_index("drug_id")
    assert set(handbook.index) == {"clopidogrel", "prasugrel", "ticagrelor"}
    for procedure in ("esi_transforaminal", "scs_implant"):
        for drug, row in handbook.iterrows():
            g = ac.guidance(procedure, drug)
            assert g["sourced"] and g["interval_guideline"] == ac.UK_HANDBOOK
            assert g["stop_before_days"] == row["stop_before_days"]
            assert g["interval_source_id"] == row["source_id"] and g["note"] == row["note"]
            assert g["restart_after_hours"] is None  # none given; none invented
            assert g["restart_text"] == "restart interval not given in the source"
            words = ac.interval_edition_text(g)
            assert "handbook on medicines around surgery" in words
            assert "not the pain-procedure guideline" in words
            assert "written for neuraxial blocks" not in words
    # the handbook is a current source: not offered as what the 2015 edition said
    with pytest.raises(LookupError, match="no sourced interval for 'clopidogrel'"):
        ac.guidance("scs_implant", "clopidogrel", "2015 (1st edition)")
    # prasugrel: the handbook's figure for surgery, said so, as it gives none for neuraxial blocks
    assert (
        "no separate, longer figure for neuraxial anaesthesia" in handbook.at["prasugrel", "note"]
    )


def test_a_study_that_disagrees_is_shown_beside_the_guideline_figure_never_instead_of_it():
    table = data.load("anticoagulants")
    studies = table[table["guideline"].isin(ac.STUDIES)]
    assert set(studies["drug_id"]) == {"clopidogrel"}
    study = studies.iloc[0]
    g = ac.guidance("esi_transforaminal", "clopidogrel")
    handbook = table[(table["guideline"] == ac.UK_HANDBOOK) & (table["drug_id"] == "clopidogrel")]
    # the interval shown stays the handbook's; the study sits beside it, with its own figure
    assert g["interval_guideline"] == ac.UK_HANDBOOK
    assert (
        g["stop_before_days"] == handbook["stop_before_days"].iloc[0] != study["stop_before_days"]
    )
    [other] = g["disagreeing"]
    assert other["stop_before_days"] == study["stop_before_days"]
    assert other["source_id"] == study["source_id"] and other["note"] == study["note"]
    assert f"stopping clopidogrel {study['stop_before_days']:g} days before" in other["words"]
    assert "Sources disagree: a 2011 study" in ac.summary(g)
    # same scope as the stand-ins: not for a joint injection, not with the 2015 toggle, and only
    # for the drug it studied
    assert ac.guidance("sacroiliac_joint_injection", "clopidogrel")["disagreeing"] == []
    with pytest.raises(LookupError):
        ac.guidance("esi_transforaminal", "clopidogrel", "2015 (1st edition)")
    assert ac.guidance("scs_implant", "prasugrel")["disagreeing"] == []
    assert "Sources disagree" not in ac.summary(ac.guidance("scs_implant", "prasugrel"))


def _apixaban_rows():
    table = data.load("anticoagulants")
    return table[table["drug_id"] == "apixaban"]


def test_apixaban_high_risk_interval_is_the_stored_neuraxial_row_shown_with_its_source():
    rows = _apixaban_rows()
    pain = rows[rows["guideline"] == ac.PAIN_GUIDELINE]
    assert list(pain["interval_status"]) == ["not read"]  # the pain guideline's value: not read
    neuraxial = rows[rows["guideline"] == ac.NEURAXIAL_GUIDELINE]
    assert len(neuraxial) == 1
    row = neuraxial.iloc[0]
    g = ac.guidance("scs_implant", "apixaban", crcl_ml_min=60)
    assert g["risk_class"] == "high" and g["sourced"]
    assert g["stop_before_days"] == row["stop_before_days"]
    assert g["restart_after_hours"] is None  # none given in the part read; none invented
    assert g["interval_source_id"] == row["source_id"] and g["note"] == row["note"]
    assert (g["interval_guideline"], g["interval_edition"]) == (
        ac.NEURAXIAL_GUIDELINE,
        row["edition"],
    )
    assert not g["interval_edition_matches"]
    # the quoted figure is in hours; the stored value in days says it is derived
    assert "72 hours" in row["quote"] and "Derived" in row["note"]
    text = ac.summary(g)
    assert "regional-anaesthesia (neuraxial block) guideline, 2018 (4th edition)" in text
    assert "not the pain-procedure guideline" in text and "neuraxial blocks" in text
    assert "restart interval not given in the source" in text


def test_neuraxial_interval_is_not_split_by_class_and_only_pairs_with_its_year():
    high = ac.guidance("scs_implant", "apixaban", crcl_ml_min=60)
    mid = ac.guidance("esi_interlaminar", "apixaban", crcl_ml_min=60)
    assert (high["risk_class"], mid["risk_class"]) == ("high", "intermediate")
    assert high["stop_before_days"] == mid["stop_before_days"]
    assert high["interval_source_id"] == mid["interval_source_id"]
    assert ac.NEURAXIAL_COMPANION == {"2018 (2nd edition)": "2018 (4th edition)"}
    with pytest.raises(LookupError, match="2015"):
        ac.guidance("esi_interlaminar", "apixaban", "2015 (1st edition)", crcl_ml_min=60)


def test_a_read_pain_guideline_row_wins_over_the_neuraxial_one(tmp_path, monkeypatch):
    rows = (
        "apixaban,apixaban,direct oral anticoagulant,high,,,read,2,24,,2018 (2nd edition),"
        "ASRA pain procedures,uptodate_nd_anticoagpain,q,n\n"
    )
    try:
        _dataset_with_extra_rows(tmp_path, monkeypatch, rows)
        high = ac.guidance("scs_implant", "apixaban", crcl_ml_min=60)
        assert (high["stop_before_days"], high["restart_after_hours"]) == (2.0, 24.0)
        assert high["interval_guideline"] == ac.PAIN_GUIDELINE and high["interval_edition_matches"]
        assert ac.interval_edition_text(high) == "ASRA pain-procedure guideline, 2018 (2nd edition)"
        # a class the pain row does not cover still gets the neuraxial row, named as such
        mid = ac.guidance("esi_interlaminar", "apixaban", crcl_ml_min=60)
        assert mid["interval_guideline"] == ac.NEURAXIAL_GUIDELINE
    finally:
        monkeypatch.delenv(data.DATA_ENV)
        data.clear_cache()


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (None, "enter the creatinine clearance"),
        ("", "enter the creatinine clearance"),
        (-5, "cannot be negative"),
        ("-0.5", "cannot be negative"),
        ("sixty", "must be a number"),
        (True, "must be a number"),
        ([60], "must be a number"),
        (float("nan"), "finite"),
        (float("inf"), "finite"),
    ],
)
def test_dabigatran_refuses_a_missing_or_nonsense_creatinine_clearance(value, message):
    with pytest.raises(ValueError, match=message):
        ac.guidance("scs_implant", "dabigatran", crcl_ml_min=value)


def test_creatinine_clearance_accepts_numbers_and_numeric_text():
    assert ac.check_crcl(0) == 0.0 and ac.check_crcl(" 42.5 ") == 42.5
    assert ac.guidance("scs_implant", "dabigatran", crcl_ml_min=42.5)["crcl_ml_min"] == 42.5


def test_every_procedure_has_a_2018_class_or_a_note_that_the_guideline_does_not_classify_it():
    bleed = data.load("bleeding_risk")
    bleed = bleed[bleed["edition"] == ac.CURRENT_EDITION]
    for pid in data.load("procedures")["procedure_id"]:
        rows = bleed[bleed["procedure_id"] == pid]
        assert not rows.empty, f"{pid} has no 2018 row"
        for _, row in rows.iterrows():
            if row["risk_class"] == ac.NOT_CLASSIFIED:
                assert "Not named" in row["note"], f"{pid}: a 'not classified' row needs its note"
            else:
                assert row["risk_class"] in ac.CLASS_ORDER


def test_not_classified_region_is_one_region_among_others():
    assert ac.risk_class("facet_intraarticular_injection", detail="lumbar or thoracic") == "low"
    with pytest.raises(ValueError, match="choose a detail"):
        ac.risk_class("facet_intraarticular_injection")
    with pytest.raises(ac.NotClassifiedError, match="Cervical facet joint injection"):
        ac.risk_class("facet_intraarticular_injection", detail="cervical")


def test_the_neuraxial_guideline_interval_is_not_offered_for_a_procedure_outside_the_spinal_canal():
    # The regional-anaesthesia guideline writes its apixaban interval for neuraxial blocks: a joint
    # injection gets "no sourced interval", an epidural injection gets that stored interval.
    assert not ac.is_neuraxial("sacroiliac_joint_injection")
    assert ac.is_neuraxial("esi_interlaminar")
    joint = ac.guidance("sacroiliac_joint_injection", "apixaban", crcl_ml_min=60)
    assert not joint["sourced"] and joint["stop_text"] == ac.NO_SOURCED_INTERVAL
    assert joint["interval_guideline"] == ac.PAIN_GUIDELINE
    row = _apixaban_rows().query("guideline == @ac.NEURAXIAL_GUIDELINE").iloc[0]
    epidural = ac.guidance("esi_interlaminar", "apixaban", crcl_ml_min=60)
    assert epidural["stop_before_days"] == row["stop_before_days"]
    assert epidural["interval_guideline"] == ac.NEURAXIAL_GUIDELINE


def test_is_neuraxial_refuses_an_unknown_procedure_with_close_matches():
    with pytest.raises(LookupError, match="esi_interlaminar"):
        ac.is_neuraxial("esi_interlaminr")


def _european_row(drug: str, renal_ok: bool) -> pd.Series:
    rows = data.load("anticoagulants").query(
        "drug_id == @drug and guideline == @ac.EUROPEAN_GUIDELINE"
    )
    band = rows["crcl_low_ml_min"].notna() if renal_ok else rows["crcl_high_ml_min"].notna()
    assert band.sum() == 1
    return rows[band].iloc[0]


@pytest.mark.parametrize(("drug", "threshold"), [("rivaroxaban", 30), ("apixaban", 30),
                                                  ("edoxaban", 30), ("dabigatran", 50)])  # fmt: skip
def test_doac_treatment_dose_before_a_neuraxial_procedure_follows_the_european_guideline(
    drug, threshold
):
    # At or above the clearance threshold: the stored 72-hour interval (3 days), restart ~24 h.
    row = _european_row(drug, renal_ok=True)
    assert "72 hours" in row["quote"] and "Derived: 3 days" in row["note"]
    g = ac.guidance("esi_interlaminar", drug, crcl_ml_min=threshold)
    assert g["sourced"] and g["stop_before_days"] == 3.0
    if drug == "apixaban":  # ASRA's own neuraxial row (also 72 hours, no restart read) comes first
        assert g["interval_guideline"] == ac.NEURAXIAL_GUIDELINE
        assert g["restart_after_hours"] is None
    else:
        assert g["restart_after_hours"] == 24.0
        assert g["interval_guideline"] == ac.EUROPEAN_GUIDELINE
        assert g["interval_source_id"] == row["source_id"]
        text = ac.summary(g)
        assert "European ESAIC/ESRA" in text and "not the pain-procedure guideline" in text
        assert "(treatment dose)" in text
        # Below the threshold: no fixed interval; the note says to wait for a drug level.
        low = ac.guidance("esi_interlaminar", drug, crcl_ml_min=threshold - 1)
        assert low["sourced"] and low["stop_before_days"] is None
        assert low["stop_text"].startswith("no fixed interval")
        assert "below 30 ng/mL" in low["note"]


def test_european_doac_interval_is_not_offered_outside_the_spinal_canal_or_for_2015():
    joint = ac.guidance("sacroiliac_joint_injection", "rivaroxaban", crcl_ml_min=80)
    assert not joint["sourced"] and joint["interval_guideline"] == ac.PAIN_GUIDELINE
    with pytest.raises(LookupError, match="2015"):
        ac.guidance("esi_interlaminar", "rivaroxaban", "2015 (1st edition)", crcl_ml_min=80)


def test_a_doac_now_needs_the_creatinine_clearance():
    with pytest.raises(ValueError, match="creatinine clearance"):
        ac.guidance("esi_interlaminar", "rivaroxaban")
