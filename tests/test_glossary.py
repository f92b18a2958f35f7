"""The glossary covers every abbreviation and trial name a student meets, and shows on hover."""

from __future__ import annotations

import json
import re

import pytest

from ipm_lib import data, glossary
from tools import glossary_coverage as cov

from .conftest import ROOT

# ------------------------------------------------------------------ coverage of the course


def test_every_abbreviation_and_trial_name_the_course_uses_is_in_the_glossary():
    missing = cov.uncovered(cov.course_texts(ROOT), cov.glossary_terms(ROOT), cov.trial_names(ROOT))
    listing = "\n".join(f"  {term}: {'; '.join(places)}" for term, places in missing.items())
    assert not missing, (
        f"add these to data/glossary.csv (or, if not a term, to ALLOWED with a reason):\n{listing}"
    )


def test_the_terms_issue_18_names_are_defined():
    terms = cov.glossary_terms(ROOT)
    for term in ["MBB", "dorsal rami", "ITT", "NNH", "SMD", "RMDQ", "ODI", "ASRA", "IPDAS",
                 "PROCESS", "MINT", "SENZA-RCT", "SENZA-PDN"]:  # fmt: skip
        assert term in terms, term


def test_every_allowed_non_term_has_a_reason_and_is_not_also_a_glossary_term():
    terms = cov.glossary_terms(ROOT)
    for token, reason in cov.ALLOWED.items():
        assert isinstance(reason, str) and len(reason.split()) >= 3, token
        assert token not in terms, f"{token} is both allowed as a non-term and defined"


def test_trial_names_come_from_the_outcomes_table():
    names = cov.trial_names(ROOT)
    assert {"MINT", "PROCESS", "SENZA-RCT", "TRIAL-STIM", "ACCURATE", "LESS"} <= names
    assert "Carette" not in names  # a surname, not a trial name


# ------------------------------------------------------------------ the scanner itself


@pytest.mark.parametrize(
    "text, expected",
    [
        ("An MBB before RFA", {"MBB", "RFA"}),
        ("levels L5-S1 and NG59", {"L5-S1", "NG59"}),
        ("CrCl and AoMRC", {"CrCl", "AoMRC"}),
        ("McMaster and UpToDate and PubMed", set()),  # words, not abbreviations
        ("McGrath JM et al. (2011)", set()),  # an author's initials
        ("Petersen EA (2021); Kreiner DS, President; Williams ACdeC et al.", set()),
        ("therapeutic MBB, intradiscal", {"MBB"}),  # after a small word: not initials
        ("a A and I", set()),
    ],
)
def test_candidates(text, expected):
    assert cov.candidates(text) == expected


def test_uncovered_names_each_missing_term_and_where_it_appears():
    texts = [("nb.ipynb cell 3", "The XYZQ trial and an MBB."), ("quiz.json", "XYZQ again; NNTs")]
    missing = cov.uncovered(texts, {"MBB", "NNT"})
    assert missing == {"XYZQ": ["nb.ipynb cell 3", "quiz.json"]}


def test_a_trial_name_in_mixed_case_is_checked_when_the_data_lists_it():
    texts = [("nb", "the Mint trial")]
    assert cov.uncovered(texts, set()) == {}
    assert cov.uncovered(texts, set(), {"Mint"}) == {"Mint": ["nb"]}


def test_hyphenated_tokens_are_covered_by_their_parts_or_whole():
    assert cov.covered("PRISMA-NMA", {"PRISMA", "NMA"})
    assert cov.covered("IPDAS-style", {"IPDAS"})
    assert cov.covered("SENZA-RCT", {"SENZA-RCT"})
    assert not cov.covered("SENZA-RCT", {"RCT"})
    assert cov.covered("HPA", {"HPA axis"})


