"""Load test of a class on one JupyterHub: `make loadtest STUDENTS=N` (not part of `make test`).

Starts a local JupyterHub on 127.0.0.1 only (pip's `jupyterhub`, npm's `configurable-http-proxy`,
`SimpleLocalProcessSpawner`, `DummyAuthenticator`), with the course installed in the same `.venv`.
N simulated students then act at the same moment, as a lecture hall does when the lecturer says "open
notebook 04". Each student:

1. logs in through the hub's API (a token requested with the student's user name and password);
2. starts their server and waits until the hub reports it ready (spawn time);
3. opens a kernel for `notebooks/04_risks.ipynb` through the proxy, as JupyterLab does (a session);
4. runs every code cell of the notebook in order over the kernel's websocket (run-all time);
5. changes the risk explorer's "Risk" dropdown, as the browser's widget manager does, and times the
   round trip until the kernel is idle again, having sent the new chart (widget round trip).

Then it reads the resident memory (RSS) of each student's server and kernel, stops every server and
the hub, and kills anything it started that is still alive (found by a marker in its environment).
Everything is bounded: each step has a timeout, and the whole run has a deadline.

Results: benchmarks/results/loadtest-N.json; the last line printed is the summary:
`N students: F failed; spawn p95 ... s; run-all p95 ... s; widget p95 ... ms; RSS per student ... MiB`.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import asdict, dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results"
NOTEBOOK = ROOT / "notebooks" / "04_risks.ipynb"
CHP = ROOT / "benchmarks" / "node" / "node_modules" / ".bin" / "configurable-http-proxy"
MARKER = "IPM_LOADTEST_RUN"
WIDGET_DESCRIPTION = "Risk"  # the risk explorer's dropdown of risks
WIDGET_CHANGES = 3
HOST = "127.0.0.1"


# ---------------------------------------------------------------- bookkeeping (unit-tested)


def quantile(values: list[float], q: float) -> float:
    """Linear interpolation between the ordered values (as numpy's default)."""
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    pos = (len(ordered) - 1) * q
    low = int(pos)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (pos - low)


@dataclass
class Student:
    name: str
    step: str = "not started"  # the step reached; on failure, the step that failed
    error: str | None = None
    spawn_s: float | None = None
    run_all_s: float | None = None
    widget_ms: list[float] = field(default_factory=list)
    rss_mib: float | None = None  # server + kernel, after the widget changes
    kernel_rss_mib: float | None = None  # the kernel alone
    cpu_s: float | None = None  # CPU seconds used by server + kernel from spawn to the end
    peak_rss_mib: float | None = None  # the same processes' peak (VmHWM)

    @property
    def failed(self) -> bool:
        return self.error is not None

    def fail(self, error: str) -> None:
        if self.error is None:
            self.error = f"{self.step}: {error}"


def summarise(students: list[Student]) -> dict:
    """p50/p95 of each measure over the students that got that far, and the failures by step.
    A measure no student reached is NaN, never a zero that would look like a fast result."""

    def stats(values: list[float]) -> dict:
        return {"n": len(values), "p50": quantile(values, 0.5), "p95": quantile(values, 0.95)}

    spawn = [s.spawn_s for s in students if s.spawn_s is not None]
    run_all = [s.run_all_s for s in students if s.run_all_s is not None]
    widget = [ms for s in students for ms in s.widget_ms]
    rss = [s.rss_mib for s in students if s.rss_mib is not None]
    peak = [s.peak_rss_mib for s in students if s.peak_rss_mib is not None]
    kernel = [s.kernel_rss_mib for s in students if s.kernel_rss_mib is not None]
    cpu = [s.cpu_s for s in students if s.cpu_s is not None]
    failed = [s for s in students if s.failed]
    return {
        "students": len(students),
        "failed": len(failed),
        "failures": {s.name: s.error for s in failed},
        "spawn_s": stats(spawn),
        "run_all_s": stats(run_all),
        "widget_ms": stats(widget),
        "rss_per_student_mib": statistics.median(rss) if rss else float("nan"),
        "rss_per_student_max_mib": max(rss) if rss else float("nan"),
        "peak_rss_per_student_mib": statistics.median(peak) if peak else float("nan"),
        "kernel_rss_per_student_mib": statistics.median(kernel) if kernel else float("nan"),
        "cpu_s_per_student": statistics.median(cpu) if cpu else float("nan"),
    }


def summary_line(summary: dict) -> str:
    def f(value: float, digits: int) -> str:
        return "n/a" if value != value else f"{value:.{digits}f}"  # NaN -> n/a

    return (
        f"{summary['students']} students: {summary['failed']} failed; "
        f"spawn p95 {f(summary['spawn_s']['p95'], 1)} s; "
        f"run-all p95 {f(summary['run_all_s']['p95'], 1)} s; "
        f"widget p95 {f(summary['widget_ms']['p95'], 0)} ms; "
        f"RSS per student {f(summary['rss_per_student_mib'], 0)} MiB"
    )


def code_cells(notebook: dict) -> list[str]:
    """The sources of the notebook's code cells, in order (markdown is what a student reads)."""
    cells = []
    for cell in notebook["cells"]:
        if cell["cell_type"] == "code":
            source = cell["source"]
            cells.append(source if isinstance(source, str) else "".join(source))
    return cells


def find_dropdown(states: dict[str, dict], description: str) -> tuple[str, int, int]:
    """From the widget states the kernel has sent (comm id -> state, as the browser's widget
    manager holds them), the dropdown with this description: (comm id, current index, number of
    options). The last one opened wins (a re-run cell makes a new one)."""
    found = None
    for comm_id, state in states.items():
        if state.get("_model_name") == "DropdownModel" and state.get("description") == description:
            found = (comm_id, state.get("index") or 0, len(state.get("_options_labels", [])))
    if found is None:
        raise LookupError(f"no dropdown described {description!r} among {len(states)} widgets")
    if found[2] < 2:
        raise LookupError(f"dropdown {description!r} has {found[2]} option(s): nothing to change")
    return found


def apply_widget_message(states: dict[str, dict], msg: dict) -> None:
    """Keep the widget states as a browser does: a `comm_open` creates one, an `update` changes
    some of its keys."""
    kind = msg["header"]["msg_type"]
    content = msg["content"]
    data = content.get("data", {})
    if kind == "comm_open":
        states[content["comm_id"]] = dict(data.get("state", {}))
    elif kind == "comm_msg" and data.get("method") == "update" and content["comm_id"] in states:
        states[content["comm_id"]].update(data.get("state", {}))
    elif kind == "comm_close":
        states.pop(content["comm_id"], None)


def rss_by_user(processes: list[dict], run_id: str) -> dict[str, dict[str, float]]:
    """Sum the resident and peak memory (MiB) of each user's processes (server and kernels) of this
    run. ``processes``: dicts with ``environ`` (dict), ``rss_kib`` and ``hwm_kib``."""
    users: dict[str, dict[str, float]] = {}
    for p in processes:
        env = p["environ"]
        if env.get(MARKER) != run_id or "JUPYTERHUB_USER" not in env:
            continue
        u = users.setdefault(
            env["JUPYTERHUB_USER"],
            {"rss_mib": 0.0, "peak_mib": 0.0, "kernel_rss_mib": 0.0, "cpu_s": 0.0, "processes": 0},
        )
        u["rss_mib"] += p["rss_kib"] / 1024
        u["peak_mib"] += p["hwm_kib"] / 1024
        u["cpu_s"] += p.get("cpu_s", 0.0)
        if "ipykernel" in p.get("cmdline", ""):
            u["kernel_rss_mib"] += p["rss_kib"] / 1024
        u["processes"] += 1
    return users


# ---------------------------------------------------------------- processes


def read_processes() -> list[dict]:
    """Every process we may read: pid, command line, environment, VmRSS and VmHWM (KiB)."""
    out = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            raw = Path(f"/proc/{entry}/environ").read_bytes()
            status = Path(f"/proc/{entry}/status").read_text()
            cmdline = Path(f"/proc/{entry}/cmdline").read_bytes().replace(b"\0", b" ").decode()
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        environ = dict(
            item.split("=", 1) for item in raw.decode(errors="replace").split("\0") if "=" in item
        )
        fields = {
            line.split(":")[0]: line.split()[1]
            for line in status.splitlines()
            if line.startswith(("VmRSS:", "VmHWM:"))
        }
        ticks = stat.rsplit(")", 1)[
            1
        ].split()  # fields after the command name; utime, stime: 12, 13
        cpu_s = (int(ticks[11]) + int(ticks[12])) / os.sysconf("SC_CLK_TCK")
        out.append({"pid": int(entry), "environ": environ, "cmdline": cmdline, "cpu_s": cpu_s,
                    "rss_kib": int(fields.get("VmRSS", 0)), "hwm_kib": int(fields.get("VmHWM", 0))})  # fmt: skip
    return out


def kill_leftovers(run_id: str) -> int:
    """Kill every process still carrying this run's marker (their process groups first)."""
    killed = 0
    for _ in range(3):
        left = [p["pid"] for p in read_processes() if p["environ"].get(MARKER) == run_id]
        left = [pid for pid in left if pid != os.getpid()]
        if not left:
            break
        for pid in left:
            with contextlib.suppress(OSError):
                os.killpg(os.getpgid(pid), signal.SIGKILL)
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGKILL)
            killed += 1
        time.sleep(0.5)
    return killed


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def hub_config(workdir: Path, ports: dict, admin_token: str, password: str, run_id: str) -> str:
    """A jupyterhub_config.py for this run: everything on 127.0.0.1, one process per student."""
    bin_dir = Path(sys.executable).parent
    args = ["--allow-root"] if os.geteuid() == 0 else []
    return f"""
c = get_config()  # noqa
c.JupyterHub.ip = {HOST!r}
c.JupyterHub.port = {ports["proxy"]}
c.JupyterHub.hub_ip = {HOST!r}
c.JupyterHub.hub_port = {ports["hub"]}
c.ConfigurableHTTPProxy.api_url = "http://{HOST}:{ports["proxy_api"]}"
c.ConfigurableHTTPProxy.command = [{str(CHP)!r}]
c.JupyterHub.db_url = "sqlite:///{workdir / "jupyterhub.sqlite"}"
c.JupyterHub.cookie_secret_file = {str(workdir / "cookie_secret")!r}
c.JupyterHub.pid_file = {str(workdir / "jupyterhub.pid")!r}
c.JupyterHub.authenticator_class = "dummy"
c.DummyAuthenticator.password = {password!r}
c.Authenticator.allow_all = True
c.JupyterHub.spawner_class = "simple"
c.SimpleLocalProcessSpawner.home_dir_template = {str(workdir / "home" / "{username}")!r}
c.Spawner.cmd = [{str(bin_dir / "jupyterhub-singleuser")!r}]
c.Spawner.args = {args!r}
c.Spawner.notebook_dir = {str(ROOT)!r}
c.Spawner.default_url = "/lab"
c.Spawner.start_timeout = 300
c.Spawner.http_timeout = 300
c.Spawner.environment = {{{MARKER!r}: {run_id!r}, "PATH": {str(bin_dir) + ":/usr/bin:/bin"!r}}}
c.JupyterHub.concurrent_spawn_limit = 0
c.JupyterHub.services = [{{"name": "loadtest", "api_token": {admin_token!r}}}]
c.JupyterHub.load_roles = [{{"name": "loadtest-admin",
    "scopes": ["admin:users", "admin:servers", "read:users", "tokens"], "services": ["loadtest"]}}]
"""


