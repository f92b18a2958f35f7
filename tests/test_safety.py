"""Safety checklist, glossary, and case studies whose best path is not the first button."""

from __future__ import annotations

import html
import shutil

import pytest

from ipm_lib import data, safety
from ipm_lib.course import bank as content
from ipm_lib.validate import validate

from .conftest import ROOT

OUTCOME_RANK = {"poor": 0, "acceptable": 1, "good": 2}


# ------------------------------------------------------------------ case studies


def first_button(node_id, node):
    return 0


def end_outcomes(case):
    """Every end outcome reachable from the start (walking the graph, not the engine)."""
    seen, todo, outcomes = set(), [case["start"]], set()
    while todo:
        nid = todo.pop()
        if nid in seen:
            continue
        seen.add(nid)
        node = case["nodes"][nid]
        if node.get("end"):
            outcomes.add(node["outcome"])
        todo.extend(ch["next"] for ch in node.get("choices", []))
    return outcomes


@pytest.mark.parametrize("case_id", sorted(content.cases()))
def test_first_button_only_does_not_reach_the_best_outcome(case_id):
    case = content.cases()[case_id]
    best = max(end_outcomes(case), key=OUTCOME_RANK.get)
    assert best == "good", "every case should have a good ending to aim for"
    path = content.play(case, first_button)
    end = case["nodes"][path[-1]]
    assert end.get("end") and end["outcome"] != best, (
        f"{case_id}: pressing the first button at every step reaches the best outcome "
        f"({' -> '.join(path)})"
    )


def best_choice_positions(case):
    """For each node with two or more choices, the positions of the choices from which a good
    ending can still be reached."""
    nodes = case["nodes"]
    can_reach_good: dict[str, bool] = {}

    def good_from(nid, trail=()):
        if nid in can_reach_good:
            return can_reach_good[nid]
        if nid in trail:
            return False
        node = nodes[nid]
        result = (
            node.get("outcome") == "good"
            if node.get("end")
            else any(good_from(ch["next"], (*trail, nid)) for ch in node["choices"])
        )
        can_reach_good[nid] = result
        return result

    positions = []
    for node in nodes.values():
        choices = node.get("choices", [])
        if len(choices) >= 2:
            good = [i for i, ch in enumerate(choices) if good_from(ch["next"])]
            if len(good) == 1:
                positions.append(good[0])
    return positions


def test_best_choice_is_not_always_at_the_same_position():
    positions = [p for case in content.cases().values() for p in best_choice_positions(case)]
    assert len(positions) >= 8
    # first, second and third buttons all occur, and no single position dominates
    assert {0, 1, 2} <= set(positions)
    assert max(positions.count(p) for p in set(positions)) <= 0.75 * len(positions)


def test_engine_reaches_an_end_and_refuses_a_missing_choice():
    case = content.cases()["crps_leg"]
    path = content.play(case, lambda node_id, node: len(node["choices"]) - 1)
    assert path[0] == case["start"] and case["nodes"][path[-1]].get("end")
    with pytest.raises(IndexError, match="crps_leg.start"):
        content.next_node(case, "start", 5)
    with pytest.raises(IndexError):
        content.next_node(case, "start", True)
    with pytest.raises(data.UnknownNameError):
        content.next_node(case, "no_such_node", 0)


def test_engine_stops_a_loop():
    case = {
        "id": "loop",
        "start": "a",
        "nodes": {
            "a": {"choices": [{"next": "b"}]},
            "b": {"choices": [{"next": "a"}]},
        },
    }
    with pytest.raises(RuntimeError, match="did not reach an end"):
        content.play(case, first_button, max_steps=10)


def test_each_new_safety_branch_is_in_the_cases():
    cases = content.cases()
    # a red flag that stops a procedure, a contraindication, technique and sedation, device MRI
    assert "flag_check" in cases["cancer_pain_intrathecal"]["nodes"]
    assert "day_check" in cases["diabetic_before_esi"]["nodes"]
    assert "procedure_room" in cases["diabetic_before_esi"]["nodes"]
    assert "implant_choice" in cases["scs_on_anticoagulant"]["nodes"]
    flag = cases["cancer_pain_intrathecal"]["nodes"]["flag_check"]
    proceed = [ch for ch in flag["choices"] if ch["next"] == "end_poor_cord"]
    assert (
        proceed and cases["cancer_pain_intrathecal"]["nodes"]["end_poor_cord"]["outcome"] == "poor"
    )


