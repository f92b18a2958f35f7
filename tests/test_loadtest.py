"""The load test's bookkeeping (`make loadtest` runs it against a real hub; never run here)."""

import math

import nbformat
import pytest

from benchmarks import loadtest as L


def test_quantile_interpolates_between_ordered_values():
    assert L.quantile([4.0, 1.0, 3.0, 2.0], 0.5) == pytest.approx(2.5)
    assert L.quantile([10.0, 0.0], 0.95) == pytest.approx(9.5)
    assert L.quantile([7.0], 0.95) == 7.0
    assert math.isnan(L.quantile([], 0.5))


def student(name, spawn=None, run=None, widget=(), rss=None, error=None):
    s = L.Student(name, spawn_s=spawn, run_all_s=run, widget_ms=list(widget), rss_mib=rss)
    if error:
        s.step = "spawn"
        s.fail(error)
    return s


def test_summary_counts_failures_and_takes_quantiles_over_who_got_there():
    students = [
        student("a", spawn=2.0, run=10.0, widget=[50, 70], rss=300),
        student("b", spawn=4.0, run=20.0, widget=[90], rss=320),
        student("c", spawn=None, error="TimeoutError: server not ready in time"),
    ]
    summary = L.summarise(students)
    assert summary["students"] == 3
    assert summary["failed"] == 1
    assert summary["failures"] == {"c": "spawn: TimeoutError: server not ready in time"}
    assert summary["spawn_s"] == {"n": 2, "p50": 3.0, "p95": pytest.approx(3.9)}
    assert summary["run_all_s"]["p95"] == pytest.approx(19.5)
    assert summary["widget_ms"]["n"] == 3  # every change of every student counts
    assert summary["widget_ms"]["p50"] == 70
    assert summary["rss_per_student_mib"] == 310
    assert summary["rss_per_student_max_mib"] == 320


def test_a_failure_keeps_the_first_error_and_its_step():
    s = L.Student("x")
    s.step = "run all"
    s.fail("cell 3 of 20: error")
    s.step = "widget"
    s.fail("later")
    assert s.failed and s.error == "run all: cell 3 of 20: error"


def test_summary_line_has_the_agreed_form():
    summary = L.summarise([student("a", spawn=2.04, run=10.26, widget=[88.4], rss=301.4)])
    assert L.summary_line(summary) == (
        "1 students: 0 failed; spawn p95 2.0 s; run-all p95 10.3 s; widget p95 88 ms; "
        "RSS per student 301 MiB"
    )


def test_nobody_getting_anywhere_shows_n_a_not_zero():
    summary = L.summarise([student("a", error="boom")])
    line = L.summary_line(summary)
    assert line.startswith("1 students: 1 failed; spawn p95 n/a s;")
    assert "RSS per student n/a MiB" in line


def test_code_cells_in_order_and_only_code():
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_markdown_cell("# title"),
        nbformat.v4.new_code_cell("a = 1"),
        nbformat.v4.new_code_cell("b = a + 1"),
    ]
    as_dict = nbformat.from_dict(nb)
    assert L.code_cells(as_dict) == ["a = 1", "b = a + 1"]
    as_dict["cells"][1]["source"] = ["a = ", "1"]  # sources stored as lists of lines
    assert L.code_cells(as_dict)[0] == "a = 1"


def opened(comm_id, **state):
    return {"header": {"msg_type": "comm_open"},
            "content": {"comm_id": comm_id, "data": {"state": state}}}  # fmt: skip


def updated(comm_id, **state):
    return {"header": {"msg_type": "comm_msg"},
            "content": {"comm_id": comm_id, "data": {"method": "update", "state": state}}}  # fmt: skip


def test_widget_states_follow_open_update_and_close():
    states = {}
    L.apply_widget_message(states, opened("d1", _model_name="DropdownModel", description="Risk",
                                          _options_labels=[], index=None))  # fmt: skip
    L.apply_widget_message(states, updated("d1", _options_labels=["a", "b", "c"], index=1))
    L.apply_widget_message(states, updated("unknown", index=4))  # ignored, not created
    assert L.find_dropdown(states, "Risk") == ("d1", 1, 3)
    assert set(states) == {"d1"}
    L.apply_widget_message(states, {"header": {"msg_type": "comm_close"},
                                    "content": {"comm_id": "d1", "data": {}}})  # fmt: skip
    assert states == {}


def test_find_dropdown_refuses_missing_or_single_option():
    states = {
        "d1": {
            "_model_name": "DropdownModel",
            "description": "Other",
            "_options_labels": ["a", "b"],
        }
    }
    with pytest.raises(LookupError, match="no dropdown described 'Risk' among 1 widgets"):
        L.find_dropdown(states, "Risk")
    states["d2"] = {"_model_name": "DropdownModel", "description": "Risk", "_options_labels": ["a"]}
    with pytest.raises(LookupError, match="1 option"):
        L.find_dropdown(states, "Risk")


def test_memory_is_summed_per_user_of_this_run_only():
    run = "abc"
    procs = [
        {"environ": {L.MARKER: run, "JUPYTERHUB_USER": "s1"}, "rss_kib": 102400, "hwm_kib": 112640,
         "cmdline": "python -m jupyterhub-singleuser", "cpu_s": 3.5},
        {"environ": {L.MARKER: run, "JUPYTERHUB_USER": "s1"}, "rss_kib": 204800, "hwm_kib": 204800,
         "cmdline": "python -m ipykernel_launcher -f k.json", "cpu_s": 6.0},
        {"environ": {L.MARKER: run}, "rss_kib": 999999, "hwm_kib": 999999, "cmdline": "jupyterhub"},
        {"environ": {L.MARKER: "other", "JUPYTERHUB_USER": "s1"}, "rss_kib": 5, "hwm_kib": 5},
        {"environ": {"JUPYTERHUB_USER": "s2"}, "rss_kib": 5, "hwm_kib": 5},
    ]  # fmt: skip
    users = L.rss_by_user(procs, run)
    assert users == {
        "s1": {
            "rss_mib": 300.0,
            "peak_mib": 310.0,
            "kernel_rss_mib": 200.0,
            "cpu_s": 9.5,
            "processes": 2,
        }
    }


def test_hub_config_binds_everything_to_localhost(tmp_path):
    ports = {"proxy": 8001, "hub": 8002, "proxy_api": 8003}
    text = L.hub_config(tmp_path, ports, "admintoken", "pw", "run1")
    assert "0.0.0.0" not in text
    assert "c.JupyterHub.ip = '127.0.0.1'" in text
    assert "c.JupyterHub.hub_ip = '127.0.0.1'" in text
    assert 'api_url = "http://127.0.0.1:8003"' in text
    assert "'IPM_LOADTEST_RUN': 'run1'" in text  # how leftovers are found and killed
    compile(text, "jupyterhub_config.py", "exec")  # it is valid Python
