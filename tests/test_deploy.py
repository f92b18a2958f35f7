"""The deployment files parse and say what docs/deployment.md says they do."""

import ast

import yaml

from .conftest import ROOT


def values():
    return yaml.safe_load((ROOT / "deploy" / "z2jh" / "values.yaml").read_text())


def test_z2jh_values_size_cull_and_pin_the_image():
    v = values()
    single = v["singleuser"]
    assert single["memory"] == {"guarantee": "512M", "limit": "1G"}  # docs/deployment.md, sizing
    assert single["cpu"]["limit"] == 1
    assert single["image"]["tag"] != "latest"
    assert single["defaultUrl"] == "/lab"
    assert v["cull"]["enabled"] is True and v["cull"]["timeout"] == 3600
    assert v["hub"]["concurrentSpawnLimit"] >= 300  # a lecture starts at once
    assert v["prePuller"]["continuous"]["enabled"] is True


def test_every_placeholder_is_marked_change_me():
    text = (ROOT / "deploy" / "z2jh" / "values.yaml").read_text()
    v = values()
    assert "CHANGE-ME" in v["singleuser"]["image"]["name"]
    assert "CHANGE-ME" in v["hub"]["config"]["JupyterHub"]["authenticator_class"]
    assert "OWNER" not in text.replace("OWNER/REPO", "")  # only the documented form


def test_tljh_config_is_python_and_sets_the_clone_on_the_path():
    source = (ROOT / "deploy" / "tljh" / "ipm_course.py").read_text()
    ast.parse(source)
    assert 'c.Spawner.environment = {"PYTHONPATH": course_path}' in source
    script = (ROOT / "deploy" / "tljh" / "install_course.sh").read_text()
    assert "set -euo pipefail" in script
    assert "requirements/lock.txt" in script and "nbgitpuller==1.3.0" in script
    assert "tljh-config set limits.memory 1G" in script
