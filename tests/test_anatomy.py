"""Anatomical schematics and the 'where does the needle go' explorer."""

from __future__ import annotations

import itertools
import shutil

import ipywidgets
import numpy as np
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.colors import to_rgb
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.text import Text

from ipm_lib import anatomy, data, style
from ipm_lib.anatomy.canvas import HIGHLIGHT
from ipm_lib.data import UnknownNameError
from ipm_lib.validate import validate

from .conftest import ROOT

# What each schematic must name, written out here (not read from the drawing code).
EXPECTED_LABELS = {
    "lumbar_sagittal": [
        "vertebral body",
        "intervertebral disc",
        "epidural space (fat)",
        "ligamentum flavum",
        "sacral hiatus",
        "dural sac with spinal fluid",
    ],
    "lumbar_axial": [
        "facet joint",
        "medial branch",
        "dorsal ramus",
        "dorsal root ganglion",
        "intervertebral foramen",
        "radicular artery",
        "epidural space",
    ],
    "cervical_axial": [
        "vertebral artery",
        "radicular artery",
        "intervertebral foramen",
        "stellate ganglion",
        "facet joint",
        "medial branch",
    ],
    "knee": [
        "superior medial\ngenicular nerve",
        "superior lateral\ngenicular nerve",
        "inferior medial\ngenicular nerve",
    ],
    "sacroiliac": ["sacroiliac joint", "lateral branches (S1-S3)", "posterior sacral foramina"],
    "abdomen_axial": ["aorta", "celiac plexus", "celiac trunk", "sympathetic chain"],
    "scs_system": ["leads in the epidural space", "pulse generator (buttock)", "epidural space"],
    "scs_trial": ["leads in the epidural space", "external stimulator"],
    "intrathecal_system": ["pump under the skin\nof the abdomen", "catheter tip"],
    "intrathecal_external": ["external pump", "catheter tip"],
}
# A route whose needle ends somewhere other than the target (a catheter or lead is threaded on).
NEEDLE_ENDS_IN = {"intrathecal_needle": "intrathecal_space"}


@pytest.fixture(autouse=True)
def _close_widgets():
    yield
    ipywidgets.Widget.close_all()
    style.lecture_mode(False)


def _texts(s):
    return [t.get_text() for t in s.ax.texts]


def test_every_schematic_is_registered_and_in_the_data_schema():
    enum = next(
        f for f in data.schema("anatomy_targets")["schema"]["fields"] if f["name"] == "schematic"
    )["constraints"]["enum"]
    assert set(EXPECTED_LABELS) == set(anatomy.SCHEMATICS) == set(enum)


@pytest.mark.parametrize("name", sorted(EXPECTED_LABELS))
def test_each_schematic_draws_with_its_labels(name):
    s = anatomy.sketch(name)
    texts = _texts(s)
    for label in EXPECTED_LABELS[name]:
        assert label in texts, f"{name} lacks the label {label!r}"


@pytest.mark.parametrize("lecture", [False, True])
@pytest.mark.parametrize("name", sorted(EXPECTED_LABELS))
def test_labels_do_not_overlap_and_are_large_enough(name, lecture):
    style.lecture_mode(lecture)
    s = anatomy.sketch(name)
    renderer = FigureCanvasAgg(s.fig).get_renderer()
    s.fig.draw_without_rendering()
    labels = [t for texts in s.labels.values() for t in texts]
    boxes = [Text.get_window_extent(t, renderer) for t in labels]  # the words, not the leader
    for (a, ta), (b, tb) in itertools.combinations(zip(boxes, labels, strict=True), 2):
        assert not a.overlaps(b), f"{name}: {ta.get_text()!r} overlaps {tb.get_text()!r}"
    smallest = min(t.get_fontsize() for t in labels)
    assert smallest >= (15 if lecture else 10)


def _data_extent(s, artist):
    inverse = s.ax.transData.inverted()
    if isinstance(artist, Line2D):
        xs, ys = artist.get_data()
        return min(xs), min(ys), max(xs), max(ys)
    box = artist.get_window_extent(FigureCanvasAgg(s.fig).get_renderer())
    (x0, y0), (x1, y1) = inverse.transform([[box.x0, box.y0], [box.x1, box.y1]])
    return x0, y0, x1, y1


def _near(point, extent, margin=3.0):
    x, y = point
    x0, y0, x1, y1 = extent
    return x0 - margin <= x <= x1 + margin and y0 - margin <= y <= y1 + margin


@pytest.mark.parametrize("procedure_id", list(data.load("procedures")["procedure_id"]))
def test_each_procedure_has_a_highlighted_target_and_its_route_or_a_reason(procedure_id):
    s, v = anatomy.procedure_sketch(procedure_id, caption=False)
    if s is None:
        assert len(v["no_schematic_reason"]) > 30
        assert "no schematic" in repr(anatomy.show(procedure_id))
        return
    target = s.parts[v["target"]]
    for artist in target:
        colour = artist.get_facecolor() if isinstance(artist, Patch) else artist.get_color()
        assert np.allclose(to_rgb(colour), to_rgb(HIGHLIGHT)), procedure_id
    assert any(t.startswith("Target: ") for t in _texts(s))
    if not v["route"]:
        assert v["route_note"], procedure_id
        assert not any(k.startswith("route:") for k in s.parts)
        return
    assert s.parts[f"route:{v['route']}"]
    end = NEEDLE_ENDS_IN.get(v["route"], v["target"])
    extents = [_data_extent(s, a) for a in s.parts[end]]
    for needle in s.routes[v["route"]]:
        assert any(_near(needle[-1], e) for e in extents), f"{procedure_id}: needle misses {end}"


