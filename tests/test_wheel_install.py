"""A normal (non-editable) wheel install finds its data and solutions and runs a notebook.

The wheel is built from a copy of what the build needs, installed into a fresh virtual environment
(its dependencies come from this environment through a .pth file, so nothing is downloaded), and
notebook 00 runs from a folder outside the repository. Under a minute: marked ``wheel``
(``pytest -m "not wheel"`` leaves it out of a quick run).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

from .conftest import ROOT

pytestmark = pytest.mark.wheel

BUILD_INPUTS = [
    "pyproject.toml",
    "setup.py",
    "MANIFEST.in",
    "README.md",
    "LICENSE",
    "ipm_lib",
    "data",
    "notebooks/solutions",
]


def run(*args, **kwargs) -> subprocess.CompletedProcess:
    result = subprocess.run(args, capture_output=True, text=True, timeout=120, **kwargs)
    assert result.returncode == 0, (
        f"{args[:4]} failed:\n{result.stdout[-2000:]}\n{result.stderr[-3000:]}"
    )
    return result


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> dict:
    """A fresh venv with the wheel installed; returns its python, the wheel and a clean environment."""
    tmp = tmp_path_factory.mktemp("wheel")
    source = tmp / "source"
    for name in BUILD_INPUTS:
        src, dst = ROOT / name, source / name
        if src.is_dir():
            shutil.copytree(
                src, dst, ignore=shutil.ignore_patterns("__pycache__", "_data", "_solutions")
            )
        else:
            dst.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dst)
    dist = tmp / "dist"
    run(
        sys.executable,
        "-m",
        "pip",
        "wheel",
        "--quiet",
        "--no-deps",
        "--no-build-isolation",
        "--wheel-dir",
        str(dist),
        str(source),
    )
    (wheel,) = dist.glob("ipm_lib-*.whl")

    venv = tmp / "venv"
    run(sys.executable, "-m", "venv", "--without-pip", str(venv))
    python = venv / "bin" / "python"
    purelib = Path(
        run(
            str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"
        ).stdout.strip()
    )
    # the dependencies (pandas, ipykernel, nbclient, ...) from this environment, after the venv's own
    (purelib / "project_dependencies.pth").write_text(sysconfig.get_path("purelib") + "\n")
    run(
        sys.executable,
        "-m",
        "pip",
        "--python",
        str(python),
        "install",
        "--quiet",
        "--no-deps",
        "--no-index",
        str(wheel),
    )

    kernels = tmp / "jupyter" / "kernels" / "python3"  # the kernel is the fresh venv's python
    kernels.mkdir(parents=True)
    spec = {
        "argv": [str(python), "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "Python 3 (wheel)",
        "language": "python",
    }
    (kernels / "kernel.json").write_text(json.dumps(spec))
    env = {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "IPM_DATA_DIR"}}
    env.update(JUPYTER_PATH=str(tmp / "jupyter"), IPM_PROGRESS_FILE=str(tmp / "progress.json"))
    outside = tmp / "class"  # a folder outside the repository, as a student's would be
    outside.mkdir()
    return {"python": python, "wheel": wheel, "env": env, "outside": outside, "purelib": purelib}


def test_the_wheel_carries_the_data_and_the_solutions(installed):
    names = zipfile.ZipFile(installed["wheel"]).namelist()
    for path in (ROOT / "data").iterdir():
        if path.is_file():
            assert f"ipm_lib/_data/{path.name}" in names
    for path in (ROOT / "notebooks" / "solutions").glob("*.py"):
        assert f"ipm_lib/_solutions/{path.name}" in names
    assert "ipm_lib/course/__init__.py" in names and not any("__pycache__" in n for n in names)


def test_the_installed_library_uses_its_own_copies_not_the_repository(installed):
    code = (
        "import json, ipm_lib, ipm_lib.course as c, ipm_lib.data as d; "
        "print(json.dumps([ipm_lib.__file__, str(d.data_dir()), str(c.SOLUTIONS), "
        "len(d.load('sources')), c.solution('04_nnt').code[:40]]))"
    )
    out = run(str(installed["python"]), "-c", code, cwd=installed["outside"], env=installed["env"])
    module, data_dir, solutions, n_sources, solution = json.loads(out.stdout)
    purelib = str(installed["purelib"])
    assert (
        module.startswith(purelib)
        and data_dir.startswith(purelib)
        and solutions.startswith(purelib)
    )
    assert n_sources > 10 and solution


def test_notebook_00_runs_from_a_folder_outside_the_repository(installed):
    notebook = installed["outside"] / "00_start_here.ipynb"
    shutil.copy2(ROOT / "notebooks" / "00_start_here.ipynb", notebook)
    code = (
        "import sys, nbformat, nbclient; nb = nbformat.read(sys.argv[1], as_version=4); "
        "nbclient.NotebookClient(nb, timeout=120, kernel_name='python3', "
        "resources={'metadata': {'path': sys.argv[2]}}).execute(); nbformat.write(nb, sys.argv[1])"
    )
    run(
        str(installed["python"]),
        "-c",
        code,
        str(notebook),
        str(installed["outside"]),
        cwd=installed["outside"],
        env=installed["env"],
    )
    outputs = [o for c in json.loads(notebook.read_text())["cells"] for o in c.get("outputs", [])]
    assert not [o for o in outputs if o["output_type"] == "error"]
    html = "".join("".join(o.get("data", {}).get("text/html", "")) for o in outputs)
    assert '<a href="04_risks.ipynb">' in html  # the course map
    assert "Download my progress" in html  # the progress table, read from the quiz bank
