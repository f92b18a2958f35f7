"""What a student feels, measured in a real browser (headless Debian Chromium driven by Playwright).

* Voila dashboard first paint: from navigation start to the frame in which the page's first text
  and the first explorer's chart are both visible (the chart may be the dashboard's first view,
  plain HTML, or the live widget's), with Voila's preheated kernels and the dashboard's template
  (as `make dashboard` serves it) and, for reference, without; also when the live widgets have
  drawn (the page is interactive), and the navigation's own milestones (HTML received, DOM ready,
  `load`), to show where the time goes. `--trace` adds a Chromium trace of one load, summed by
  kind of main-thread work (script compile and run, style and layout, paint).
* Click-to-paint for each explorer of the dashboard: from the browser's input event (a choice in a
  list, a toggle, a slider step) to the next frame after the explorer's output (its chart or
  table) changed; p50 and p95.
* JupyterLab "Run All Cells" for each notebook: from the menu click to the last code cell's prompt
  showing its number.

Budgets: click-to-paint p95 <= 100 ms; dashboard first paint <= 1.5 s.
Run alone with `python -m benchmarks.browser` (servers on 127.0.0.1, stopped by process group), or
as part of `make benchmark`. Never part of `make test`.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from benchmarks.loadtest import MARKER, kill_leftovers, quantile, read_processes

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]  # fmt: skip
BUDGETS = {"click_to_paint_p95_ms": 100.0, "first_paint_s": 1.5}
# What `make dashboard` passes to Voila (tests/test_browser_benchmark.py keeps the two in step).
VOILA_PREHEAT = ["--preheat_kernel=True", "--pool_size=1", "--VoilaKernelManager.fill_delay=5"]
# The dashboard's template (share/jupyter/voila/templates/ipm-dashboard): writes the first view
# (ipm_lib.dashboard) into the page as plain HTML. Found through JUPYTER_PATH.
VOILA_TEMPLATE = ["--template=ipm-dashboard"]
TEMPLATES = ROOT / "share" / "jupyter"
POOL_FILLED = re.compile(r"Kernel pool of .* is filled")

# For each tab of the dashboard, how a student changes it: (kind, which control of that kind in the
# tab, counting from 0, how many changes). kinds: "select" the next entry of a list; "toggle" the
# next toggle button; "slider" one step of a slider with the arrow keys.
EXPLORERS = {
    "Risk": ("select", 1, 8),  # the list of risks (0 is the procedure)
    "Compare procedures": ("toggle", 0, 6),
    "Decision aid": ("select", 0, 6),
    "MME": ("select", 0, 6),
    "Blood thinners": ("select", 0, 8),
    "Pathway": ("slider", 0, 8),
    "Follow-up": ("slider", 0, 8),
    "Conditions": ("select", 0, 8),
}

# In the page: time from the first input event after arming to the frame after the visible chart
# changed. Installed before any page script runs.
INIT_SCRIPT = """
(() => {
  // First paint: the frame after each of these first became visible (checked every frame).
  window.__ipmPaint = {};
  const marks = { text: '.jp-RenderedMarkdown', chart: '.ipm-chart', live: '.widget-output .ipm-chart' };
  // Shown: in the page and not inside Voila's cells while they are still hidden (no layout forced,
  // so the check does not slow the page it measures).
  const visible = sel => [...document.querySelectorAll(sel)].some(e => {
    const cells = e.closest('#rendered_cells');
    return cells === null || cells.style.display !== 'none';
  });
  const tick = () => {
    for (const [key, sel] of Object.entries(marks)) {
      if (!(key in window.__ipmPaint) && document.body && visible(sel)) {
        window.__ipmPaint[key] = null;
        requestAnimationFrame(() => { window.__ipmPaint[key] = performance.now(); });
      }
    }
    if (Object.keys(window.__ipmPaint).length < Object.keys(marks).length) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
  window.__ipmFirstChart = null;
  const seen = new MutationObserver(() => {
    if (window.__ipmFirstChart === null && document.querySelector('.widget-output .ipm-chart')) {
      const t = performance.now();
      requestAnimationFrame(() => { window.__ipmFirstChart = { found: t, painted: performance.now() }; });
      seen.disconnect();
    }
  });
  document.addEventListener('DOMContentLoaded', () =>
    seen.observe(document.body, { childList: true, subtree: true }));
  window.__ipmArm = () => {
    const target = document.querySelector('.widget-tab');
    if (target === null) { window.__ipmPending = Promise.resolve({ error: 'no tabs' }); return; }
    // What the student changed (lists, sliders, toggles, their readouts) and the tab bar do not count:
    // only a change of what the explorer shows (its chart, table or text).
    const control = '.widget-dropdown, .widget-slider, .widget-toggle-buttons, .widget-readout, ' +
      '.widget-text, .widget-inline-hbox input, .lm-TabBar';
    const shown = m => {
      const el = m.target.nodeType === 1 ? m.target : m.target.parentElement;
      return el !== null && el.closest(control) === null;
    };
    let t0 = null;
    const kinds = ['pointerdown', 'mousedown', 'keydown', 'input', 'change', 'click'];
    const onEvent = () => { if (t0 === null) t0 = performance.now(); };
    kinds.forEach(k => document.addEventListener(k, onEvent, true));
    window.__ipmPending = new Promise(resolve => {
      const done = (result) => {
        kinds.forEach(k => document.removeEventListener(k, onEvent, true));
        observer.disconnect(); clearTimeout(timer); resolve(result);
      };
      const observer = new MutationObserver(mutations => {
        if (t0 === null || !mutations.some(shown)) return;
        requestAnimationFrame(() => done({ ms: performance.now() - t0 }));
      });
      observer.observe(target, { childList: true, subtree: true, characterData: true });
      const timer = setTimeout(() => done({ error: 'no change within 20 s' }), 20000);
    });
  };
})();
"""


def stats(values: list[float]) -> dict:
    return {"n": len(values), "p50": quantile(values, 0.5), "p95": quantile(values, 0.95),
            "max": max(values) if values else float("nan"), "each": values}  # fmt: skip


def verdict(value: float, budget: float) -> str:
    if value != value:  # NaN: not measured
        return "not measured"
    return "met" if value <= budget else "MISSED"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """A server in its own process group on 127.0.0.1, with its log in a temporary folder."""

    def __init__(
        self, args: list[str], ready_path: str | None = None, ready_log: str | None = None
    ):
        self.port = free_port()
        self.workdir = Path(tempfile.mkdtemp(prefix="ipm-bench-"))
        self.args = [a.format(port=self.port, workdir=self.workdir) for a in args]
        self.ready_path = ready_path
        self.ready_log = ready_log  # a line the server logs when it listens (Voila's page may wait)
        self.log_path = self.workdir / "server.log"
        self.run_id = secrets.token_hex(8)  # marks the server and its kernels, to stop them all

    def __enter__(self):
        try:
            return self._start()
        except BaseException:
            self.__exit__(None, None, None)  # never leave a half-started server behind
            raise

    def _start(self):
        env = {**os.environ, "JUPYTER_RUNTIME_DIR": str(self.workdir), MARKER: self.run_id}
        env["JUPYTER_PATH"] = os.pathsep.join(
            filter(None, [str(TEMPLATES), env.get("JUPYTER_PATH")])
        )
        env["JUPYTER_CONFIG_PATH"] = os.pathsep.join(
            filter(None, [str(TEMPLATES / "config"), env.get("JUPYTER_CONFIG_PATH")])
        )
        env.pop("MPLBACKEND", None)
        self.log = open(self.log_path, "w")  # noqa: SIM115 (closed in __exit__)
        self.process = subprocess.Popen(self.args, cwd=ROOT, env=env, stdout=self.log,
                                        stderr=subprocess.STDOUT, start_new_session=True)  # fmt: skip
        self.base = f"http://127.0.0.1:{self.port}"
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"server exited: {self.log_path.read_text()[-2000:]}")
            if self.ready_log is not None:
                if self.ready_log in self.log_path.read_text(errors="replace"):
                    return self
                time.sleep(0.3)
                continue
            try:
                with urllib.request.urlopen(self.base + self.ready_path, timeout=2) as r:
                    if r.status == 200:
                        return self
            except OSError:
                time.sleep(0.3)
        raise TimeoutError(f"{self.base} did not answer within 300 s")

    def log_text(self) -> str:
        self.log.flush()
        return self.log_path.read_text(errors="replace")

    def __exit__(self, *exc):
        process = getattr(self, "process", None)
        if process is not None and process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=10)
        kill_leftovers(self.run_id)  # kernels run in sessions of their own
        if getattr(self, "log", None) is not None:
            self.log.close()
        shutil.rmtree(self.workdir, ignore_errors=True)


def voila_args(preheat: bool, template: bool = True) -> list[str]:
    """Voila as `make dashboard` starts it (``template``: the dashboard's template)."""
    args = [sys.executable, "-m", "voila", "--no-browser", "--Voila.ip=127.0.0.1", "--port={port}"]
    args += (VOILA_PREHEAT if preheat else []) + (VOILA_TEMPLATE if template else [])
    return args + ["notebooks/dashboard.ipynb"]


def wait_for_pool(server: Server, fills: int, timeout: float = 180) -> None:
    """Wait until Voila has logged ``fills`` filled kernel pools (one per refill)."""
    deadline = time.monotonic() + timeout
    while len(POOL_FILLED.findall(server.log_text())) < fills:
        if time.monotonic() > deadline:
            raise TimeoutError(f"Voila's kernel pool not filled {fills} time(s) in {timeout:.0f} s")
        time.sleep(0.2)


# What one page load records (seconds from navigation start), in the order they happen.
MILESTONES = {
    "html": "the page's HTML received (responseEnd)",
    "text": "first text visible (the title and disclaimer)",
    "chart": "first chart visible (the first view's or the live widget's)",
    "first_paint": "first text and first chart both visible: the budgeted figure",
    "dom_ready": "DOMContentLoaded ended",
    "load": "load event ended (the front end's scripts fetched and run)",
    "live": "the live widget's chart visible (the page is interactive)",
}
PAGE_TIMES = """() => {
  const nav = performance.getEntriesByType('navigation')[0];
  const p = window.__ipmPaint;
  const scripts = performance.getEntriesByType('resource').filter(r => r.initiatorType === 'script');
  return { html: nav.responseEnd, dom_ready: nav.domContentLoadedEventEnd, load: nav.loadEventEnd,
           text: p.text, chart: p.chart, live: p.live,
           script_files: scripts.length,
           script_mb: scripts.reduce((a, r) => a + (r.decodedBodySize || 0), 0) / 1e6 };
}"""


def page_times(raw: dict) -> dict:
    """Milestones in seconds from a page's raw times (ms), with first_paint = max(text, chart)."""
    times = {k: raw[k] / 1000 for k in ("html", "text", "chart", "dom_ready", "load", "live")}
    times["first_paint"] = max(times["text"], times["chart"])
    return {**{k: times[k] for k in MILESTONES}, "script_files": raw.get("script_files"),
            "script_mb": raw.get("script_mb")}  # fmt: skip


def summarise(loads: list[dict]) -> dict:
    """Stats of each milestone over the loads."""
    return {k: stats([load[k] for load in loads]) for k in MILESTONES} | {"loads": loads}


def cpu_seconds(run_id: str) -> float:
    """CPU-seconds used so far by the processes of one server run (the server and its kernels)."""
    return sum(p["cpu_s"] for p in read_processes() if p["environ"].get(MARKER) == run_id)


def wait_for_idle(server: Server, quiet: float = 1.0, timeout: float = 180) -> None:
    """Wait until the server and its kernels have used almost no CPU for ``quiet`` seconds.

    Voila logs its pool as filled when the pooled kernel has *started*; the kernel then still runs
    the notebook, and a page asked for before that waits for it. A student arriving at a
    preheated dashboard finds the notebook run, so the benchmark waits for it too."""
    deadline = time.monotonic() + timeout
    last = cpu_seconds(server.run_id)
    while time.monotonic() < deadline:
        time.sleep(quiet)
        now = cpu_seconds(server.run_id)
        if now - last < 0.05 * quiet:
            return
        last = now
    raise TimeoutError(f"the server's processes were still busy after {timeout:.0f} s")


def first_paint(
    browser, server: Server, preheat: bool, loads: int, warm: bool = False
) -> list[dict]:
    """Each load's milestones (seconds from navigation start), ``loads`` times, each with a freshly
    filled pool when preheating. Each load in a fresh browser profile (a student's first visit), or
    with ``warm`` in one profile whose cache a first load has filled (a student coming back)."""
    results = []
    fills = 0
    context = None
    if warm:
        context = browser.new_context(viewport={"width": 1400, "height": 1000})
        context.add_init_script(INIT_SCRIPT)
        loads += 1  # the first load fills the cache and is not counted
    for i in range(loads):
        if preheat:
            fills += 1
            wait_for_pool(server, fills)
            wait_for_idle(server)
        ctx = context or browser.new_context(viewport={"width": 1400, "height": 1000})
        if context is None:
            ctx.add_init_script(INIT_SCRIPT)
        page = ctx.new_page()
        page.goto(server.base + "/", wait_until="commit", timeout=120_000)
        page.wait_for_function(
            "() => window.__ipmPaint.live > 0 && performance.getEntriesByType('navigation')[0]"
            ".loadEventEnd > 0",
            timeout=120_000,
        )
        if not (warm and i == 0):
            results.append(page_times(page.evaluate(PAGE_TIMES)))
        page.close()
        if context is None:
            ctx.close()
    if context is not None:
        context.close()
    return results


# Main-thread work in a Chromium trace, by kind (trace event names as Chromium writes them).
TRACE_KINDS = {
    "script": {"EvaluateScript", "v8.compile", "v8.compileModule", "FunctionCall", "v8.run",
               "TimerFire", "FireAnimationFrame", "EventDispatch", "RunMicrotasks",
               "v8.evaluateModule"},
    "parse_html": {"ParseHTML"},
    "style_layout": {"UpdateLayoutTree", "Layout", "RecalculateStyles", "ParseAuthorStyleSheet"},
    "paint": {"Paint", "PaintImage", "CompositeLayers", "Layerize", "PrePaint", "UpdateLayer"},
    "gc": {"MinorGC", "MajorGC", "V8.GC_SCAVENGER", "BlinkGC.AtomicPhase"},
}  # fmt: skip


def trace_summary(events: list[dict], until_us: float | None = None) -> dict:
    """Milliseconds of top-level main-thread work by kind (nested events counted once, in their
    outermost kind), from the renderer's main thread of a Chromium trace."""
    main = {(e["pid"], e["tid"]) for e in events
            if e.get("name") == "thread_name" and e.get("args", {}).get("name") == "CrRendererMain"}  # fmt: skip
    kind_of = {name: kind for kind, names in TRACE_KINDS.items() for name in names}
    spans = sorted(
        (e["ts"], e["ts"] + e.get("dur", 0), kind_of[e["name"]])
        for e in events
        if e.get("ph") == "X" and (e.get("pid"), e.get("tid")) in main and e.get("name") in kind_of
    )
    totals = dict.fromkeys(TRACE_KINDS, 0.0)
    end_of_outer = -1.0
    for start, end, kind in spans:
        if until_us is not None and start > until_us:
            break
        if start >= end_of_outer:  # not nested in the previous top-level span
            totals[kind] += (end - start) / 1000
            end_of_outer = end
    return {k: round(v, 1) for k, v in totals.items()}


def trace_load(browser, server: Server) -> dict:
    """One preheated load under Chromium's tracing: main-thread work by kind until the live chart,
    and the bytes the kernel's websocket brought (the widgets' state)."""
    wait_for_pool(server, 1)
    wait_for_idle(server)
    ctx = browser.new_context(viewport={"width": 1400, "height": 1000})
    ctx.add_init_script(INIT_SCRIPT)
    page = ctx.new_page()
    frames: list[tuple[float, int]] = []
    t0 = time.perf_counter()
    page.on("websocket", lambda ws: ws.on("framereceived", lambda payload: frames.append(
        (time.perf_counter() - t0, len(payload)))))  # fmt: skip
    trace_path = server.workdir / "trace.json"
    browser.start_tracing(page=page, path=str(trace_path), screenshots=False,
                          categories=["devtools.timeline", "v8", "blink", "disabled-by-default-devtools.timeline"])  # fmt: skip
    page.goto(server.base + "/", wait_until="commit", timeout=120_000)
    page.wait_for_function("() => window.__ipmPaint.live > 0", timeout=120_000)
    times = page_times(page.evaluate(PAGE_TIMES)) if page.evaluate(
        "() => performance.getEntriesByType('navigation')[0].loadEventEnd > 0") else {}  # fmt: skip
    browser.stop_tracing()
    events = json.loads(trace_path.read_text())
    events = events["traceEvents"] if isinstance(events, dict) else events
    ctx.close()
    return {"times": times, "main_thread_ms": trace_summary(events),
            "websocket_frames": len(frames), "websocket_kb": round(sum(n for _, n in frames) / 1024, 1)}  # fmt: skip


def act(page, kind: str, nth: int, step: int) -> None:
    """One change as a student makes it, in the visible tab."""
    if kind == "select":
        select = page.locator(".widget-dropdown select:visible").nth(nth)
        count = select.locator("option").count()
        current = select.evaluate("s => s.selectedIndex")
        select.select_option(index=(current + 1) % count)
    elif kind == "toggle":
        buttons = page.locator(".widget-toggle-buttons button:visible")
        buttons.nth((step + 1) % buttons.count()).click()
    elif kind == "slider":
        handle = page.locator(".widget-slider .noUi-handle:visible").nth(nth)
        handle.focus()
        page.keyboard.press("ArrowRight" if (step // 3) % 2 == 0 else "ArrowLeft")
    else:
        raise ValueError(f"unknown kind of change {kind!r}")


def click_to_paint(
    browser, server: Server, changes: int | None = None, tabs: list[str] | None = None
) -> dict:
    """Each explorer's click-to-paint in one dashboard page (ms); ``changes`` per explorer instead
    of ``EXPLORERS``' counts, ``tabs`` to measure only these explorers."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    context.add_init_script(INIT_SCRIPT)
    page = context.new_page()
    page.goto(server.base + "/", timeout=120_000)
    page.wait_for_selector(".widget-output .ipm-chart", timeout=120_000)
    results = {}
    for tab, (kind, nth, count) in EXPLORERS.items():
        if tabs and tab not in tabs:
            continue
        times, errors = [], []
        try:
            page.get_by_role("tab", name=tab).click()
            page.wait_for_function(
                "() => [...document.querySelectorAll('.widget-output, .widget-html-content')]"
                ".some(c => c.offsetParent !== null && c.innerText.trim().length > 40)",
                timeout=60_000,
            )
            page.wait_for_timeout(300)  # let the tab settle before timing
            for step in range(changes or count):
                page.evaluate("() => window.__ipmArm()")
                act(page, kind, nth, step)
                result = page.evaluate("() => window.__ipmPending")
                if "ms" in result:
                    times.append(result["ms"])
                else:
                    errors.append(result["error"])
                page.wait_for_timeout(150)
        except Exception as exc:  # one explorer that fails is reported, the others still measured
            errors.append(f"{type(exc).__name__}: {str(exc).splitlines()[0]}")
            RESULTS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(RESULTS / f"click-to-paint-{tab.replace(' ', '-')}.png"))
        results[tab] = {"change": f"{kind} {nth}", **stats(times), "errors": errors}
        print(f"  {tab}: {len(times)} change(s) timed, {len(errors)} error(s)", flush=True)
    context.close()
    return results


def jupyterlab_run_all(browser, notebooks: list[Path]) -> dict:
    """Seconds from "Run All Cells" to the last code cell's prompt showing its number."""
    token = secrets.token_hex(16)
    args = [sys.executable, "-m", "jupyterlab", "--no-browser", "--ServerApp.ip=127.0.0.1",
            "--ServerApp.port={port}", f"--IdentityProvider.token={token}",
            "--LabApp.workspaces_dir={workdir}", "--LabApp.user_settings_dir={workdir}/settings",
            "--ServerApp.root_dir={workdir}/course"]  # fmt: skip
    if os.geteuid() == 0:
        args.append("--allow-root")
    results = {}
    server = Server(args, f"/api/status?token={token}")
    # JupyterLab saves what it runs: it runs copies, never the committed notebooks.
    shutil.copytree(ROOT / "notebooks", server.workdir / "course" / "notebooks")
    with server:
        settings = server.workdir / "settings" / "@jupyterlab" / "notebook-extension"
        settings.mkdir(parents=True, exist_ok=True)
        (settings / "tracker.jupyterlab-settings").write_text('{"windowingMode": "none"}')
        news = server.workdir / "settings" / "@jupyterlab" / "apputils-extension"
        news.mkdir(parents=True, exist_ok=True)
        (news / "notification.jupyterlab-settings").write_text('{"fetchNews": "false"}')
        for path in notebooks:
            context = browser.new_context(viewport={"width": 1400, "height": 1000})
            page = context.new_page()
            url = f"{server.base}/lab/tree/notebooks/{path.name}?reset&token={token}"
            page.goto(url, timeout=120_000)
            page.get_by_text("| Idle").first.wait_for(timeout=120_000)
            page.get_by_role("menuitem", name="Edit").click()
            page.get_by_text("Clear Outputs of All Cells").click()
            cells = page.locator(".jp-CodeCell").count()
            # Cells whose code is hidden show no prompt: count the prompts that can show a number.
            page.wait_for_timeout(500)
            expected = page.evaluate(
                "() => [...document.querySelectorAll('.jp-CodeCell .jp-InputPrompt')]"
                ".filter(e => e.innerText.includes('[')).length"
            )
            t0 = time.perf_counter()
            page.get_by_role("menuitem", name="Run").click()
            page.get_by_text("Run All Cells", exact=True).click()
            try:
                page.wait_for_function(
                    "n => { const p = [...document.querySelectorAll('.jp-CodeCell .jp-InputPrompt')]"
                    ".map(e => e.innerText); return !p.some(t => t.includes('*'))"
                    " && p.filter(t => /\\[\\d+\\]/.test(t)).length === n"
                    " && document.body.innerText.includes('| Idle'); }",
                    arg=expected,
                    timeout=240_000,
                    polling=50,
                )
                results[path.stem] = {"run_all_s": time.perf_counter() - t0, "code_cells": cells}
            except Exception as exc:
                RESULTS.mkdir(parents=True, exist_ok=True)
                page.screenshot(path=str(RESULTS / f"run-all-{path.stem}.png"))
                prompts = page.evaluate(
                    "() => [...document.querySelectorAll('.jp-CodeCell .jp-InputPrompt')]"
                    ".map(e => e.innerText)"
                )
                results[path.stem] = {"error": f"{type(exc).__name__}; prompts {prompts}"}
            print(f"  Run All {path.stem}: {results[path.stem]}", flush=True)
            # Shut the kernel down before the next notebook, as a student closing the tab would not.
            page.evaluate(
                "async ([token]) => { const r = await fetch('/api/kernels?token=' + token);"
                " for (const k of await r.json()) await fetch('/api/kernels/' + k.id + '?token=' + token,"
                " { method: 'DELETE' }); }",
                [token],
            )
            context.close()
    return results


# Page-load settings: key -> (label, preheated kernel, the dashboard's template, warm cache).
SETTINGS = {
    "first_paint_preheated": ("make dashboard: preheated, first view", True, True, False),
    "first_paint_preheated_warm_cache": ("as make dashboard, browser cache warm", True, True, True),
    "first_paint_lab_template": ("preheated, Voila's lab template (no first view)", True, False, False),
    "first_paint_cold": ("no preheating, first view", False, True, False),
}  # fmt: skip


def load_average() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def measure(
    loads: int = 5,
    notebooks: list[Path] | None = None,
    only: str | None = None,
    settings: list[str] | None = None,
    clicks: bool = True,
    trace: bool = False,
    changes: int | None = None,
    tabs: list[str] | None = None,
) -> dict:
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        return {"skipped": "Debian chromium is not installed (make browser-deps)"}
    notebooks = notebooks if notebooks is not None else sorted((ROOT / "notebooks").glob("*.ipynb"))
    report: dict = {"load_average_before": load_average()}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            if only in (None, "voila"):
                for key in settings or list(SETTINGS):
                    _, preheat, template, warm = SETTINGS[key]
                    args = voila_args(preheat=preheat, template=template)
                    with Server(args, ready_log="is running at") as server:
                        before = load_average()
                        loads_done = first_paint(browser, server, preheat, loads, warm=warm)
                        report[key] = summarise(loads_done) | {
                            "load_average": [before, load_average()]
                        }
                        if key == "first_paint_preheated" and clicks:
                            wait_for_pool(server, loads + 1)
                            report["click_to_paint_ms"] = click_to_paint(
                                browser, server, changes, tabs
                            )
                    print(f"  {key}: done (load average {load_average()})", flush=True)
                if trace:
                    for template in (False, True):
                        with Server(
                            voila_args(True, template), ready_log="is running at"
                        ) as server:
                            report[f"trace_{'first_view' if template else 'lab_template'}"] = (
                                trace_load(browser, server)
                            )
            if only in (None, "lab"):
                report["jupyterlab_run_all"] = jupyterlab_run_all(browser, notebooks)
        finally:
            browser.close()
    report["load_average_after"] = load_average()
    return report


def print_report(report: dict) -> None:
    if "skipped" in report:
        print(f"browser measures skipped: {report['skipped']}")
        return
    print(
        f"browser (Chromium); load average before {report['load_average_before']}, after {report['load_average_after']}"
    )
    budget = BUDGETS["first_paint_s"]
    for key, (label, *_) in SETTINGS.items():
        if key not in report:
            continue
        r = report[key]
        print(f"Voila dashboard, {label} (load average {' -> '.join(r['load_average'])}):")
        for milestone, what in MILESTONES.items():
            m = r[milestone]
            mark = (
                f"  budget <= {budget} s: {verdict(m['p95'], budget)}"
                if milestone == "first_paint"
                else ""
            )
            print(f"  {milestone:12} p50 {m['p50']:5.2f} s  p95 {m['p95']:5.2f} s  ({what}){mark}")
    for key in ("trace_lab_template", "trace_first_view"):
        if key in report:
            r = report[key]
            print(f"{key}: main thread ms {r['main_thread_ms']}; websocket {r['websocket_frames']} frames, "
                  f"{r['websocket_kb']} KiB; times {r['times']}")  # fmt: skip
    if "click_to_paint_ms" in report:
        print(f"{'explorer':20} {'change':7} {'p50 ms':>7} {'p95 ms':>7}  budget (p95 <= 100 ms)")
    for tab, r in report.get("click_to_paint_ms", {}).items():
        errors = f"  {len(r['errors'])} change(s) drew nothing" if r["errors"] else ""
        print(f"{tab:20} {r['change']:7} {r['p50']:7.0f} {r['p95']:7.0f}  "
              f"{verdict(r['p95'], BUDGETS['click_to_paint_p95_ms'])}{errors}")  # fmt: skip
    if "jupyterlab_run_all" in report:
        print(f"{'JupyterLab Run All':32} {'s':>6}")
    for name, r in report.get("jupyterlab_run_all", {}).items():
        print(f"{name:32} {r['run_all_s']:6.2f}" if "run_all_s" in r else f"{name:32} {r['error']}")


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(description="Browser measures of the course (Chromium).")
    parser.add_argument("--loads", type=int, default=5, help="dashboard page loads per setting")
    parser.add_argument("--notebooks", nargs="*", default=None, help="notebook stems for Run All")
    parser.add_argument("--only", choices=["voila", "lab"], default=None, help="measure one part")
    parser.add_argument("--settings", nargs="*", choices=list(SETTINGS), default=None,
                        help="dashboard page-load settings to measure (default: all)")  # fmt: skip
    parser.add_argument("--no-clicks", action="store_true", help="skip click-to-paint")
    parser.add_argument("--trace", action="store_true", help="profile one load with a trace")
    parser.add_argument("--changes", type=int, default=None,
                        help="changes per explorer for click-to-paint (default: each one's own)")  # fmt: skip
    parser.add_argument("--explorers", nargs="*", choices=list(EXPLORERS), default=None,
                        help="measure click-to-paint of these explorers only (default: all)")  # fmt: skip
    parser.add_argument("--output", default="browser.json", help="file name in benchmarks/results")
    args = parser.parse_args(argv)
    chosen = None
    if args.notebooks is not None:
        chosen = [ROOT / "notebooks" / f"{n.removesuffix('.ipynb')}.ipynb" for n in args.notebooks]
    report = measure(args.loads, chosen, args.only, args.settings, not args.no_clicks, args.trace,
                     args.changes, args.explorers)  # fmt: skip
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / args.output).write_text(json.dumps(report, indent=1))
    print_report(report)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
