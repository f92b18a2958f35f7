"""Servers for the browser tests: started on 127.0.0.1 with a token, stopped by their process group
even when a test fails. Debian's chromium is driven by Playwright (no browser download)."""

from __future__ import annotations

import os
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

import pytest

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "artifacts" / "screenshots"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]  # fmt: skip

pytestmark = pytest.mark.browser


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(url: str, process: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited early with code {process.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise TimeoutError(f"{url} did not answer within {timeout} s")


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=5)


def on_ci() -> bool:
    """CI sets CI=true: there every test must run, so a missing browser is a failure."""
    return os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}


def need_chromium() -> None:
    """Skip a browser test on a machine without Debian's chromium; fail it on CI."""
    if Path(CHROMIUM).exists():
        return
    why = f"Debian chromium is not installed at {CHROMIUM} (make browser-deps installs it)"
    if on_ci():
        pytest.fail(f"{why}; on CI (CI=true) the browser tests must run, not be skipped")
    pytest.skip(why)


@pytest.fixture(scope="session")
def browser():
    need_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    yield page
    context.close()


def _server(
    args: list[str],
    url_path: str,
    token: str | None,
    progress_file: Path | None = None,
    extra_env: dict | None = None,
):
    port = free_port()
    workdir = tempfile.mkdtemp(prefix="ipm-server-")
    env = {**os.environ, "JUPYTER_RUNTIME_DIR": workdir, "JUPYTER_CONFIG_DIR": workdir}
    env.update(extra_env or {})
    # each server's kernels save course progress in a file of their own (answers given in one browser
    # test must not show up in another, nor in the progress table that nbval compares)
    env["IPM_PROGRESS_FILE"] = str(progress_file or Path(workdir) / "progress.json")
    env.pop("MPLBACKEND", None)
    command = [a.format(port=port, workdir=workdir, token=token or "") for a in args]
    # Render every cell (JupyterLab 4 only renders cells near the viewport by default).
    settings = Path(workdir) / "settings" / "@jupyterlab" / "notebook-extension"
    settings.mkdir(parents=True)
    (settings / "tracker.jupyterlab-settings").write_text('{"windowingMode": "none"}')
    news = Path(workdir) / "settings" / "@jupyterlab" / "apputils-extension"
    news.mkdir(parents=True)
    (news / "notification.jupyterlab-settings").write_text('{"fetchNews": "false"}')
    with open(Path(workdir) / "server.log", "w") as log:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
                                   start_new_session=True)  # fmt: skip
        base = f"http://127.0.0.1:{port}"
        try:
            wait_for(
                f"{base}{url_path}" + (f"?token={token}" if token else ""), process, timeout=90
            )
            yield base, process
        finally:
            stop(process)
    shutil.rmtree(workdir, ignore_errors=True)


@pytest.fixture(scope="session")
def lab():
    token = secrets.token_hex(16)
    args = [sys.executable, "-m", "jupyterlab", "--no-browser", "--ServerApp.ip=127.0.0.1", "--ServerApp.port={port}",
            "--IdentityProvider.token={token}", "--LabApp.workspaces_dir={workdir}",
            "--LabApp.user_settings_dir={workdir}/settings", f"--ServerApp.root_dir={ROOT}"]  # fmt: skip
    if os.geteuid() == 0:
        args.append("--allow-root")
    yield from ((base, token, proc) for base, proc in _server(args, "/api/status", token))


@pytest.fixture(scope="session")
def voila():
    args = [sys.executable, "-m", "voila", "--no-browser", "--Voila.ip=127.0.0.1", "--port={port}",
            "notebooks/dashboard.ipynb"]  # fmt: skip
    yield from ((base, proc) for base, proc in _server(args, "/", None))


@pytest.fixture(scope="session")
def voila_dashboard():
    """The dashboard as `make dashboard` serves it: preheated kernel and the dashboard's template."""
    templates = str(ROOT / "share" / "jupyter")
    paths = os.pathsep.join(filter(None, [templates, os.environ.get("JUPYTER_PATH")]))
    args = [sys.executable, "-m", "voila", "--no-browser", "--Voila.ip=127.0.0.1", "--port={port}",
            "--preheat_kernel=True", "--pool_size=1", "--template=ipm-dashboard",
            "notebooks/dashboard.ipynb"]  # fmt: skip
    servers = _server(args, "/", None, extra_env={"JUPYTER_PATH": paths})
    yield from ((base, proc) for base, proc in servers)


def screenshot(page, name: str) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=False)
    return path
