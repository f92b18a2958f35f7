"""Explorers driven headlessly: models give results (or refusals) for given inputs; views change
the model through their controls, redraw once per edit, and reuse a drawing only for the very same
result."""

import dataclasses
import re

import ipywidgets
import pytest

from ipm_lib import data, style
from ipm_lib import explorers as E
from ipm_lib.explorers.base import Refusal
from ipm_lib.explorers.risk import RiskResult, framing_words


@pytest.fixture(autouse=True)
def close_widgets():
    yield
    ipywidgets.Widget.close_all()
    style.lecture_mode(False)


def words(view) -> str:
    """The view's text without the shared stylesheet."""
    return re.sub(r"<style>.*?</style>", "", view.text.value)


def chart_html(view) -> str:
    (output,) = view.out.outputs
    return output["data"]["text/html"]


# ------------------------------------------------------------------ models


def test_condition_results_show_the_numbers_of_each_trial():
    r = E.ConditionModel(condition="crps").result
    accurate = [o for o in r.outcomes if o[0] == "ACCURATE"]
    assert accurate and accurate[0][4] == "81.2% vs 55.7%; at 3 months"
    kemler = [o for o in r.outcomes if o[0].startswith("Kemler")]
    assert "(n = 36 vs 18)" in kemler[0][4]
    assert all(o[4] for o in r.outcomes)  # no result cell left empty


def test_condition_model_refuses_an_unknown_condition_with_a_suggestion():
    with pytest.raises(data.UnknownNameError, match="Did you mean 'crps'"):
        E.ConditionModel(condition="crsp")


def test_comparison_without_procedures_is_refused_with_a_message():
    model = E.ComparisonModel(procedures=("scs_implant",))
    model.procedures = ()
    assert model.result == Refusal("Choose at least one procedure.", "info")


def test_risk_lists_never_show_two_identical_entries():
    for procedure in ("scs_implant", "drg_stimulation", "esi_transforaminal"):
        model = E.RiskModel(procedure=procedure)
        labels = [label for label, _ in model.risk_options]
        assert len(labels) == len(set(labels)), procedure
        for row in range(len(labels)):
            model.row = row
            compared = [label for label, _ in model.comparator_options]
            assert len(compared) == len(set(compared)), (procedure, labels[row])


def test_risk_framing_absolute_and_relative():
    model = E.RiskModel(procedure="scs_implant")
    model.row = [i for label, i in model.risk_options if label.startswith("Infection | Blackburn")][
        0
    ]
    comparators = model.comparators()["per_1000"]
    model.compare_with = int(comparators[comparators > 0].index[0])
    r = model.result
    assert r.framing == "absolute" and r.per_1000 == 38.0
    assert r.difference_per_1000 == pytest.approx(r.per_1000 - r.comparator_per_1000)
    words = framing_words(r)
    # whole people on one denominator, never a fraction of a person ("2.3 more per 1,000")
    assert "38 in 1,000 against" in words and not re.search(r"\d\.\d", words)
    assert re.search(r"<b>(about \d+|fewer than 1|\d+) (more|fewer) in 1,000</b>", words)
    model.framing = "relative"
    assert model.result.relative_risk == pytest.approx(r.per_1000 / r.comparator_per_1000)


def test_mme_totals_and_refusals():
    model = E.MMEModel(lines=(("oxycodone", 10.0, 2),))
    assert model.result.total == pytest.approx(30.0)  # the CDC's own example
    model.lines = (("oxycodone", 10.0, 2), ("morphine", 10.0, 3))
    assert model.result.total == pytest.approx(60.0)
    model.lines = (("oxycodone", 10.0, 2.5),)
    assert isinstance(model.result, Refusal) and "whole number, got 2.5" in model.result.message
    model.lines = (("oxycodone", 10.0, 2), ("morphine", -10.0, 3))
    assert "line 2" in model.result.message and "above 0" in model.result.message
    model.lines = ()
    assert "empty" in model.result.message


def test_mme_context_comes_from_the_data_with_its_figures():
    text = " ".join(E.MMEModel(lines=(("morphine", 10.0, 1),)).result.context)
    assert "superseded by the 2022 guideline (they were 50 and 90 MME/day)." in text
    assert "when switching opioids" in text


