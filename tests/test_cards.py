"""Patient cards: figures from the data tables as whole numbers with citations, missing data said,
every procedure carded, the safety checklist on the card, and a clear refusal of unknown procedures."""

from __future__ import annotations

import csv
import html
import re

import ipywidgets
import pytest

from ipm_lib import card_sections, card_view, cards, data

from .conftest import ROOT


@pytest.fixture(autouse=True)
def close_widgets():
    yield
    ipywidgets.Widget.close_all()


def rows(table: str) -> list[dict]:
    with open(ROOT / "data" / f"{table}.csv", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


PROCEDURE_IDS = [r["procedure_id"] for r in rows("procedures")]


def texts(section: cards.Section) -> list[str]:
    return [line.text for line in section.lines]


# ------------------------------------------------------------------ figures from the tables


def test_scs_infection_is_a_whole_number_per_1000_implants_with_its_citation():
    # complications.csv: scs_implant / infection, hoelzer2017_infection, 2.45% of 2,737 implants,
    # i.e. 24.5 in 1,000, which is 25 in whole implants; it is the largest infection study stored
    risks = cards.patient_card("scs_implant").section("risks")
    line = next(ln for ln in risks.lines if ln.text.startswith("Infection"))
    assert "25 in 1,000 implants" in line.text and "2,737 implants studied" in line.text
    assert line.source_id == "hoelzer2017_infection"
    assert line.citation == data.short_citation("hoelzer2017_infection") and line.citation


def test_a_rate_under_1_in_1000_is_said_so_with_a_finer_whole_count():
    # esi_any / epidural_hematoma, lee2018_esievents: 0.0038% of 52,935 procedures (2 events), shown on
    # the transforaminal card as a figure of the family (approach mixed or not stated); a serious harm
    # is listed even though it is rare
    risks = cards.patient_card("esi_transforaminal").section("risks")
    line = next(ln for ln in risks.lines if "Epidural or spinal haematoma" in ln.text)
    assert line.text.startswith("[approach mixed or not stated] ")
    assert (
        "fewer than 1 in 1,000 (about 4 in 100,000) procedures; 52,935 procedures studied"
        in line.text
    )
    assert line.source_id == "lee2018_esievents"
    # a rate of zero keeps its denominator: 'none of 16,638', not 'none in 1,000'
    bleeding = next(
        ln for ln in risks.lines if ln.text.startswith("[approach mixed or not stated] Bleeding")
    )
    assert "none of 16,638 procedures studied" in bleeding.text


def test_benefit_shows_both_arms_as_whole_patients_in_100_from_outcomes_csv():
    # mint_facet_30pct_3mo (juch2017_mint): 45.61% against 36.03%, i.e. 46 and 36 in 100
    benefit = cards.patient_card("rfa_lumbar_medial_branch").section("benefit")
    line = next(ln for ln in benefit.lines if ln.source_id == "juch2017_mint")
    assert "46 in 100 patients with the procedure, 36 in 100 with the comparison" in line.text
    assert "against 3-month standardized exercise" in line.text and "at 3 months" in line.text
    assert line.citation == data.short_citation("juch2017_mint")


def test_benefit_gives_a_trials_own_counts_not_anothers_restatement_of_them():
    """North 2005 is stored twice against repeat surgery: the trial's own counts (9 of 19 vs 3 of 26)
    and NICE's secondary restatement of them; the card must show the trial's."""
    outcomes = data.load("outcomes")
    against = outcomes[outcomes["comparator"] == "repeat lumbosacral spine operation"]
    assert against["trial"].str.contains("SECONDARY").any()  # the restatement is still stored
    benefit = cards.patient_card("scs_implant").section("benefit")
    [line] = [ln for ln in benefit.lines if "repeat lumbosacral spine operation" in ln.text]
    assert line.source_id == "north2005_scs_reop"
    assert "47 in 100 patients with the procedure, 12 in 100 with the comparison" in line.text


def test_a_death_figure_keeps_its_time_frame():
    # intrathecal_pump / death, coffey2009_itmor: 0.088% within 3 days, 0.39% within 1 month, and
    # coffey2009_itmort 3.89% within 1 year of implantation (the same cohort)
    risks = cards.patient_card("intrathecal_pump").section("risks")
    line = next(ln for ln in risks.lines if ln.text.startswith("Death"))
    assert "1 in 1,000 patients (death from any cause within 3 days of implantation)" in line.text
    assert "other figures: 4 to 39 in 1,000" in line.text
    assert risks.lines.index(line) == 1  # right after any complication


def test_half_is_rounded_up_not_to_the_even_number():
    assert cards.whole(84.5) == 85 and cards.whole(24.5) == 25 and cards.whole(0.49) == 0
    assert cards.in_n(2.45, 1000) == "25 in 1,000"
    assert cards.in_n(0, 1000) == "none in 1,000"
    assert cards.in_n(0.0019, 1000) == "fewer than 1 in 1,000 (about 2 in 100,000)"


@pytest.mark.parametrize("procedure_id", PROCEDURE_IDS)
def test_every_procedure_gets_a_card_with_whole_counts_and_cited_figures(procedure_id):
    card = cards.patient_card(procedure_id)
    assert card.name == next(
        r["name"] for r in rows("procedures") if r["procedure_id"] == procedure_id
    )
    text = card.text()
    counts = re.findall(r"(\d[\d,.]*) (?:in|of) \d[\d,]*\b", text)
    assert all("." not in c for c in counts), f"a count of people is not whole: {counts}"
    for key in ("benefit", "risks", "relief", "cost", "evidence", "repeat", "safety"):
        for line in card.section(key).lines:
            assert line.source_id and line.citation == data.short_citation(line.source_id), line
    page = str(card_view.card_html(procedure_id))
    assert card.name.split(",")[0] in page and "Educational use only" in page


def test_missing_data_is_stated_not_hidden():
    no_cost = {r["procedure_id"] for r in rows("procedures")} - {
        r["procedure_id"] for r in rows("costs")
    }
    assert "medial_branch_block" in no_cost  # the premise of this test
    card = cards.patient_card("medial_branch_block")
    cost = card.section("cost")
    assert cost.missing and cost.note == "Not reported in the course's sources."
    assert html.escape("Not reported in the course's sources.") in str(
        card_view.card_html("medial_branch_block")
    )
    # and a section with data is not marked missing
    assert not card.section("risks").missing


def test_shown_and_left_out_results_add_up_to_the_table():
    card = cards.patient_card("scs_implant")
    benefit = card.section("benefit")
    stored = sum(r["procedure_id"] == "scs_implant" for r in rows("outcomes"))
    shown = len(benefit.lines)
    assert 0 < shown <= card_sections.MAX_BENEFITS
    assert f"{stored - shown} more results" in benefit.note
    # placebo or sham comparison comes first
    assert "placebo" in benefit.lines[0].text or "sham" in benefit.lines[0].text


def test_open_questions_come_from_the_positions_table():
    card = cards.patient_card("esi_transforaminal")
    against = [r for r in rows("positions") if r["stance"] == "against"
               and "esi_transforaminal" in r["procedures"].split(";")]  # fmt: skip
    line = card.section("open").lines[0]
    statements = {r["statement_id"] for r in against}  # one guideline's two recommendations: one
    assert len(statements) < len(against)
    assert f"{len(statements)} statements advise against" in line.text
    assert data.short_citation("busse2025_bmjrapidrec") in line.citation.split("other views")[0]
    assert data.short_citation("ipsis2025_multisociety") in line.citation.split("other views")[1]
    # a procedure nobody disputes in positions.csv gets no such line
    genicular = cards.patient_card("rfa_genicular").section("open")
    assert not any("advise against" in t for t in texts(genicular))


def test_the_safety_checklist_is_on_the_card_scoped_to_the_procedure():
    checklist = {r["item_id"]: r["check"] for r in rows("safety_checklist")}
    esi = " ".join(texts(cards.patient_card("esi_transforaminal").section("safety")))
    scs = " ".join(texts(cards.patient_card("scs_implant").section("safety")))
    pump = " ".join(texts(cards.patient_card("intrathecal_pump").section("safety")))
    for item in ("rf_cauda_equina", "ci_infection", "bt_class", "ac_escort"):
        assert checklist[item] in esi and checklist[item] in scs and checklist[item] in pump
    assert checklist["im_nonparticulate"] in esi and checklist["im_nonparticulate"] not in scs
    assert (
        checklist["dv_mri"] in scs
        and checklist["dv_mri"] in pump
        and checklist["dv_mri"] not in esi
    )
    assert checklist["dv_naloxone"] in pump and checklist["dv_naloxone"] not in scs
    assert checklist["rf_cauda_equina"] in str(card_view.card_html("scs_implant"))


# ------------------------------------------------------------------ the page


def test_card_page_is_printable_on_a4_with_a_print_button_and_no_inline_styles():
    page = str(card_view.card_html("scs_implant"))
    assert "@page { size: A4" in page and "@media print" in page
    assert "window.print()" in page and "Print this card" in page and "Ctrl+P" in page
    assert 'style="' not in page
    assert (
        "How much it may help" in page
        and "Main risks" in page
        and "Questions that are still open" in page
    )


def test_every_line_is_on_the_page_escaped():
    card = cards.patient_card("esi_any")
    page = str(card_view.card_html("esi_any"))
    for section in card.sections:
        for line in section.lines:
            shown = line.text.partition(": ")[2] if section.key == "safety" else line.text
            assert html.escape(shown) in page, line.text
    assert "<script" not in page


# ------------------------------------------------------------------ refusal and explorer


def test_unknown_procedure_is_refused_with_human_names():
    with pytest.raises(cards.UnknownProcedureError) as err:
        cards.patient_card("scs_implnt")
    message = str(err.value)
    assert "There is no patient card for 'scs_implnt'" in message
    assert "Spinal cord stimulation, permanent implant (scs_implant)" in message
    assert isinstance(err.value, data.UnknownNameError)
    with pytest.raises(cards.UnknownProcedureError):
        card_view.card_html(None)
    view = card_view.CardExplorer("rfa_genicularr")  # a widget shows the refusal, not a traceback
    assert "There is no patient card for &#x27;rfa_genicularr&#x27;" in view.notice.value
    assert "Radiofrequency ablation, genicular nerves (rfa_genicular)" in view.notice.value
    assert "ipm-msg-error" in view.notice.value
    assert (
        view.dropdown.value == "scs_implant"
        and "Showing Spinal cord stimulation" in view.notice.value
    )
    view.dropdown.value = "rfa_genicular"
    assert (
        view.notice.value == ""
        and "Radiofrequency ablation, genicular nerves: a card" in view.card.value
    )


def test_explorer_lists_procedures_by_name_and_follows_the_dropdown():
    view = card_view.CardExplorer("Medial branch block")  # a human name is accepted
    assert view.dropdown.value == "medial_branch_block"
    labels = [label for label, _ in view.dropdown.options]
    assert labels == [r["name"] for r in rows("procedures")]
    assert "Medial branch block: a card for patients" in view.card.value
    view.dropdown.value = "intrathecal_pump"
    assert "Intrathecal drug delivery, implanted pump: a card for patients" in view.card.value
    assert "Medial branch block: a card" not in view.card.value
    # a page without a kernel (GitHub, nbviewer) shows the card itself
    assert view._repr_mimebundle_()["text/html"] == view.card.value
    assert "Intrathecal drug delivery" in repr(view)


def test_open_questions_count_statements_not_rows():
    """Three rows report the one 34-society statement; the card counts it once, as notebook 07 does."""
    positions = data.load("positions")
    mine = positions[
        positions["procedures"].str.split(";").map(lambda ps: "esi_transforaminal" in ps)
    ]
    other = mine[mine["stance"] != "against"]
    assert other["statement_id"].nunique() < len(other)  # the case this test is about
    [line] = [
        ln
        for ln in cards.patient_card("esi_transforaminal").section("open").lines
        if ln.text.startswith("Should it be offered")
    ]
    assert f"; {other['statement_id'].nunique()} dispute" in line.text


def test_other_figures_span_studies_estimates_not_their_confidence_limits():
    """Blackburn 2021's 21.1% (95% CI 14.9 to 27.2) is one estimate: 211 in 1,000, not 149."""
    comp = data.load("complications")
    row = comp[(comp["source_id"] == "blackburn2021_complications")]
    row = row[(row["risk_id"] == "any_complication") & (row["procedure_id"] == "scs_implant")]
    assert row["rate_low_pct"].notna().all()  # the interval this test is about is stored
    risks = cards.patient_card("scs_implant").section("risks")
    [line] = [
        ln for ln in risks.lines if "other figures" in ln.text and "Any complication" in ln.text
    ]
    assert "other figures: 211 to" in line.text and "149" not in line.text
