"""The one notebook catalogue: it matches the notebooks on disk and the README, and the map in 00
shows every notebook whole, with a link."""

from __future__ import annotations

import re

import pytest

from ipm_lib.course import NOTEBOOKS, TOPICS, course_map
from ipm_lib.course.catalogue import LESSONS, CourseMap, Notebook, by_file

from .conftest import NOTEBOOKS as ON_DISK
from .conftest import ROOT


def readme_rows() -> list[tuple[str, str]]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    table = text.split("| notebook | teaches |", 1)[1].split("\n\n", 1)[0]
    return re.findall(r"^\| `([^`]+)` \| (.+?) \|$", table, flags=re.MULTILINE)


def test_the_catalogue_lists_exactly_the_notebooks_on_disk():
    assert sorted(n.file for n in NOTEBOOKS) == sorted(p.name for p in ON_DISK), (
        "add the notebook to ipm_lib/course/catalogue.py (and the README's table), or remove it"
    )


def test_the_readme_table_is_the_catalogue():
    expected = [(n.name, n.teaches) for n in NOTEBOOKS]
    assert readme_rows() == expected, (
        "README.md's notebook table differs from ipm_lib/course/catalogue.py: copy the names and "
        "'teaches' texts from the catalogue"
    )


def test_lessons_are_numbered_in_teaching_order_and_quiz_topics_are_the_lessons_after_00():
    numbers = [n.number for n in LESSONS]
    assert numbers == [f"{i:02d}" for i in range(len(LESSONS))]
    assert all(n.file.startswith(n.number + "_") and n.minutes > 0 for n in LESSONS)
    assert (
        tuple(p.stem for p in sorted(ON_DISK) if p.name[:2].isdigit() and p.name[:2] != "00")
        == TOPICS
    )


def test_the_map_links_every_notebook_and_cuts_no_text_short():
    page = course_map()._repr_html_()
    for n in NOTEBOOKS:
        assert f'<a href="{n.file}">' in page, n.file
        assert n.teaches.replace("'", "&#x27;") in page, f"{n.file}: 'teaches' cut short"
    assert "…" not in page and "..." not in page
    assert page.count("<tr>") == len(NOTEBOOKS) + 1


def test_the_map_as_text_holds_every_title_whole():
    text = repr(course_map())
    assert all(n.title in text and n.file in text for n in NOTEBOOKS)
    assert "…" not in text


def test_an_appendix_page_gets_a_link_but_no_number_and_no_quiz():
    glossary = Notebook(
        "", "glossary.ipynb", "Glossary", "every abbreviation, spelled out", part="appendix"
    )
    shown = CourseMap((*LESSONS, glossary))
    assert '<a href="glossary.ipynb">Glossary</a>' in shown._repr_html_()
    assert shown.table.iloc[-1].tolist() == [
        "-",
        "Glossary",
        "every abbreviation, spelled out",
        "-",
        "glossary.ipynb",
    ]
    assert "glossary" not in TOPICS


@pytest.mark.parametrize(
    ("args", "match"),
    [
        (("", "glossary.ipynb", "G", "t", None, "index"), "part"),
        (("09", "09_more.md", "M", "t", 5), "ipynb"),
        (("", "10_x.ipynb", "X", "t", 5), "lesson has a number"),
        (("A", "glossary.ipynb", "G", "t", None, "appendix"), "lesson has a number"),
    ],
)
def test_a_malformed_catalogue_entry_is_refused(args, match):
    with pytest.raises(ValueError, match=match):
        Notebook(*args)


def test_an_unknown_file_is_named_with_the_place_to_add_it():
    assert by_file("04_risks.ipynb").title == "Risks and limits"
    with pytest.raises(KeyError, match="catalogue.py"):
        by_file("04_risk.ipynb")