# ---------------------------------------------------------------- the simulated students


class Hub:
    def __init__(self, base: str, admin_token: str):
        from tornado.httpclient import AsyncHTTPClient

        self.base = base
        self.admin_token = admin_token
        self.http = AsyncHTTPClient(max_clients=200)

    async def api(self, method: str, path: str, token: str | None = None, body=None, timeout=60):
        """A JSON request; ``token`` None means the admin's token, "" means no token at all."""
        from tornado.httpclient import HTTPClientError

        token = self.admin_token if token is None else token
        headers = {"Authorization": f"token {token}"} if token else {}
        try:
            response = await self.http.fetch(
                f"{self.base}{path}", method=method, headers=headers,
                body=None if body is None and method in ("GET", "DELETE") else json.dumps(body or {}),
                request_timeout=timeout, allow_nonstandard_methods=True,
            )  # fmt: skip
        except HTTPClientError as exc:
            detail = exc.response.body.decode(errors="replace")[:300] if exc.response else ""
            raise RuntimeError(f"{method} {path}: HTTP {exc.code} {detail}") from None
        return json.loads(response.body) if response.body else None


def message(msg_type: str, content: dict, session: str, channel: str = "shell") -> dict:
    return {
        "header": {"msg_id": uuid.uuid4().hex, "msg_type": msg_type, "username": "student",
                   "session": session, "date": "", "version": "5.3"},
        "parent_header": {}, "metadata": {}, "content": content, "channel": channel, "buffers": [],
    }  # fmt: skip