def _tiny_course(root, markdown, output_html, quiz_text):
    (root / "notebooks").mkdir()
    (root / "data").mkdir()
    (root / "ipm_lib").mkdir()
    nb = {
        "cells": [
            {"cell_type": "markdown", "metadata": {}, "source": [markdown]},
            {"cell_type": "code", "metadata": {}, "execution_count": 1, "source": ["x = 'ZZQ'"],
             "outputs": [{"output_type": "display_data", "metadata": {},
                          "data": {"text/html": [output_html], "text/plain": ["..."]}}]},
        ],
        "metadata": {}, "nbformat": 4, "nbformat_minor": 5,
    }  # fmt: skip
    (root / "notebooks" / "a.ipynb").write_text(json.dumps(nb))
    (root / "data" / "quiz.json").write_text(json.dumps({"q": [{"prompt": quiz_text}]}))
    (root / "data" / "cases.json").write_text("[]")
    (root / "ipm_lib" / "widgets.py").write_text(
        '"""Docstring with DOCQ."""\nLABEL = "Show the WIDQ rate"\n'
    )


def test_course_texts_read_markdown_outputs_quiz_and_widget_text_but_not_code(tmp_path):
    _tiny_course(tmp_path, "An ABCQ here", "<p>A DEFQ</p><pre>GHIQ = 1</pre>", "Quiz KLMQ")
    missing = cov.uncovered(cov.course_texts(tmp_path), set())
    assert set(missing) == {"ABCQ", "DEFQ", "KLMQ", "WIDQ"}  # not ZZQ (code), GHIQ (pre), DOCQ
    assert missing["WIDQ"] == ["ipm_lib/widgets.py"]


# ------------------------------------------------------------------ hover definitions


def test_abbr_wraps_a_term_with_its_expansion_definition_and_source_on_hover():
    out = glossary.abbr("Before RFA, two MBB blocks.")
    assert out.startswith('Before <abbr title="radiofrequency ablation: ')
    assert ', two <abbr title="medial branch block: Local anaesthetic' in out
    assert "MBB</abbr> blocks." in out
    title = out.split('title="')[2].split('"')[0]
    assert data.short_citation("seed_overview_article").replace("&", "&amp;") in title


def test_abbr_wraps_the_first_occurrence_only_and_escapes_the_rest():
    out = glossary.abbr("MBB <b> MBB")
    assert out.count("<abbr") == 1
    assert "&lt;b&gt;" in out


def test_abbr_matches_abbreviations_in_their_own_case_only():
    assert "<abbr" not in glossary.abbr("the last one")  # LAST is an abbreviation
    assert "<abbr" in glossary.abbr("signs of LAST")
    assert "<abbr" in glossary.abbr("Red flag found")  # a plain term, any case


def test_abbr_prefers_the_longest_term_and_respects_word_edges():
    out = glossary.abbr("SENZA-RCT and ESIs and TFESI")
    assert '">SENZA-RCT</abbr>' in out
    assert '">TFESI</abbr>' in out
    assert '">ESI</abbr>' not in out  # "ESIs" is not the word ESI; TFESI is not ESI


def test_abbr_of_nothing_is_empty():
    assert glossary.abbr(None) == ""
    assert glossary.abbr("") == ""


def test_glossary_page_lists_every_term_with_its_citation():
    page = glossary.page()._repr_html_()
    g = data.glossary()
    for term in g["term"]:
        assert f">{term}<" in page.replace("&#x27;", "'").replace("&amp;", "&"), term
    assert "<details>" not in page  # the whole glossary, not folded
    assert 'title="source id: dworkin2008_immpact"' in page
    assert not re.search(r">\s*(nan|NaN|<NA>|&lt;NA&gt;|None)\s*<", page)


def test_the_glossary_page_is_linked_from_00():
    nb = json.loads((ROOT / "notebooks" / "00_start_here.ipynb").read_text(encoding="utf-8"))
    markdown = " ".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown")
    assert "(glossary.ipynb)" in markdown
    page = json.loads((ROOT / "notebooks" / "glossary.ipynb").read_text(encoding="utf-8"))
    assert "Educational use only, not clinical advice" in "".join(page["cells"][0]["source"])
    assert "glossary.page()" in "".join(page["cells"][1]["source"])