def test_crps_case_teaches_the_five_year_result():
    crps = content.cases()["crps_leg"]
    cited = {f["source_id"] for n in crps["nodes"].values() for f in n.get("facts", [])}
    assert {"kemler2008_5yr", "eldabe2020_trialstim"} <= cited
    end_good_sources = [f["source_id"] for f in crps["nodes"]["end_good"]["facts"]]
    assert "kemler2008_5yr" in end_good_sources


# ------------------------------------------------------------------ checklist


def test_checklist_is_in_order_of_use_and_sourced():
    table = safety.checklist()
    domains = list(dict.fromkeys(table["domain"].astype(str)))
    assert domains == [d for d in safety.DOMAINS if d in domains]
    assert {"red_flags", "contraindications", "blood_thinners", "consent", "imaging",
            "sedation", "after_care"} <= set(domains)  # fmt: skip
    assert table["source_id"].notna().all() and table["quote"].str.len().gt(10).all()
    red = safety.checklist("red_flags")
    assert len(red) >= 3 and set(red["domain"].astype(str)) == {"red_flags"}


def test_checklist_refuses_an_unknown_domain():
    with pytest.raises(data.UnknownNameError, match="red_flags"):
        safety.checklist("red_flag")


def test_printable_checklist_has_every_check_on_an_a4_page(tmp_path):
    page = safety.checklist_html()
    table = safety.checklist()
    assert "size: A4" in page and "<script" not in page
    assert page.count("&#9744;") == len(table)  # one tick box per check
    for check in table["check"]:
        assert html.escape(check) in page
    assert page._repr_html_() == str(page)
    saved = page.save(tmp_path / "checklist.html")
    written = (tmp_path / "checklist.html").read_text(encoding="utf-8")
    assert written.startswith("<!DOCTYPE html>") and str(page) in written
    assert "printable HTML page" in repr(page) and "<style>" not in repr(page)
    assert saved.endswith("checklist.html")


# ------------------------------------------------------------------ glossary


def test_glossary_defines_the_new_words_case_insensitively():
    entry = data.define("last")
    assert entry["term"] == "LAST"
    assert entry["expansion"] == "local anaesthetic systemic toxicity"
    assert data.define("PDPH")["source_id"] == "asamonitor_pdph"
    assert data.define("contraindication")["source_id"] == ""
    terms = list(data.glossary()["term"])
    assert terms == sorted(terms, key=str.lower)
    for word in ("TFESI", "CrCl", "PDPH", "pocket fill", "red flag"):
        assert data.define(word)["definition"]


def test_glossary_refuses_an_unknown_term():
    with pytest.raises(data.UnknownNameError, match="Did you mean 'LAST'"):
        data.define("LASTT")


@pytest.fixture
def data_copy(tmp_path):
    target = tmp_path / "data"
    shutil.copytree(ROOT / "data", target, ignore=shutil.ignore_patterns("*.md"))
    return target


def test_validator_flags_a_repeated_term_and_a_missing_expansion(data_copy):
    path = data_copy / "glossary.csv"
    text = path.read_text(encoding="utf-8")
    text = text.replace("LAST,local anaesthetic systemic toxicity,", "LAST,,", 1)
    text += "pdph,post-dural puncture headache,A second entry for the same term.,\n"
    path.write_text(text, encoding="utf-8")
    problems = validate(data_copy)
    messages = {(p.column, p.message.split(":")[0]) for p in problems if "glossary" in p.file}
    assert ("expansion", "'LAST' looks like an abbreviation") in messages
    assert any(col == "term" and "repeats the term" in msg for col, msg in messages)


def test_validator_flags_a_glossary_source_that_does_not_exist(data_copy):
    path = data_copy / "glossary.csv"
    text = path.read_text(encoding="utf-8").replace(",asamonitor_pdph\n", ",no_such_source\n", 1)
    path.write_text(text, encoding="utf-8")
    problems = [p for p in validate(data_copy) if "glossary" in p.file]
    assert problems and any("no_such_source" in p.message for p in problems)