class KernelChannel:
    """The kernel's websocket as JupyterLab uses it (JSON messages, all channels on one socket)."""

    def __init__(self, ws):
        self.ws = ws
        self.session = uuid.uuid4().hex
        self.widgets: dict[str, dict] = {}  # comm id -> widget state

    async def request(self, msg_type: str, content: dict, timeout: float) -> dict:
        """Send one shell request; collect iopub until the kernel is idle for it.
        Returns {"reply": ..., "errors": [...], "comm_updates": n}."""
        msg = message(msg_type, content, self.session)
        msg_id = msg["header"]["msg_id"]
        await self.ws.write_message(json.dumps(msg))
        reply, idle, errors, updates = None, False, [], 0
        wants_reply = msg_type != "comm_msg"  # a comm message has no reply, only busy/idle
        deadline = time.monotonic() + timeout
        while (wants_reply and reply is None) or not idle:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError(f"{msg_type} not answered within {timeout:.0f} s")
            try:
                raw = await asyncio.wait_for(self.ws.read_message(), left)
            except TimeoutError:
                raise TimeoutError(f"{msg_type} not answered within {timeout:.0f} s") from None
            if raw is None:
                raise ConnectionError("kernel websocket closed")
            if isinstance(raw, bytes):
                continue  # binary messages (widget buffers) are not used by this course
            m = json.loads(raw)
            kind = m["header"]["msg_type"]
            if kind in ("comm_open", "comm_msg", "comm_close"):
                apply_widget_message(self.widgets, m)
            if m.get("parent_header", {}).get("msg_id") != msg_id:
                continue
            if kind == "error":
                errors.append(f"{m['content'].get('ename')}: {m['content'].get('evalue')}")
            elif kind == "comm_msg" and m["content"]["data"].get("method") == "update":
                updates += 1
            elif kind == "status" and m["content"]["execution_state"] == "idle":
                idle = True
            elif m.get("channel") == "shell" and kind.endswith("_reply"):
                reply = m
        return {"reply": reply, "errors": errors, "comm_updates": updates}


