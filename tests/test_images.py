"""Image regression of the course charts (pytest-mpl, enabled by ``--mpl`` in pyproject's addopts):
each chart kind at normal and at lecture size is compared with its baseline PNG in
``tests/baseline/``. The tolerance (RMS on a 0-255 scale) absorbs font hinting and antialiasing
differences between machines, not a moved mark, a changed colour or a missing label.

After an intended change of a chart, regenerate the baselines and look at each one:
``.venv/bin/python -m pytest tests/test_images.py --mpl-generate-path=tests/baseline``.
"""

import pytest

from ipm_lib import pathway, plots, style, trajectory

TOLERANCE = 3


def cohort(policy: str):
    params = pathway.PathwayParams(policy=policy, n_patients=300)
    result, times = pathway.simulate(params)
    return result, pathway.cumulative_procedures(times, params.horizon_months)


CHARTS = {
    "icons": lambda: plots.icon_array(
        {"Transforaminal": (4.0, 1.0, 9.0), "Interlaminar": 2.0},
        1000,
        40,
        "Example icon array",
        ["blackburn2021_complications"],
    ),
    "comparison": lambda: plots.complications_chart(["esi_transforaminal", "scs_implant"]),
    "trajectory": lambda: plots.pain_trajectory_chart(
        {"expected course": trajectory.pain_curve()},
        7.0,
        trajectory.pain_diary(trajectory.pain_curve()),
    ),
    "pathway": lambda: plots.pathway_chart(
        {"one only": cohort("single"), "repeat": cohort("repeat_on_return")}
    ),
    "forest": lambda: plots.forest_plot(
        ["c_o05", "mint_facet_pain_3mo", "mint_si_pain_3mo", "c_o25", "chou_pain_immediate"]
    ),
    "cost": lambda: plots.cost_chart(["rfa_lumbar_medial_branch", "scs_implant"]),
}


@pytest.mark.parametrize("lecture", [False, True], ids=["normal", "lecture"])
@pytest.mark.parametrize("kind", CHARTS)
@pytest.mark.mpl_image_compare(baseline_dir="baseline", tolerance=TOLERANCE, style="default")
def test_chart_looks_as_its_baseline(kind, lecture):
    style.lecture_mode(lecture)
    try:
        return CHARTS[kind]()
    finally:
        style.lecture_mode(False)
