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
    dashboard = re.search(r"^dashboard:.*\n\t(.+)$", makefile, re.M).group(1)
    assert "--token" in dashboard and "$(VOILA_PREHEAT)" in dashboard
    assert "--Voila.ip=127.0.0.1" in dashboard


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
