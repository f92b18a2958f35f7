"""Binder fidelity: a fresh environment built only from what environment.yml and postBuild declare
(conda packages mapped to their PyPI names) imports ipm_lib and executes every notebook.

What this cannot check here: a real repo2docker build (no container engine, no conda channel on the
test machines); the README says so."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

import pytest
import yaml

from .conftest import ROOT

pytestmark = pytest.mark.browser

CONDA_TO_PIP = {"matplotlib-base": "matplotlib"}


def pip_requirements() -> list[str]:
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    reqs = []
    for dep in env["dependencies"]:
        if isinstance(dep, dict):
            reqs.extend(dep["pip"])
            continue
        name, _, version = dep.partition("=")
        if name in ("python", "pip"):
            continue
        reqs.append(f"{CONDA_TO_PIP.get(name, name)}=={version}.*" if version else name)
    return reqs


def test_mapping_covers_every_declared_package():
    reqs = pip_requirements()
    assert any(r.startswith("matplotlib==") for r in reqs)
    assert any(r.startswith("jupyterlab==4.") for r in reqs)


def test_environment_from_binder_files_runs_every_notebook(tmp_path):
    venv = tmp_path / "binder-env"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = venv / "bin" / "python"
    env = {
        k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "PYTHONPATH", "MPLBACKEND")
    }
    env["PATH"] = f"{venv / 'bin'}:{env['PATH']}"
    subprocess.run(
        [python, "-m", "pip", "install", "--quiet", *pip_requirements()], check=True, env=env
    )
    subprocess.run(["bash", str(ROOT / "postBuild")], cwd=ROOT, check=True, env=env)
    script = textwrap.dedent(
        """
        import glob, sys, nbformat
        from nbclient import NotebookClient
        import ipm_lib
        failed = []
        for path in sorted(glob.glob("notebooks/*.ipynb")):
            nb = nbformat.read(path, as_version=4)
            try:
                NotebookClient(nb, kernel_name="python3", timeout=300,
                               resources={"metadata": {"path": "notebooks"}}).execute()
            except Exception as exc:
                failed.append(f"{path}: {type(exc).__name__}: {str(exc)[:300]}")
        print("\\n".join(failed) or "all notebooks ran")
        sys.exit(1 if failed else 0)
        """
    )
    run = subprocess.run([python, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr[-2000:]
