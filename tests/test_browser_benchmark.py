"""The browser benchmark's bookkeeping (its timings come from `make benchmark`, never asserted here)."""

import math
import re

import pytest

from benchmarks import browser as B

from .conftest import ROOT


def test_stats_take_quantiles_and_keep_each_value():
    r = B.stats([120.0, 80.0, 100.0, 90.0])
    assert r["n"] == 4
    assert r["p50"] == pytest.approx(95.0)
    assert r["p95"] == pytest.approx(117.0)
    assert r["max"] == 120.0
    assert r["each"] == [120.0, 80.0, 100.0, 90.0]


def test_nothing_measured_is_not_a_pass():
    r = B.stats([])
    assert r["n"] == 0 and math.isnan(r["p95"])
    assert B.verdict(r["p95"], 100.0) == "not measured"
    assert B.verdict(100.0, 100.0) == "met"
    assert B.verdict(100.1, 100.0) == "MISSED"


def test_make_dashboard_serves_what_the_benchmark_measures():
    """The preheat flags the benchmark measures are the ones `make dashboard` passes to Voila,
    and the dashboard keeps its token."""
    makefile = (ROOT / "Makefile").read_text()
    flags = re.search(r"^VOILA_PREHEAT\s*=\s*(.+)$", makefile, re.M).group(1).split()
    assert flags == B.VOILA_PREHEAT
    template = re.search(r"^VOILA_TEMPLATE\s*=\s*(.+)$", makefile, re.M).group(1).split()
    assert template == B.VOILA_TEMPLATE
    dashboard = re.search(r"^dashboard:.*\n\t(.+)$", makefile, re.M).group(1)
    assert "--token" in dashboard and "$(VOILA_PREHEAT)" in dashboard
    assert "$(VOILA_TEMPLATE)" in dashboard and "share/jupyter" in dashboard
    # Voila's settings (the shared template cache) are read by the dashboard and the benchmark alike
    assert 'JUPYTER_CONFIG_PATH="$(CURDIR)/share/jupyter/config' in dashboard
    assert (B.TEMPLATES / "config" / "voila.py").is_file()
    assert "--Voila.ip=127.0.0.1" in dashboard


def test_the_dashboard_template_is_where_voila_is_told_to_look():
    name = B.VOILA_TEMPLATE[0].split("=", 1)[1]
    assert (B.TEMPLATES / "voila" / "templates" / name / "index.html.j2").is_file()
    assert B.VOILA_TEMPLATE[0] in B.voila_args(preheat=True)
    assert B.VOILA_TEMPLATE[0] not in B.voila_args(preheat=True, template=False)


def test_first_paint_waits_for_both_the_text_and_the_chart():
    raw = {"html": 50.0, "text": 600.0, "chart": 900.0, "dom_ready": 700.0, "load": 800.0,
           "live": 4000.0, "script_files": 83, "script_mb": 4.7}  # fmt: skip
    t = B.page_times(raw)
    assert t["first_paint"] == pytest.approx(0.9)
    assert t["live"] == pytest.approx(4.0) and t["html"] == pytest.approx(0.05)
    assert list(t)[: len(B.MILESTONES)] == list(B.MILESTONES)
    s = B.summarise([t, B.page_times({**raw, "text": 1500.0})])
    assert s["first_paint"]["each"] == pytest.approx([0.9, 1.5])
    assert s["first_paint"]["p50"] == pytest.approx(1.2)


def test_trace_summary_counts_nested_work_once_on_the_main_thread_only():
    main, other = (1, 10), (1, 11)
    events = [
        {"name": "thread_name", "ph": "M", "pid": 1, "tid": 10, "args": {"name": "CrRendererMain"}},
        {"name": "thread_name", "ph": "M", "pid": 1, "tid": 11, "args": {"name": "Compositor"}},
        {"name": "EvaluateScript", "ph": "X", "pid": main[0], "tid": main[1], "ts": 0, "dur": 5000},
        {"name": "Layout", "ph": "X", "pid": main[0], "tid": main[1], "ts": 1000, "dur": 2000},
        {"name": "Layout", "ph": "X", "pid": main[0], "tid": main[1], "ts": 6000, "dur": 1000},
        {"name": "Paint", "ph": "X", "pid": other[0], "tid": other[1], "ts": 8000, "dur": 9000},
    ]
    totals = B.trace_summary(events)
    assert totals["script"] == 5.0  # the layout inside the script counted as script
    assert totals["style_layout"] == 1.0 and totals["paint"] == 0.0


def test_voila_is_started_with_or_without_preheating_on_localhost():
    hot, cold = B.voila_args(preheat=True), B.voila_args(preheat=False)
    assert "--Voila.ip=127.0.0.1" in hot and "--Voila.ip=127.0.0.1" in cold
    assert set(B.VOILA_PREHEAT) <= set(hot)
    assert not any("preheat" in a for a in cold)
    assert hot[-1] == cold[-1] == "notebooks/dashboard.ipynb"


def test_every_tab_of_the_dashboard_is_measured():
    """The tabs the benchmark clicks are the dashboard's own panels, in its order."""
    import nbformat

    nb = nbformat.read(ROOT / "notebooks" / "dashboard.ipynb", as_version=4)
    source = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    tabs = re.findall(r'^\s+"([^"]+)": widgets\.\w+', source, re.M)
    assert tabs and tabs == list(B.EXPLORERS)
    assert {kind for kind, _, _ in B.EXPLORERS.values()} <= {"select", "toggle", "slider"}


def test_the_pool_line_is_what_voila_logs():
    assert B.POOL_FILLED.search("[Voila] Kernel pool of dashboard.ipynb is filled with 1 kernel(s)")
    assert not B.POOL_FILLED.search("[Voila] Kernel started: 123")
