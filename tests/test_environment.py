"""environment.yml (Binder) and requirements/*.txt (local, CI) must describe the same stack."""

from __future__ import annotations

import re

import pytest
import yaml

from .conftest import ROOT

CONDA_TO_PIP = {"matplotlib-base": "matplotlib"}
NOT_PACKAGES = {"python", "pip"}
FROM_CONDA_FORGE = ("jupyterlab", "ipywidgets", "pandas", "matplotlib", "nbval")


def norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def pip_pins(*files: str) -> dict[str, str]:
    pins: dict[str, str] = {}
    for f in files:
        for line in (ROOT / "requirements" / f).read_text().splitlines():
            line = line.split("#", 1)[0].strip()
            if not line or line.startswith("-"):
                continue
            name, sep, version = line.partition("==")
            assert sep, f"requirements/{f}: '{line}' is not pinned with =="
            pins[norm(name)] = version
    return pins


def conda_spec(text: str):
    env = yaml.safe_load(text)
    conda, pip = {}, {}
    for dep in env["dependencies"]:
        if isinstance(dep, dict):
            for line in dep["pip"]:
                name, sep, version = line.partition("==")
                assert sep, f"environment.yml pip entry '{line}' must be pinned with =="
                pip[norm(name)] = version
        else:
            name, _, version = dep.partition("=")
            conda[norm(CONDA_TO_PIP.get(name, name))] = version
    return env, conda, pip


def drift(env_text: str) -> list[str]:
    env, conda, pip = conda_spec(env_text)
    pins = pip_pins("base.txt", "dev.txt")
    problems = []
    if "conda-forge" not in env["channels"]:
        problems.append("environment.yml must use conda-forge")
    py = conda.get("python", "")
    if py != "3.11":
        problems.append(f"python must be pinned to 3.11 in environment.yml, found '{py}'")
    for name, version in conda.items():
        if name in NOT_PACKAGES:
            continue
        if name not in pins:
            problems.append(f"environment.yml has {name} but requirements/*.txt does not")
        elif not version or not (pins[name] + ".").startswith(version + "."):
            problems.append(f"{name}: environment.yml '{version}' vs requirements '{pins[name]}'")
    for name, version in pip.items():
        if pins.get(name) != version:
            problems.append(
                f"{name}: environment.yml pip '{version}' vs requirements '{pins.get(name)}'"
            )
    for name in FROM_CONDA_FORGE:
        if name not in conda:
            problems.append(
                f"{name} must come from conda-forge in environment.yml (major.minor pin)"
            )
    for name in pip_pins("base.txt"):
        if name not in conda and name not in pip:
            problems.append(f"{name} is needed to run the course but missing from environment.yml")
    return problems


ENV_TEXT = (ROOT / "environment.yml").read_text()


def test_environment_yml_matches_pip_pins():
    assert drift(ENV_TEXT) == []


@pytest.mark.parametrize(
    "old,new",
    [
        ("pandas=3.1", "pandas=2.2"),
        ("matplotlib-base=3.11", "matplotlib-base=3.10"),
        ("jupyterlab-rise==0.43.1", "jupyterlab-rise==0.43.0"),
        ("python=3.11", "python=3.12"),
        ("  - nbval=0.11\n", ""),
    ],
)
def test_drift_is_detected(old, new):
    assert old in ENV_TEXT
    assert drift(ENV_TEXT.replace(old, new)), f"changing '{old}' went unnoticed"


def test_required_runtime_packages_are_in_environment():
    _, conda, pip = conda_spec(ENV_TEXT)
    assert conda["jupyterlab"].startswith("4.") and conda["ipywidgets"].startswith("8.")


def test_lock_file_pins_every_direct_requirement():
    lock = {}
    for line in (ROOT / "requirements" / "lock.txt").read_text().splitlines():
        if "==" in line:
            name, _, version = line.partition("==")
            lock[norm(name)] = version.strip()
    for name, version in pip_pins("base.txt", "dev.txt").items():
        assert lock.get(name) == version, (
            f"{name}: lock has {lock.get(name)}, requirements {version}"
        )


def test_postbuild_installs_the_package_without_dependencies():
    text = (ROOT / "postBuild").read_text()
    assert "pip install --no-deps -e ." in text
