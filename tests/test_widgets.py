"""Widgets driven headlessly: set a control, assert the model and the output changed."""

import html
import re

import ipywidgets
import matplotlib.pyplot as plt
import pytest

from ipm_lib import data, pathway, plots, style, trajectory, webchart
from ipm_lib import widgets as W
from ipm_lib.widgets import _icon_spec


@pytest.fixture(autouse=True)
def close_widgets():
    yield
    ipywidgets.Widget.close_all()
    style.lecture_mode(False)


def test_condition_explorer_follows_the_dropdown():
    view = W.ConditionExplorer()
    assert "Chronic back pain" in view.text.value
    view.dropdown.value = "crps"
    assert view.model.condition == "crps"
    assert "Kemler" in view.text.value and "Chronic back pain" not in view.text.value


def test_condition_explorer_rejects_unknown_condition():
    with pytest.raises(data.UnknownNameError, match="crps"):
        W.ConditionExplorer(condition="crsp")


def chart_html(view) -> str:
    (output,) = view.out.outputs
    return output["data"]["text/html"]


def test_procedure_comparison_redraws_for_new_choices_and_views():
    view = W.ProcedureComparison()
    first = chart_html(view)
    assert (
        "Complication rates reported in the sources" in first
        and "Epidural steroid injection" in first
    )
    view.select.value = ("scs_implant", "drg_stimulation")
    assert view.model.procedures == ("scs_implant", "drg_stimulation")
    second = chart_html(view)
    assert (
        second != first and "Spinal cord stimulation" in second and "transforaminal" not in second
    )
    view.toggle.value = "costs"
    assert "Payment for one procedure" in chart_html(view)
    view.toggle.value = "relief"
    assert "No relief-duration figures" in chart_html(view)  # none recorded for these two
    view.select.value = ()
    assert view.out.outputs == () and "at least one" in view.text.value


def test_procedure_comparison_says_each_figure_with_its_unit():
    view = W.ProcedureComparison(["medial_branch_block"], view="relief")
    page = chart_html(view)
    # 0.02245 months (lidocaine block, mean) is said in hours, not as a fraction of a month
    assert "16 hours" in page and "0.02245" not in page
    view.toggle.value = "complications"
    assert "per 1,000" in chart_html(view)


def test_risk_explorer_icon_array_and_framing():
    view = W.RiskExplorer()
    before = chart_html(view)
    assert "in 1,000" in view.text.value
    view.row.value = 1
    assert chart_html(view) != before
    view.compare.value = 0
    assert "Absolute framing" in view.text.value
    view.framing.value = "relative"
    assert "Relative framing" in view.text.value and "times" in view.text.value
    view.procedure.value = "scs_implant"
    assert "Spinal cord stimulation" in view.out.outputs[0]["data"]["text/plain"]
    assert view.compare.value == -1


def test_risk_explorer_fills_a_square_per_1000_for_each_risk():
    view = W.RiskExplorer("esi_transforaminal")
    rows = view.model.rows()
    for index in range(min(len(rows), 6)):
        view.row.value = index
        r = rows.iloc[index]
        spec = _icon_spec(r)
        spec = spec if isinstance(spec, tuple) else (spec, None, None)
        first, last = plots.icon_bounds(spec, 1000)[0]
        page = chart_html(view)
        sure = re.search(rf'<g fill="{style.HARM}">(.*?)</g>', page)
        assert (len(re.findall("<rect ", sure.group(1))) if sure else 0) == last - first
        assert f"{r['per_1000']:g} in 1,000 affected" in page  # the panel's title says the figure
        assert (
            html.escape(data.short_citation(r["source_id"])) in page
        )  # its source is named under it


def test_follow_up_widget_shows_the_state_its_sliders_give():
    view = W.FollowUpSimulator(baseline=7.0, relief_pct=50.0)
    view.relief.value = 80.0
    view.baseline.value = 6.0
    curve = trajectory.pain_curve(baseline=6.0, relief_pct=80.0, duration_days=120, flare_rise=1.0)
    expected = webchart.trajectory_html(
        {"expected course": curve}, 6.0, trajectory.pain_diary(curve)
    )
    assert chart_html(view) == expected
    assert "From 6 to 1.2" in view.text.value


