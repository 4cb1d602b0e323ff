"""make bench: how fast four pages answer under gunicorn (issues #5 and #6), on this machine.

Builds the demo city in its own SQLite database under var/bench/, adds a generated nämnd
of 60 units × 10 goals × 3 indicators (bench/overview_data.py), starts gunicorn with 2
workers on a free loopback port, logs in as the demo editor `redaktor` and as the
generated nämnd's granskare, and loads four requests with wrk (Debian's package): the unit
plan page, a goal form, an htmx partial save that re-saves a plan section unchanged, and
the controller overview of the generated nämnd's T1. For each: p50 and p95 latency at 2
concurrent clients and throughput at 10. Every answer's status is counted; answers other
than the expected one are printed. Prints the numbers with the machine's core count;
asserts nothing and exits 0 whatever they are.

Usage: .venv/bin/python bench/serve_bench.py [--seconds 10]
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from io import StringIO
from pathlib import Path
from types import FrameType
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
BENCH_DIR = ROOT / "var" / "bench"
DATABASE = BENCH_DIR / "bench.sqlite3"
SERVER_LOG = BENCH_DIR / "gunicorn.log"
HOST = "127.0.0.1"  # loopback only, never 0.0.0.0
WORKERS = 2
LATENCY_CLIENTS = 2
THROUGHPUT_CLIENTS = 10
P95_GOAL_MS = 150.0
OVERVIEW_P95_GOAL_MS = 200.0  # issue #6: the overview of a nämnd of 60 units
USERNAME = "redaktor"
PASSWORD = "styrkedja-demo"

os.environ["DATABASE_URL"] = f"sqlite:///{DATABASE}"
os.environ["DJANGO_DEBUG"] = "false"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "styrkedja.settings")

import django  # noqa: E402

django.setup()

from django.contrib.staticfiles.storage import ManifestFilesMixin, staticfiles_storage  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connections  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

from bench.overview_data import UNITS, build_overview_council  # noqa: E402
from styrkedja.goals.outline import plan_goals  # noqa: E402
from styrkedja.org.models import Membership, Role  # noqa: E402
from styrkedja.periods.models import PeriodKind  # noqa: E402
from styrkedja.plans.forms import SectionForm  # noqa: E402
from styrkedja.plans.models import Plan, PlanSection  # noqa: E402


@dataclass
class Target:
    """One request to load: what it is, how to send it, which status is a success."""

    label: str
    path: str
    method: str = "GET"
    headers: dict[str, str] = field(default_factory=dict)
    body: str = ""
    expected: int = 200
    p95_goal_ms: float = P95_GOAL_MS


@dataclass
class Run:
    """What one wrk run measured."""

    clients: int
    requests: int
    seconds: float
    p50_ms: float
    p95_ms: float
    statuses: dict[int, int]
    socket_errors: dict[str, int]

    @property
    def per_second(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0


# Preparing the database ------------------------------------------------------------------


def section_values(section: PlanSection) -> dict[str, str]:
    """What the section's edit form holds, as the browser would send it back."""
    form = SectionForm(instance=section)
    return {
        name: "" if (value := form[name].value()) is None else str(value) for name in form.fields
    }


def prepare_database() -> dict[str, str]:
    """A fresh database with the demo city and the generated nämnd; returns the paths of the
    requests' objects."""
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{DATABASE}{suffix}").unlink(missing_ok=True)
    call_command("migrate", verbosity=0)
    call_command("seed_demo", stdout=StringIO())
    # gunicorn serves no static files and the benchmark loads HTML only; only a manifest
    # storage needs collectstatic for {% static %} to work with DEBUG off.
    if isinstance(staticfiles_storage, ManifestFilesMixin):
        call_command("collectstatic", interactive=False, verbosity=0)

    membership = Membership.objects.select_related("org_unit").get(
        user__username=USERNAME, role=Role.EDITOR
    )
    unit = membership.org_unit
    year = timezone.localdate().year
    plan = Plan.objects.get(org_unit=unit, year__number=year, kind=PeriodKind.PLAN)
    if plan.status != Plan.Status.DRAFT:
        sys.exit(f"bench: the demo plan of {unit} {year} is not a draft; it cannot be edited")
    goal = plan_goals(plan).filter(owner=unit).order_by("pk").first()
    section = plan.sections.order_by("position", "pk").first()
    if goal is None or section is None:
        sys.exit(f"bench: the demo plan of {unit} {year} has no enhetsmål or no section")

    # The partial save sends the section's own values back, so the data does not drift.
    data = section_values(section)
    check = SectionForm(data, instance=section)
    if not check.is_valid() or check.has_changed():
        sys.exit(f"bench: re-saving section {section.pk} unchanged is not possible: {check.errors}")
    overview = build_overview_council(year_number=year, password=PASSWORD)
    connections.close_all()
    return {
        "overview_path": overview.path,
        "overview_user": overview.username,
        "section_id": str(section.pk),
        "unit": str(unit),
        "year": str(year),
        "plan_path": reverse("ui:plan", args=[unit.pk, year]),
        "goal_path": reverse("goals:edit", args=[plan.pk, goal.pk]),
        "section_path": reverse("plans:section_edit", args=[plan.pk, section.pk]),
        "section_body": urlencode(data),
    }