def test_every_procedure_of_the_data_has_a_row_in_the_needle_table():
    procedures = set(data.load("procedures")["procedure_id"])
    table = data.load("anatomy_targets")
    assert set(table["procedure_id"]) == procedures
    explained = table["schematic"].notna() | table["no_schematic_reason"].notna()
    assert explained.all()


def test_caption_statements_come_with_their_short_citations():
    from ipm_lib.anatomy.explorer import caption_html

    html = caption_html(anatomy.view("Celiac plexus neurolysis"))
    assert "celiac trunk leaves the front of the aorta" in html
    assert "(Laboratory 38)" in html and "source id: downstate_nd_celiacplexus" in html
    fig = anatomy.procedure_figure("celiac_plexus_neurolysis")
    texts = " ".join(t.get_text() for t in fig.findobj(Text))
    for source_id in ("downstate_nd_celiacplexus", "statpearls2024_celiacplexus"):
        assert data.short_citation(source_id) in texts  # the caption under the picture


def test_a_schematic_refuses_an_unknown_target_or_route_by_name():
    with pytest.raises(
        UnknownNameError, match="knee part 'meniscus'.*Known knee parts: .*genicular_nerves"
    ):
        anatomy.sketch("knee", target="meniscus")
    with pytest.raises(UnknownNameError, match="knee route 'caudal'.*genicular"):
        anatomy.sketch("knee", route="caudal")
    with pytest.raises(UnknownNameError, match="Unknown schematic 'kne'"):
        anatomy.sketch("kne")


def test_the_explorer_changes_picture_with_the_dropdown_and_caches_it(monkeypatch):
    from ipm_lib.anatomy import explorer

    drawn = []
    real = explorer._png
    monkeypatch.setattr(explorer, "_png", lambda pid: drawn.append(pid) or real(pid))
    e = anatomy.NeedleExplorer("Medial branch block")
    first = e.picture.value
    assert 'alt="Medial branch block:' in first and "Target" not in e.caption.value
    e.dropdown.value = "stellate_ganglion_block"
    assert e.picture.value != first
    assert "Stellate ganglion block" in e.alt and "stellate ganglion lies" in e.caption.value
    e.select("Medial branch block")
    assert e.picture.value == first
    assert drawn == ["medial_branch_block", "stellate_ganglion_block"]
    assert "interactive explorer" in repr(e)


def test_the_explorer_shows_why_a_procedure_has_no_picture():
    e = anatomy.NeedleExplorer("intramuscular_injection")
    assert "No schematic: Trigger points" in e.caption.value


def test_the_explorer_refuses_an_unknown_procedure_naming_it_and_the_valid_names():
    with pytest.raises(UnknownNameError) as error:
        anatomy.NeedleExplorer("Facet joint block")
    message = str(error.value)
    assert "Unknown procedure 'Facet joint block'" in message
    assert "Medial branch block" in message and "Sacroiliac joint injection" in message
    e = anatomy.NeedleExplorer()
    with pytest.raises(UnknownNameError, match="'knee block'"):
        e.select("knee block")


@pytest.fixture
def copy(tmp_path):
    target = tmp_path / "data"
    shutil.copytree(ROOT / "data", target, ignore=shutil.ignore_patterns("*.md"))
    return target


def _edit(folder, name, old, new):
    path = folder / name
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _messages(folder):
    return [str(p) for p in validate(folder) if p.file.endswith("anatomy_targets.csv")]


def test_validation_catches_a_target_naming_an_unknown_schematic(copy):
    _edit(copy, "anatomy_targets.csv", "esi_caudal,lumbar_sagittal", "esi_caudal,lumbar_sagital")
    assert any("lumbar_sagital" in m for m in _messages(copy))


def test_validation_catches_an_unknown_procedure_and_a_missing_one(copy):
    _edit(copy, "anatomy_targets.csv", "\nesi_caudal,", "\nesi_caudall,")
    messages = _messages(copy)
    assert any("esi_caudall" in m for m in messages)
    assert any("procedure 'esi_caudal' of procedures.csv has no row" in m for m in messages)


def test_validation_catches_a_missing_reason_and_an_unknown_statement(copy):
    reason = '"Trigger points lie in whichever back muscles are tender, so there is no one'
    reason += ' anatomical target to draw."'
    _edit(copy, "anatomy_targets.csv", reason, "")
    _edit(copy, "anatomy_targets.csv", "mb_location", "mb_locaton")
    messages = _messages(copy)
    assert any("intramuscular_injection: no schematic and no reason" in m for m in messages)
    assert any("statement 'mb_locaton' is not in anatomy.csv" in m for m in messages)


def test_show_gives_a_picture_with_alt_text():
    picture = anatomy.show("esi_transforaminal")
    assert picture.png.startswith(b"\x89PNG")
    assert repr(picture).startswith("Epidural steroid injection, transforaminal:")
    assert "intervertebral foramen" in repr(picture)


def test_a_schematic_picture_says_in_words_what_it_shows():
    picture = anatomy.show_schematic("cervical_axial")
    assert picture.png.startswith(b"\x89PNG")
    assert repr(picture).startswith("Schematic: Lower cervical spine seen from below")