def test_pathway_model_simulates_and_refuses_with_plain_names():
    model = E.PathwayModel(policy="single")
    assert model.result.mean_procedures == 1.0 and set(model.result.procedures) == {1}
    model.cost_per_procedure = 250.0
    assert model.result.mean_cost == 250.0
    model.cost_per_procedure = -5.0
    assert model.result == Refusal("Cost per procedure must not be negative.")
    model.cost_per_procedure = 0.0
    model.response_rate = 1.5
    assert "Response rate must be between 0 and 1" in model.result.message
    assert "_" not in model.result.message


def test_follow_up_model_names_the_change():
    model = E.FollowUpModel(baseline=8.0, relief_pct=50.0)
    assert model.result.category == "substantial improvement" and model.result.relieved == 4.0
    model.relief_pct = 20.0
    assert model.result.category == "minimally important improvement"


def test_decision_harms_say_the_unit_each_study_counted():
    r = E.DecisionModel(scenario="facet_rfa").result
    assert {h.unit for h in r.harms} == {"lesion sites"}
    assert [h.frequency for h in r.harms] == ["5 in 1,000", "5 in 1,000"]  # 0.5% of 616 sites
    r = E.DecisionModel(scenario="fbss_scs").result
    assert [h.frequency for h in r.harms] == ["38 in 1,000", "56 in 1,000", "76 in 1,000"]
    assert (r.treatment_per_100, r.control_per_100) == (48.0, 9.0)


def test_decision_values_only_reorder():
    model = E.DecisionModel(avoid_harm=10)
    first = model.result
    assert first.order[0] == "avoid_harm" and first.lead == "one"
    model.relief = 10
    assert model.result.lead == "tie" and model.result.harms == first.harms
    with pytest.raises(Exception, match="from 0 to 10"):
        model.relief = 11


# ------------------------------------------------------------------ views


EDITS = [
    (lambda: E.ConditionExplorer(), lambda v: setattr(v.dropdown, "value", "crps")),
    (lambda: E.ProcedureComparison(), lambda v: setattr(v.toggle, "value", "costs")),
    (lambda: E.RiskExplorer(), lambda v: setattr(v.procedure, "value", "scs_implant")),
    (lambda: E.RiskExplorer(), lambda v: setattr(v.row, "value", 1)),
    (lambda: E.MMECalculator(), lambda v: setattr(v.rows[0][1], "value", 20.0)),
    (lambda: E.MMECalculator(), lambda v: setattr(v.rows[1][0], "value", "morphine")),
    (lambda: E.AnticoagulationChecker(), lambda v: setattr(v.drug, "value", "apixaban")),
    (lambda: E.PathwaySimulator(), lambda v: setattr(v.response, "value", 0.7)),
    (lambda: E.FollowUpSimulator(), lambda v: setattr(v.relief, "value", 80.0)),
    (lambda: E.DecisionAid(), lambda v: setattr(v.scenario, "value", "facet_rfa")),
]


@pytest.mark.parametrize("make, edit", EDITS)
def test_one_edit_one_render(make, edit):
    view = make()
    before = (view.renders, view.text.value, view.out.outputs)
    edit(view)
    assert view.renders == before[0] + 1
    assert (view.text.value, view.out.outputs) != before[1:]


def test_controls_change_the_model():
    view = E.RiskExplorer()
    view.procedure.value = "scs_implant"
    assert view.model.procedure == "scs_implant" and view.model.compare_with == -1
    assert "Spinal cord stimulation" in view.out.outputs[0]["data"]["text/plain"]
    view = E.ProcedureComparison()
    view.select.value = ("scs_implant", "drg_stimulation")
    assert view.model.procedures == ("scs_implant", "drg_stimulation")
    assert "Spinal cord stimulation" in chart_html(view) and "transforaminal" not in chart_html(
        view
    )


def test_going_back_to_an_earlier_state_is_a_cache_hit():
    view = E.RiskExplorer()
    first = view.out.outputs[0]
    view.row.value = 1
    draws = view.draws
    view.row.value = 0
    assert view.draws == draws and view.out.outputs[0] is first