# The server ------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def start_server(port: int, log: Path) -> subprocess.Popen[bytes]:
    gunicorn = Path(sys.executable).parent / "gunicorn"
    command = [
        str(gunicorn),
        "styrkedja.wsgi:application",
        f"--workers={WORKERS}",
        f"--bind={HOST}:{port}",
        f"--chdir={ROOT}",
        "--graceful-timeout=5",
    ]
    # gunicorn's and Django's logs (one line per 4xx/5xx answer) go to the log file.
    # Its own session: a Ctrl-C reaches this script, whose finally stops the server.
    with log.open("ab") as output:
        return subprocess.Popen(
            command,
            cwd=ROOT,
            stdin=subprocess.DEVNULL,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            env=os.environ.copy(),
        )


def stop_server(server: subprocess.Popen[bytes]) -> None:
    if server.poll() is not None:
        return
    server.terminate()
    try:
        server.wait(timeout=10)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


def wait_until_answering(server: subprocess.Popen[bytes], port: int, path: str) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"gunicorn stopped (exit {server.returncode}); see {SERVER_LOG}")
        try:
            status, _, _ = request(port, "GET", path)
        except OSError:
            time.sleep(0.2)
            continue
        if status == 200:
            return
        raise RuntimeError(f"gunicorn answers {path} with {status}; see {SERVER_LOG}")
    raise RuntimeError(f"gunicorn did not answer within 30 s; see {SERVER_LOG}")


# HTTP with the standard library, for logging in and the checks ---------------------------


def request(
    port: int, method: str, path: str, headers: dict[str, str] | None = None, body: str = ""
) -> tuple[int, dict[str, str], str]:
    """One request; returns the status, the cookies set and the body text."""
    connection = http.client.HTTPConnection(HOST, port, timeout=30)
    try:
        connection.request(method, path, body=body.encode() or None, headers=headers or {})
        response = connection.getresponse()
        cookies: dict[str, str] = {}
        for header in response.msg.get_all("Set-Cookie") or []:
            cookies.update({name: morsel.value for name, morsel in SimpleCookie(header).items()})
        return response.status, cookies, response.read().decode("utf-8", "replace")
    finally:
        connection.close()


def log_in(port: int, username: str = USERNAME) -> dict[str, str]:
    """The session and CSRF cookies of a user, from a real POST to the login form."""
    login = reverse("login")
    status, cookies, page = request(port, "GET", login)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    if status != 200 or token is None or "csrftoken" not in cookies:
        raise RuntimeError(f"the login page answered {status} without a CSRF token")
    body = urlencode(
        {"username": username, "password": PASSWORD, "csrfmiddlewaretoken": token.group(1)}
    )
    headers = {
        "Content-Type": "application/x-www-form-urlencoded",
        "Cookie": f"csrftoken={cookies['csrftoken']}",
    }
    status, new_cookies, _ = request(port, "POST", login, headers, body)
    cookies.update(new_cookies)  # Django rotates the CSRF token on login
    if status != 302 or "sessionid" not in cookies:
        raise RuntimeError(f"logging in as {username} answered {status} without a session")
    return cookies


# Load with wrk ---------------------------------------------------------------------------


def lua_string(text: str) -> str:
    """A Lua (5.1 / LuaJIT) string literal: printable ASCII as is, every other byte escaped."""
    out = []
    for byte in text.encode():
        char = chr(byte)
        out.append(char if 32 <= byte < 127 and char not in '"\\' else f"\\{byte:03d}")
    return '"' + "".join(out) + '"'