async def student(
    hub: Hub, s: Student, password: str, cells: list[str], ws_base: str, timeout: float
):
    from tornado.httpclient import HTTPRequest
    from tornado.websocket import websocket_connect

    t_end = time.monotonic() + timeout

    def left() -> float:
        return max(1.0, t_end - time.monotonic())

    s.step = "log in"
    token = (await hub.api("POST", f"/hub/api/users/{s.name}/tokens", token="",
                           body={"auth": {"username": s.name, "password": password},
                                 "note": "loadtest"}, timeout=left()))["token"]  # fmt: skip

    s.step = "spawn"
    t0 = time.monotonic()
    await hub.api("POST", f"/hub/api/users/{s.name}/server", token=token, timeout=left())
    polls = 0
    while True:
        model = await hub.api("GET", f"/hub/api/users/{s.name}", token=token, timeout=left())
        server = (model.get("servers") or {}).get("")
        if server and server.get("ready"):
            break
        if server is None and polls > 4 and not model.get("pending"):
            raise RuntimeError("server stopped while starting (see the hub's log)")
        polls += 1
        if time.monotonic() > t_end:
            raise TimeoutError("server not ready in time")
        await asyncio.sleep(0.25)
    s.spawn_s = time.monotonic() - t0

    s.step = "open kernel"
    user_url = f"/user/{s.name}"
    session = await hub.api("POST", f"{user_url}/api/sessions", token=token, timeout=left(),
                            body={"path": "notebooks/04_risks.ipynb", "type": "notebook",
                                  "name": "04_risks.ipynb", "kernel": {"name": "python3"}})  # fmt: skip
    kernel_id = session["kernel"]["id"]
    request = HTTPRequest(f"{ws_base}{user_url}/api/kernels/{kernel_id}/channels",
                          headers={"Authorization": f"token {token}"}, request_timeout=left())  # fmt: skip
    ws = await asyncio.wait_for(websocket_connect(request, max_message_size=256 * 2**20), left())
    channel = KernelChannel(ws)
    try:
        await channel.request("kernel_info_request", {}, timeout=min(120.0, left()))

        s.step = "run all"
        t0 = time.monotonic()
        for index, source in enumerate(cells):
            result = await channel.request(
                "execute_request",
                {"code": source, "silent": False, "store_history": True, "user_expressions": {},
                 "allow_stdin": False, "stop_on_error": True},
                timeout=left(),
            )  # fmt: skip
            status = result["reply"]["content"]["status"]
            if status != "ok" or result["errors"]:
                raise RuntimeError(f"cell {index + 1} of {len(cells)}: {status} {result['errors']}")
        s.run_all_s = time.monotonic() - t0

        s.step = "widget"
        comm_id, index, count = find_dropdown(channel.widgets, WIDGET_DESCRIPTION)
        for change in range(WIDGET_CHANGES):
            index = (index + 1) % count
            t0 = time.monotonic()
            result = await channel.request(
                "comm_msg",
                {"comm_id": comm_id, "data": {"method": "update", "state": {"index": index},
                                              "buffer_paths": []}},
                timeout=min(60.0, left()),
            )  # fmt: skip
            elapsed_ms = (time.monotonic() - t0) * 1000
            if result["errors"]:
                raise RuntimeError(f"change {change + 1}: {result['errors']}")
            if result["comm_updates"] == 0:
                raise RuntimeError(f"change {change + 1}: the kernel sent no new widget state")
            s.widget_ms.append(elapsed_ms)
        s.step = "done"
    finally:
        ws.close()