def test_same_panels_with_other_sources_is_a_cache_miss():
    view = E.RiskExplorer()
    shown = view.model.result
    assert isinstance(shown, RiskResult)
    other = dataclasses.replace(shown, sources=("farrar2001_pain",))
    view.show_result(other)
    assert view.draws == 2 and "Farrar" in chart_html(view)
    view.show_result(shown)
    assert view.draws == 2  # the first drawing again, not a third one


def test_lecture_mode_is_part_of_the_cache_key():
    view = E.FollowUpSimulator()
    normal = chart_html(view)
    style.lecture_mode(True)
    view.show_result(view.model.result)
    assert view.draws == 2 and chart_html(view) != normal


def test_mme_frequency_box_keeps_2_5_and_says_why_it_is_refused():
    view = E.MMECalculator()
    view.rows[0][2].value = 2.5
    assert view.rows[0][2].value == 2.5
    assert "whole number, got 2.5" in words(view) and view.out.outputs == ()


def test_condition_explorer_shows_trial_numbers():
    page = words(E.ConditionExplorer("crps"))
    results = page[page.index("Trial and review results") :]
    assert "<th>Result</th>" in results and "81.2% vs 55.7%" in results


def test_pathway_simulator_states_its_cap():
    view = E.PathwaySimulator()
    assert "at 8 procedures" in words(view) and "real patients have no such cap" in words(view)


def test_follow_up_at_baseline_1_reads_plainly():
    view = E.FollowUpSimulator(baseline=1.0, relief_pct=0.0)
    assert "counts as: <b>no improvement</b>" in words(view)
    assert not re.search(r"\ban? (<b>)?no improvement", words(view))


def test_anticoagulation_messages_use_names_not_ids():
    view = E.AnticoagulationChecker("sacroiliac_joint_injection", "apixabn")
    assert "Did you mean apixaban," in words(view) and "&#x27;apixaban&#x27;" not in words(view)
    view.edition.value = "2015 (1st edition)"
    assert "sacroiliac_joint_injection" not in words(view)
    assert "Sacroiliac joint injection" in words(view)
    view = E.AnticoagulationChecker("scs_implnt")
    assert "Unknown procedure" in words(view) and view.procedure.value == "scs_implant"


def test_anticoagulation_checker_keeps_its_teaching_content():
    view = E.AnticoagulationChecker("esi_interlaminar", "apixaban")
    assert "enter the creatinine clearance" in words(view)  # a DOAC's interval depends on it
    view.crcl.value = "60"
    assert "<b>stop 3 days before</b>" in words(view)
    assert "not the pain-procedure guideline" in words(view)
    assert "regional-anaesthesia (neuraxial block) guideline" in words(view)
    view.edition.value = "2015 (1st edition)"  # no regional-anaesthesia interval with 2015
    assert "stop 3 days before" not in words(view)
    view.edition.value = "2018 (2nd edition)"
    view.drug.value = "dabigatran"
    assert view.crcl.layout.display is None
    view.crcl.value = "45"  # below 50 mL/min the European guideline waits for a drug level
    assert "no fixed interval" in words(view) and "European ESAIC/ESRA" in words(view)
    view.crcl.value = "60"
    assert "<b>stop 3 days before</b>" in words(view)
    view.procedure.value = "sacroiliac_joint_injection"  # not neuraxial: nothing sourced
    assert "no sourced interval" in words(view)
    view.crcl.value = "-20"
    assert "cannot be negative" in words(view) and view.out.outputs == ()
    view.drug.value = "warfarin"
    assert view.crcl.layout.display == "none" and "Education only" in words(view)


def test_the_anticoagulation_checker_shows_a_disagreeing_study_beside_the_interval():
    view = E.AnticoagulationChecker("esi_interlaminar", "clopidogrel")
    page = words(view)
    assert "<b>stop 7 days before</b>" in page  # the handbook's figure stays the one shown
    assert "<b>Sources disagree:</b> A 2011 study" in page
    assert "stopping clopidogrel 5 days before a neuraxial injection might be adequate" in page
    assert "Benzon HT et al. (2011)" in page
    view.procedure.value = "sacroiliac_joint_injection"
    assert "Sources disagree" not in words(view)
    view.procedure.value = "esi_interlaminar"
    view.drug.value = "ticagrelor"
    assert "Sources disagree" not in words(view)


