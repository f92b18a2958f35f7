"""What a student feels, measured in a real browser (headless Debian Chromium driven by Playwright).

* Voila dashboard first paint: from navigation start to the first explorer's chart in the page,
  with Voila's preheated kernels (as `make dashboard` serves it) and, for reference, without.
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

from benchmarks.loadtest import MARKER, kill_leftovers, quantile

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]  # fmt: skip
BUDGETS = {"click_to_paint_p95_ms": 100.0, "first_paint_s": 1.5}
# What `make dashboard` passes to Voila (tests/test_browser_benchmark.py keeps the two in step).
VOILA_PREHEAT = ["--preheat_kernel=True", "--pool_size=1"]
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


def voila_args(preheat: bool) -> list[str]:
    args = [sys.executable, "-m", "voila", "--no-browser", "--Voila.ip=127.0.0.1", "--port={port}"]
    return args + (VOILA_PREHEAT if preheat else []) + ["notebooks/dashboard.ipynb"]


def wait_for_pool(server: Server, fills: int, timeout: float = 180) -> None:
    """Wait until Voila has logged ``fills`` filled kernel pools (one per refill)."""
    deadline = time.monotonic() + timeout
    while len(POOL_FILLED.findall(server.log_text())) < fills:
        if time.monotonic() > deadline:
            raise TimeoutError(f"Voila's kernel pool not filled {fills} time(s) in {timeout:.0f} s")
        time.sleep(0.2)


def first_paint(
    browser, server: Server, preheat: bool, loads: int, warm: bool = False
) -> list[float]:
    """Seconds from navigation start to the frame after the first chart appeared, ``loads`` times,
    each with a freshly filled pool when preheating. Each load in a fresh browser profile (a
    student's first visit), or with ``warm`` in one profile whose cache a first load has filled
    (a student coming back)."""
    times = []
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
        ctx = context or browser.new_context(viewport={"width": 1400, "height": 1000})
        if context is None:
            ctx.add_init_script(INIT_SCRIPT)
        page = ctx.new_page()
        page.goto(server.base + "/", wait_until="commit", timeout=120_000)
        page.wait_for_function("() => window.__ipmFirstChart !== null", timeout=120_000)
        if not (warm and i == 0):
            times.append(page.evaluate("() => window.__ipmFirstChart.painted") / 1000)
        page.close()
        if context is None:
            ctx.close()
    if context is not None:
        context.close()
    return times


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


def click_to_paint(browser, server: Server) -> dict:
    """Each explorer's click-to-paint in one dashboard page (ms)."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    context.add_init_script(INIT_SCRIPT)
    page = context.new_page()
    page.goto(server.base + "/", timeout=120_000)
    page.wait_for_selector(".widget-output .ipm-chart", timeout=120_000)
    results = {}
    for tab, (kind, nth, changes) in EXPLORERS.items():
        times, errors = [], []
        try:
            page.get_by_role("tab", name=tab).click()
            page.wait_for_function(
                "() => [...document.querySelectorAll('.widget-output, .widget-html-content')]"
                ".some(c => c.offsetParent !== null && c.innerText.trim().length > 40)",
                timeout=60_000,
            )
            page.wait_for_timeout(300)  # let the tab settle before timing
            for step in range(changes):
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


def measure(loads: int = 5, notebooks: list[Path] | None = None, only: str | None = None) -> dict:
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        return {"skipped": "Debian chromium is not installed (make browser-deps)"}
    notebooks = notebooks if notebooks is not None else sorted((ROOT / "notebooks").glob("*.ipynb"))
    report: dict = {"load_average_before": " ".join(Path("/proc/loadavg").read_text().split()[:3])}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            if only in (None, "voila"):
                with Server(voila_args(preheat=True), ready_log="is running at") as server:
                    report["first_paint_preheated_s"] = stats(
                        first_paint(browser, server, True, loads)
                    )
                    wait_for_pool(server, loads + 1)
                    report["click_to_paint_ms"] = click_to_paint(browser, server)
                with Server(voila_args(preheat=True), ready_log="is running at") as server:
                    warm = first_paint(browser, server, True, loads, warm=True)
                    report["first_paint_preheated_warm_cache_s"] = stats(warm)
                with Server(voila_args(preheat=False), ready_log="is running at") as server:
                    report["first_paint_cold_s"] = stats(first_paint(browser, server, False, loads))
            if only in (None, "lab"):
                report["jupyterlab_run_all"] = jupyterlab_run_all(browser, notebooks)
        finally:
            browser.close()
    report["load_average_after"] = " ".join(Path("/proc/loadavg").read_text().split()[:3])
    return report


def print_report(report: dict) -> None:
    if "skipped" in report:
        print(f"browser measures skipped: {report['skipped']}")
        return
    print(
        f"browser (Chromium); load average before {report['load_average_before']}, after {report['load_average_after']}"
    )
    for key, label in (
        ("first_paint_preheated_s", "preheated"),
        ("first_paint_preheated_warm_cache_s", "preheated, browser cache warm"),
        ("first_paint_cold_s", "no preheat"),
    ):
        if key not in report:
            continue
        r = report[key]
        print(f"Voila dashboard first paint ({label}): p50 {r['p50']:.2f} s, max {r['max']:.2f} s "
              f"(budget <= {BUDGETS['first_paint_s']} s: {verdict(r['p50'], BUDGETS['first_paint_s'])})")  # fmt: skip
    print(f"{'explorer':20} {'change':7} {'p50 ms':>7} {'p95 ms':>7}  budget (p95 <= 100 ms)")
    for tab, r in report.get("click_to_paint_ms", {}).items():
        errors = f"  {len(r['errors'])} change(s) drew nothing" if r["errors"] else ""
        print(f"{tab:20} {r['change']:7} {r['p50']:7.0f} {r['p95']:7.0f}  "
              f"{verdict(r['p95'], BUDGETS['click_to_paint_p95_ms'])}{errors}")  # fmt: skip
    print(f"{'JupyterLab Run All':32} {'s':>6}")
    for name, r in report.get("jupyterlab_run_all", {}).items():
        print(f"{name:32} {r['run_all_s']:6.2f}" if "run_all_s" in r else f"{name:32} {r['error']}")


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(description="Browser measures of the course (Chromium).")
    parser.add_argument("--loads", type=int, default=5, help="dashboard page loads per setting")
    parser.add_argument("--notebooks", nargs="*", default=None, help="notebook stems for Run All")
    parser.add_argument("--only", choices=["voila", "lab"], default=None, help="measure one part")
    args = parser.parse_args(argv)
    chosen = None
    if args.notebooks is not None:
        chosen = [ROOT / "notebooks" / f"{n.removesuffix('.ipynb')}.ipynb" for n in args.notebooks]
    report = measure(args.loads, chosen, args.only)
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "browser.json").write_text(json.dumps(report, indent=1))
    print_report(report)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