def test_mme_calculator_totals_and_messages():
    view = W.MMECalculator()
    assert "30.0 MME/day" in view.text.value  # oxycodone 10 mg twice a day (the CDC example)
    drug, dose, per_day, _ = view.rows[1]
    drug.value, dose.value, per_day.value = "morphine", 10.0, 3
    assert "60.0 MME/day" in view.text.value
    dose.value = -10.0
    assert "Cannot compute" in view.text.value and "line 2" in view.text.value
    dose.value = 10.0
    view.rows[2][0].value = "fentanyl_transdermal"
    view.rows[2][1].value = 25.0
    view.rows[2][2].value = 3
    assert "patch" in view.text.value
    view.rows[2][2].value = 1
    assert "MME/day</b>" in view.text.value
    view.rows[0][1].value = 99999.0
    assert "right unit" in view.text.value


def test_anticoagulation_checker_shows_edition_and_education_label():
    view = W.AnticoagulationChecker()
    assert (
        "high" in view.text.value
        and "2018" in view.text.value
        and "Education only" in view.text.value
    )
    view.procedure.value = "rfa_lumbar_medial_branch"
    assert "<b>low</b>" in view.text.value
    view.edition.value = "2015 (1st edition)"
    assert "<b>intermediate</b>" in view.text.value
    view.procedure.value = "medial_branch_block"
    assert "(cervical)" not in view.text.value  # 2015 gave one class for all regions
    view.edition.value = "2018 (2nd edition)"
    assert "(cervical)" in view.text.value and "(lumbar or thoracic)" in view.text.value


def test_anticoagulation_checker_unknown_name_gets_did_you_mean_not_a_traceback():
    view = W.AnticoagulationChecker("scs_implant", "apixabn")
    assert "Did you mean &#x27;apixaban&#x27;" in view.text.value
    assert view.drug.value == "warfarin" and "<b>high</b>" in view.text.value
    view.drug.value = "apixaban"  # the notice goes once the student chooses
    assert "Did you mean" not in view.text.value
    view = W.AnticoagulationChecker("scs_implnt")
    assert "Unknown procedure" in view.text.value and view.procedure.value == "scs_implant"


def test_anticoagulation_checker_shows_ranges_and_unsourced_drugs():
    view = W.AnticoagulationChecker("scs_implant", "enoxaparin_therapeutic")
    assert "restart 12-24 hours after" in view.text.value
    view.drug.value = "clopidogrel"
    assert "no sourced interval" in view.text.value and "Education only" in view.text.value
    view.edition.value = "2015 (1st edition)"
    assert "no sourced interval for &#x27;clopidogrel&#x27;" in view.text.value


def test_anticoagulation_checker_names_the_neuraxial_guideline_when_it_gives_the_interval():
    view = W.AnticoagulationChecker("esi_interlaminar", "apixaban")
    assert "enter the creatinine clearance" in view.text.value  # a DOAC's interval needs it
    view.crcl.value = "60"
    text = view.text.value
    assert "<b>stop 3 days before</b>" in text
    assert (
        "regional-anaesthesia (neuraxial block) guideline" in text and "2018 (4th edition)" in text
    )
    assert "not the pain-procedure guideline" in text and "Education only" in text
    view.edition.value = "2015 (1st edition)"  # no neuraxial edition is paired with 2015
    assert "no sourced interval for &#x27;apixaban&#x27;" in view.text.value
    assert "neuraxial block) guideline" not in view.text.value
    view.edition.value = "2018 (2nd edition)"
    view.drug.value = "warfarin"  # a pain-guideline interval carries no neuraxial caveat
    assert "ASRA pain-procedure guideline" in view.text.value
    assert "neuraxial block) guideline" not in view.text.value


def test_anticoagulation_checker_interval_says_when_its_edition_is_not_stated():
    view = W.AnticoagulationChecker("scs_implant", "warfarin")
    assert "may not be the 2018 (2nd edition) value" in view.text.value
    view.edition.value = "2015 (1st edition)"
    assert "may not be the 2015 (1st edition) value" in view.text.value


def test_anticoagulation_checker_asks_for_and_checks_creatinine_clearance():
    view = W.AnticoagulationChecker("scs_implant", "warfarin")
    assert view.crcl.layout.display == "none"
    view.drug.value = "dabigatran"
    assert view.crcl.layout.display is None
    assert "enter the creatinine clearance" in view.text.value
    view.crcl.value = "-20"
    assert "cannot be negative" in view.text.value and view.out.outputs == ()
    view.crcl.value = "fifty"
    assert "must be a number" in view.text.value
    view.crcl.value = "45"
    assert "creatinine clearance entered: 45 mL/min" in view.text.value
    # below 50 mL/min the European guideline sets no fixed interval (it waits for a drug level)
    assert "no fixed interval" in view.text.value and "European ESAIC/ESRA" in view.text.value
    view.crcl.value = "60"
    assert "<b>stop 3 days before</b>" in view.text.value
    view.procedure.value = "sacroiliac_joint_injection"  # not neuraxial: nothing sourced
    assert "no sourced interval" in view.text.value