def test_every_procedure_chosen_in_the_anticoagulation_checker_shows_on_the_page():
    """Two procedures of one bleeding-risk class used to give the same page, so a student could
    not tell that the new choice had been taken."""
    view = E.AnticoagulationChecker()
    names = dict(data.load("procedures")[["procedure_id", "name"]].to_numpy())
    before = None
    for _, procedure in view.procedure.options:
        view.procedure.value = procedure
        page = words(view)
        assert page != before, f"choosing {procedure} left the page as it was"
        if not isinstance(view.model.result, Refusal):
            assert f"Procedure: <b>{names[procedure]}</b>" in page
        before = page


def test_the_anticoagulation_checker_shows_citations_never_source_ids():
    """Students read names and short citations; a source id ('uptodate_nd_...') is for maintainers."""
    ids = set(data.load("sources")["source_id"])
    view = E.AnticoagulationChecker()
    for procedure in ("esi_transforaminal", "sacroiliac_joint_injection"):
        view.procedure.value = procedure
        for _, drug in view.drug.options:
            view.drug.value = drug
            view.crcl.value = "60"
            page = words(view)
            shown = sorted(i for i in ids if i in page)
            assert not shown, f"{procedure} + {drug} shows source ids {shown}"


def test_decision_aid_states_the_unit_counted():
    view = E.DecisionAid("facet_rfa")
    text = words(view)
    assert "same denominator" not in text and "100 people" not in text
    assert "per 1,000 of what each study counted (lesion sites)" in text
    assert "5 in 1,000 lesion sites" in text


def test_every_page_and_chart_is_hidden_from_mathjax():
    view = E.ProcedureComparison(["rfa_lumbar_medial_branch", "scs_implant"], view="costs")
    assert "$" in chart_html(view)  # payments in dollars: the reason for the class
    wrapper = '<div class="ipm-explorer mathjax_ignore tex2jax_ignore">'
    assert chart_html(view).startswith(wrapper) and wrapper in view.text.value


def test_lazy_tabs_build_each_explorer_once_when_first_opened():
    made = []

    def maker(name):
        def make():
            made.append(name)
            return E.MMECalculator()

        return make

    tabs = E.LazyTabs({"a": maker("a"), "b": maker("b"), "c": maker("c")})
    assert made == ["a"] and tabs.titles == ("a", "b", "c")
    tabs.selected_index = 2
    assert made == ["a", "c"] and isinstance(tabs.children[2].children[0], E.MMECalculator)
    tabs.selected_index = 0
    tabs.selected_index = 2
    assert made == ["a", "c"], "an explorer was built twice"


def test_old_import_path_still_works():
    from ipm_lib import widgets

    assert widgets.RiskExplorer is E.RiskExplorer and widgets.Quiz


def test_decision_harm_must_be_a_complication_row(tmp_path):
    import shutil

    from ipm_lib import validate

    folder = tmp_path / "data"
    shutil.copytree(data.data_dir(), folder)
    harms = folder / "decision_harms.csv"
    harms.write_text(
        harms.read_text().replace(
            "scs_implant,lead_migration,blackburn", "scs_implant,lead_migration,rauck"
        )
    )
    problems = [str(p) for p in validate.validate(folder)]
    assert any("decision_harms.csv" in p and "complications" in p for p in problems), problems


def test_explorer_text_that_names_a_source_quotes_it():
    text = data.load("explorer_text")
    sourced = text[text["source_id"].fillna("") != ""]
    assert len(sourced) >= 3 and (sourced["quote"].fillna("").str.len() > 20).all()
    unsourced = text[text["source_id"].fillna("") == ""]
    assert set(unsourced["text_id"]) == {
        f"decision_value_{v}" for v in ("relief", "avoid_harm", "avoid_burden")
    }


def test_comparison_lists_the_procedures_without_a_figure():
    view = E.ProcedureComparison(["rfa_lumbar_medial_branch", "sacroiliac_joint_injection"])
    assert "No figure of this kind in the dataset for: Sacroiliac joint injection." in words(view)
    assert "Radiofrequency ablation, lumbar medial branches" in chart_html(view)
    view.select.value = ("rfa_lumbar_medial_branch",)
    assert "No figure" not in words(view)