async def run_class(n: int, hub: Hub, password: str, cells: list[str], ws_base: str,
                    timeout: float) -> list[Student]:  # fmt: skip
    students = [Student(f"student{i:03d}") for i in range(1, n + 1)]
    await hub.api("POST", "/hub/api/users", body={"usernames": [s.name for s in students]})

    async def one(s: Student):
        try:
            await asyncio.wait_for(student(hub, s, password, cells, ws_base, timeout), timeout + 5)
        except Exception as exc:  # every failure is counted and reported, never raised past here
            s.fail(f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__)

    await asyncio.gather(*(one(s) for s in students))
    return students


async def stop_servers(hub: Hub, students: list[Student]) -> None:
    async def stop(s: Student):
        with contextlib.suppress(Exception):
            await hub.api("DELETE", f"/hub/api/users/{s.name}/server", timeout=30)

    await asyncio.wait_for(asyncio.gather(*(stop(s) for s in students)), 60)


def wait_for_hub(url: str, process: subprocess.Popen, timeout: float) -> None:
    import urllib.request

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"jupyterhub exited with code {process.returncode} (see its log)")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise TimeoutError(f"the hub did not answer at {url} within {timeout:.0f} s")


def load_average() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--students", type=int, default=5)
    parser.add_argument("--timeout", type=float, default=None,
                        help="seconds per student (default: 120 + 30 per student)")  # fmt: skip
    args = parser.parse_args(argv)
    if not 1 <= args.students <= 200:
        parser.error(f"--students must be between 1 and 200, got {args.students}")
    timeout = args.timeout or 120 + 30 * args.students
    if not CHP.exists():
        print(f"{CHP.relative_to(ROOT)} is missing: run `make loadtest`, which installs it",
              file=sys.stderr)  # fmt: skip
        return 2
    if shutil.which("jupyterhub", path=str(Path(sys.executable).parent)) is None:
        print(
            "jupyterhub is not installed in this environment: run `make loadtest`", file=sys.stderr
        )
        return 2

    cells = code_cells(json.loads(NOTEBOOK.read_text()))
    run_id = secrets.token_hex(8)
    admin_token, password = secrets.token_hex(24), secrets.token_hex(12)
    ports = {"proxy": free_port(), "hub": free_port(), "proxy_api": free_port()}
    workdir = Path(tempfile.mkdtemp(prefix="ipm-loadtest-"))
    (workdir / "home").mkdir()
    config = workdir / "jupyterhub_config.py"
    config.write_text(hub_config(workdir, ports, admin_token, password, run_id))
    log_path = RESULTS / f"loadtest-{args.students}-hub.log"
    RESULTS.mkdir(parents=True, exist_ok=True)
    env = {
        **os.environ,
        MARKER: run_id,
        "PATH": f"{Path(sys.executable).parent}:{os.environ['PATH']}",
    }
    load_before = load_average()
    print(f"load average before: {load_before} ({os.cpu_count()} CPUs); {args.students} students; "
          f"{len(cells)} code cells of {NOTEBOOK.name}; deadline {timeout:.0f} s per student", flush=True)  # fmt: skip

    students: list[Student] = []
    hub_rss = float("nan")
    started = time.monotonic()
    with open(log_path, "w") as log:
        process = subprocess.Popen(
            [str(Path(sys.executable).parent / "jupyterhub"), "-f", str(config)],
            cwd=workdir, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip
        base = f"http://{HOST}:{ports['proxy']}"
        hub = None
        try:
            wait_for_hub(f"{base}/hub/api/", process, 90)
            hub = Hub(base, admin_token)
            students = asyncio.run(
                run_class(
                    args.students, hub, password, cells, f"ws://{HOST}:{ports['proxy']}", timeout
                )
            )
            procs = read_processes()
            by_user = rss_by_user(procs, run_id)
            for s in students:
                if s.name in by_user and s.step == "done":
                    s.rss_mib = by_user[s.name]["rss_mib"]
                    s.peak_rss_mib = by_user[s.name]["peak_mib"]
                    s.kernel_rss_mib = by_user[s.name]["kernel_rss_mib"]
                    s.cpu_s = by_user[s.name]["cpu_s"]
            hub_rss = sum(p["rss_kib"] for p in procs if p["environ"].get(MARKER) == run_id
                          and "JUPYTERHUB_USER" not in p["environ"]) / 1024  # fmt: skip
            with contextlib.suppress(Exception):
                asyncio.run(stop_servers(Hub(base, admin_token), students))
        finally:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
                try:
                    process.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    os.killpg(process.pid, signal.SIGKILL)
                    process.wait(timeout=10)
            killed = kill_leftovers(run_id)
            shutil.rmtree(workdir, ignore_errors=True)

    summary = (
        summarise(students) if students else summarise([Student("hub", error="hub: did not start")])
    )
    summary.update({
        "load_average_before": load_before, "load_average_after": load_average(),
        "cpus": os.cpu_count(), "hub_and_proxy_rss_mib": hub_rss, "wall_s": time.monotonic() - started,
        "leftover_processes_killed": killed, "students_detail": [asdict(s) for s in students],
    })  # fmt: skip
    (RESULTS / f"loadtest-{args.students}.json").write_text(json.dumps(summary, indent=1))
    for name, error in summary["failures"].items():
        print(f"FAILED {name}: {error}")
    print(f"spawn p50 {summary['spawn_s']['p50']:.1f} s; run-all p50 {summary['run_all_s']['p50']:.1f} s; "
          f"widget p50 {summary['widget_ms']['p50']:.0f} ms; hub+proxy RSS {hub_rss:.0f} MiB; "
          f"CPU per student {summary['cpu_s_per_student']:.1f} s; "
          f"load average after: {summary['load_average_after']}; wall {summary['wall_s']:.0f} s")  # fmt: skip
    print(summary_line(summary))
    return 1 if summary["failed"] else 0


if __name__ == "__main__":
    raise SystemExit(main())