def test_anticoagulation_checker_names_procedures_the_guideline_does_not_classify():
    view = W.AnticoagulationChecker("rfa_genicular", "warfarin")
    assert "Not named in the 2018 classification" in view.text.value
    view.procedure.value = "intramuscular_injection"
    assert "<b>low</b>" in view.text.value


def test_pathway_simulator_reacts_and_refuses_bad_cost():
    view = W.PathwaySimulator()
    first = view.text.value
    view.policy.value = "single"
    assert "<b>1.0</b> procedures" in view.text.value and view.text.value != first
    assert "enter a cost per procedure" in view.text.value  # no cost given: none made up
    view.cost.value = 250
    assert "mean cost 250 per patient" in view.text.value  # one procedure each
    view.cost.value = -5
    assert "must not be negative" in view.text.value and view.out.outputs == ()


def test_pathway_simulator_shows_the_cohort_its_controls_give_and_grows_for_a_lecture():
    view = W.PathwaySimulator()
    view.response.value = 0.7
    p = view.params
    params = pathway.PathwayParams(response_rate=0.7, relief_median_months=p.relief_median_months,
                                   relief_spread=p.relief_spread, policy=p.policy, max_procedures=p.max_procedures,
                                   wait_months=p.wait_months, horizon_months=p.horizon_months,
                                   n_patients=p.n_patients, seed=p.seed)  # fmt: skip
    result, times = pathway.simulate(params)
    cohort = {
        pathway.POLICIES[p.policy]: (result, pathway.cumulative_procedures(times, p.horizon_months))
    }
    assert chart_html(view) == webchart.pathway_html(cohort, p.max_procedures)
    normal = chart_html(view)
    style.lecture_mode(True)
    view.response.value = 0.3
    view.response.value = 0.7
    assert len(re.findall(r'font-size="20"', chart_html(view))) == 2 and 'font-size="13"' in normal


def test_follow_up_simulator_names_the_change():
    view = W.FollowUpSimulator(baseline=8, relief_pct=50)
    assert "substantial improvement" in view.text.value
    view.relief.value = 20
    assert "minimally important" in view.text.value


def test_decision_aid_values_change_the_summary_not_the_numbers():
    view = W.DecisionAid()
    out = data.load("outcomes").set_index("outcome_id").loc["c_o01"]
    assert f"about {out['treatment_value']:.0f} in 100" in view.text.value
    view.sliders["avoid_harm"].value = 10
    assert "What matters most to you is avoiding complications" in view.text.value
    view.sliders["relief"].value = 10
    assert "equally" in view.text.value
    picture = chart_html(view)
    assert (
        f"{out['treatment_value']:g} in 100" in picture
    )  # the squares' title says the trial's figure
    view.scenario.value = "facet_rfa"
    assert "MINT" in view.text.value and chart_html(view) != picture


def test_explorers_leave_no_pyplot_figures():
    before = plt.get_fignums()
    W.RiskExplorer().row.value = 2
    W.FollowUpSimulator().relief.value = 70
    assert plt.get_fignums() == before


def test_cache_returns_the_same_output_for_a_state_seen_before():
    view = W.RiskExplorer()
    first = view.out.outputs[0]
    view.row.value = 1
    view.row.value = 0
    assert view.out.outputs[0] is first


def test_lazy_tabs_build_each_explorer_once_when_first_opened():
    made = []

    def maker(name):
        def make():
            made.append(name)
            return W.MMECalculator()

        return make

    tabs = W.LazyTabs({"a": maker("a"), "b": maker("b"), "c": maker("c")})
    assert made == ["a"] and tabs.titles == ("a", "b", "c")
    tabs.selected_index = 2
    assert made == ["a", "c"] and isinstance(tabs.children[2].children[0], W.MMECalculator)
    assert tabs.children[1].children == ()
    tabs.selected_index = 0
    tabs.selected_index = 2
    assert made == ["a", "c"], "an explorer was built twice"