# Counts every answer's status in each wrk thread and adds them up at the end, because
# wrk itself only counts answers of 400 and above as errors.
LUA_TEMPLATE = """\
wrk.method = {method}
wrk.body = {body}
{headers}
local threads = {{}}
function setup(thread) table.insert(threads, thread) end
statuses = {{}}
function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end
function done(summary, latency, requests)
  local counts = {{}}
  for _, thread in ipairs(threads) do
    for status, n in pairs(thread:get("statuses")) do
      counts[status] = (counts[status] or 0) + n
    end
  end
  local parts = {{}}
  for status, n in pairs(counts) do
    table.insert(parts, string.format('"%d": %d', status, n))
  end
  local e = summary.errors
  io.write(string.format(
    'WRK-RESULT {{"requests": %d, "duration_us": %d, "p50_us": %.1f, "p95_us": %.1f, '
    .. '"statuses": {{%s}}, "errors": {{"connect": %d, "read": %d, "write": %d, '
    .. '"timeout": %d}}}}\\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(95),
    table.concat(parts, ", "), e.connect, e.read, e.write, e.timeout))
end
"""


def lua_script(target: Target) -> str:
    headers = "\n".join(
        f"wrk.headers[{lua_string(name)}] = {lua_string(value)}"
        for name, value in target.headers.items()
    )
    return LUA_TEMPLATE.format(
        method=lua_string(target.method), body=lua_string(target.body), headers=headers
    )


def run_wrk(wrk: str, port: int, target: Target, script: Path, clients: int, seconds: int) -> Run:
    threads = min(clients, 2)  # wrk shares the cores with the server: two threads are plenty
    command = [
        wrk,
        f"--threads={threads}",
        f"--connections={clients}",
        f"--duration={seconds}s",
        "--timeout=5s",
        f"--script={script}",
        f"http://{HOST}:{port}{target.path}",
    ]
    result = subprocess.run(command, capture_output=True, text=True, timeout=seconds + 60)
    line = next((ln for ln in result.stdout.splitlines() if ln.startswith("WRK-RESULT ")), None)
    if result.returncode != 0 or line is None:
        raise RuntimeError(f"wrk failed ({result.returncode}): {result.stderr or result.stdout}")
    data = json.loads(line.removeprefix("WRK-RESULT "))
    return Run(
        clients=clients,
        requests=data["requests"],
        seconds=data["duration_us"] / 1e6,
        p50_ms=data["p50_us"] / 1000,
        p95_ms=data["p95_us"] / 1000,
        statuses={int(code): n for code, n in data["statuses"].items()},
        socket_errors={kind: n for kind, n in data["errors"].items() if n},
    )


# Main ------------------------------------------------------------------------------------


def targets_for(
    paths: dict[str, str], cookies: dict[str, str], reviewer_cookies: dict[str, str]
) -> list[Target]:
    cookie = f"sessionid={cookies['sessionid']}; csrftoken={cookies['csrftoken']}"
    reviewer_cookie = (
        f"sessionid={reviewer_cookies['sessionid']}; csrftoken={reviewer_cookies['csrftoken']}"
    )
    return [
        Target("plan page (GET ui:plan)", paths["plan_path"], headers={"Cookie": cookie}),
        Target("goal form (GET goals:edit)", paths["goal_path"], headers={"Cookie": cookie}),
        Target(
            "partial save (htmx POST plans:section_edit)",
            paths["section_path"],
            method="POST",
            headers={
                "Cookie": cookie,
                "X-CSRFToken": cookies["csrftoken"],
                "HX-Request": "true",
                "Content-Type": "application/x-www-form-urlencoded",
            },
            body=paths["section_body"],
        ),
        Target(
            f"overview, {UNITS} units (GET overview:overview)",
            paths["overview_path"],
            headers={"Cookie": reviewer_cookie},
            p95_goal_ms=OVERVIEW_P95_GOAL_MS,
        ),
    ]


def check_and_warm_up(port: int, target: Target, times: int = 10) -> None:
    """A few requests before measuring (templates loaded in both workers), status checked."""
    for _ in range(times):
        status, _, _ = request(port, target.method, target.path, target.headers, target.body)
        if status != target.expected:
            print(f"  warning: {target.label} answered {status}, expected {target.expected}")
            return


def unexpected(run: Run, target: Target) -> int:
    return sum(n for code, n in run.statuses.items() if code != target.expected) + sum(
        run.socket_errors.values()
    )


