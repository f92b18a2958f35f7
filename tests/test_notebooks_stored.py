"""Keep nbval strict honest: it only compares cells that were executed and stored."""

from __future__ import annotations

import json
import re

import pytest

from ipm_lib import DISCLAIMER
from ipm_lib.course import NOTEBOOKS as COURSE

from .conftest import NOTEBOOKS, ROOT

MACHINE_PATH = re.compile(r"(/(work|tmp|root|home|Users)/[A-Za-z]|[A-Z]:\\\\)")


def load(path):
    return json.loads(path.read_text(encoding="utf-8"))


def test_there_are_notebooks():
    assert NOTEBOOKS, "no notebooks found under notebooks/"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_every_code_cell_is_executed_in_order_without_errors(path):
    nb = load(path)
    code = [c for c in nb["cells"] if c["cell_type"] == "code"]
    counts = [c["execution_count"] for c in code]
    assert None not in counts, f"{path.name}: unexecuted code cells; run `make notebooks`"
    assert counts == list(range(1, len(code) + 1)), (
        f"{path.name}: execution counts {counts} are not 1..n: re-run top to bottom (`make notebooks`)"
    )
    for i, cell in enumerate(code, 1):
        for out in cell["outputs"]:
            assert out["output_type"] != "error", f"{path.name}: code cell {i} stored an error"
            assert out.get("name") != "stderr", f"{path.name}: code cell {i} wrote to stderr"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_opens_with_the_disclaimer_and_standard_kernel(path):
    nb = load(path)
    first = "".join(nb["cells"][0]["source"])
    assert nb["cells"][0]["cell_type"] == "markdown"
    assert "Educational use only, not clinical advice" in first, (
        f"{path.name}: no disclaimer on top"
    )
    assert nb["metadata"]["kernelspec"]["name"] == "python3"
    assert "Educational use only" in DISCLAIMER


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_no_machine_paths_in_notebooks(path):
    hits = MACHINE_PATH.findall(path.read_text(encoding="utf-8"))
    assert not hits, f"{path.name}: holds machine paths {hits[:3]}"


def test_course_map_lists_exactly_the_notebooks_on_disk():
    on_disk = {p.name for p in NOTEBOOKS}
    listed = {n.file for n in COURSE}
    assert listed <= on_disk, f"course map names missing notebooks: {sorted(listed - on_disk)}"
    extra = on_disk - listed - {"dashboard.ipynb", "glossary.ipynb"}  # not lessons
    assert not extra, f"notebooks not in ipm_lib.course.NOTEBOOKS: {sorted(extra)}"
    assert (ROOT / "notebooks" / "00_start_here.ipynb").exists()