def report(results: list[tuple[Target, Run, Run]], seconds: int, wrk_version: str) -> None:
    cores = os.cpu_count()
    print()
    print(
        f"Served by gunicorn ({WORKERS} sync workers, SQLite, DEBUG off) on {HOST}; "
        f"load by {wrk_version}, {seconds} s per run; cores: {cores}"
    )
    header = (
        f"{'request':<50} {'p50@2':>8} {'p95@2':>8} {'goal':>10} {'req/s@10':>9}"
        f" {'p95@10':>8} {'other':>6}"
    )
    print(header)
    print("-" * len(header))
    for target, slow, busy in results:
        verdict = f"<{target.p95_goal_ms:.0f} " + (
            "yes" if slow.p95_ms < target.p95_goal_ms else "NO"
        )
        others = unexpected(slow, target) + unexpected(busy, target)
        print(
            f"{target.label:<50} {slow.p50_ms:>6.1f}ms {slow.p95_ms:>6.1f}ms {verdict:>10}"
            f" {busy.per_second:>9.1f} {busy.p95_ms:>6.1f}ms {others:>6}"
        )
    print(
        f"(@2 = {LATENCY_CLIENTS} concurrent clients, @10 = {THROUGHPUT_CLIENTS}; goal: p95 at"
        f" {LATENCY_CLIENTS} clients under {P95_GOAL_MS:.0f} ms, under"
        f" {OVERVIEW_P95_GOAL_MS:.0f} ms for the overview; 'other' = answers other than the"
        " expected status, plus socket errors)"
    )
    print("Answers by status (expected: 200 for all):")
    for target, slow, busy in results:
        for run in (slow, busy):
            counts = ", ".join(f"{code}: {n}" for code, n in sorted(run.statuses.items()))
            errors = ", ".join(f"{kind}: {n}" for kind, n in run.socket_errors.items())
            line = f"  {target.label} @{run.clients}: {run.requests} requests; {counts or 'none'}"
            if errors:
                line += f"; socket errors {errors}"
            if unexpected(run, target):
                line += f"  <-- {unexpected(run, target)} not {target.expected}, see {SERVER_LOG}"
            print(line)


def check_section_unchanged(paths: dict[str, str]) -> None:
    """The partial save sent the section's own values, so after all the saves they are the same."""
    section = PlanSection.objects.get(pk=paths["section_id"])
    print(
        "The re-saved section is unchanged."
        if urlencode(section_values(section)) == paths["section_body"]
        else f"WARNING: section {section.pk} changed during the benchmark"
    )
    connections.close_all()


def interrupted(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=10, help="length of each load run")
    seconds = max(1, min(parser.parse_args().seconds, 60))
    wrk = shutil.which("wrk")
    if wrk is None:
        sys.exit("bench: wrk is missing; `make bench` installs it (apt-get install wrk)")
    wrk_version = subprocess.run([wrk, "--version"], capture_output=True, text=True).stdout
    wrk_version = " ".join(wrk_version.split()[:2]) or "wrk"
    signal.signal(signal.SIGTERM, interrupted)

    print("Serving benchmark: preparing the demo database in var/bench/ ...")
    paths = prepare_database()
    port = free_port()
    SERVER_LOG.unlink(missing_ok=True)
    server = start_server(port, SERVER_LOG)
    try:
        wait_until_answering(server, port, reverse("login"))
        cookies = log_in(port)
        reviewer_cookies = log_in(port, paths["overview_user"])
        targets = targets_for(paths, cookies, reviewer_cookies)
        print(
            f"gunicorn on http://{HOST}:{port}/ as {USERNAME}, unit {paths['unit']},"
            f" year {paths['year']}; the overview as {paths['overview_user']}"
        )
        results = []
        with tempfile.TemporaryDirectory(dir=BENCH_DIR) as scratch:
            for number, target in enumerate(targets):
                script = Path(scratch) / f"request{number}.lua"
                script.write_text(lua_script(target))
                print(f"  {target.label}: {target.method} {target.path}")
                check_and_warm_up(port, target)
                slow = run_wrk(wrk, port, target, script, LATENCY_CLIENTS, seconds)
                busy = run_wrk(wrk, port, target, script, THROUGHPUT_CLIENTS, seconds)
                results.append((target, slow, busy))
        report(results, seconds, wrk_version)
        check_section_unchanged(paths)
    except KeyboardInterrupt:
        print("\nbench: interrupted; stopping gunicorn")
        failure = 130
    except RuntimeError as error:
        print(f"bench: {error}")
        failure = 1
    else:
        failure = 0
    finally:
        stop_server(server)
    # The numbers never fail the run; a server that does not answer or a wrk that fails does.
    sys.exit(failure)


if __name__ == "__main__":
    main()
