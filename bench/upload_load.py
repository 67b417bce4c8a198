"""One hostile upload against a running dashboard, measured from outside: `python -m bench.upload_load OUT.json`.

A real server (`python -m pages.serve`, as `make run` starts it, on a copy of the seed store in a
temporary folder, with an admin password) is started; a first session opens 总览 at once (the
seconds of that first page of a new server process are ``first_page``); one browser session (Debian's chromium through Playwright) unlocks the
upload panel and uploads a saved page of about 19 MB (under the 20 MB limit); meanwhile a
second session opens the pages one after another and a loop polls ``/_stcore/health``. Printed
as JSON: the upload's verdict and seconds (from the click to the result table), every page
load of the other session and every health answer during the upload (seconds), and the
server's resident memory before, at its peak, and after (MB; its parse workers counted apart).

The pages: ``one_line`` (19 MB of text on one line) and ``nested`` (19 MB of nested spans).
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from dataclasses import asdict, dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-sync"]
IDLE = '[data-testid="stApp"][data-test-connection-state="CONNECTED"][data-test-script-state="notRunning"]'
PASSWORD = "probe-口令-1"
SIZE = 19 * 1024 * 1024
OTHER_PAGES = ["overview", "trends", "compare", "keywords", "problems", "reader", "profile", "search"]


def one_line_page(size: int = SIZE) -> bytes:
    """A saved page whose body is one line of text, ``size`` bytes in all."""
    head, tail = b"<html><head><meta charset=utf-8><title>x</title></head><body><p>", b"</p></body></html>"
    unit = "依法行政，推进法治政府建设。".encode()
    body = unit * ((size - len(head) - len(tail)) // len(unit))
    return head + body + tail


def nested_page(size: int = SIZE) -> bytes:
    """A saved page of spans nested as deep as ``size`` bytes allow, text at the bottom."""
    head, tail = b"<html><head><meta charset=utf-8></head><body>", b"</body></html>"
    text = "依法行政，推进法治政府建设。".encode() * 100
    depth = (size - len(head) - len(tail) - len(text)) // len(b"<span></span>")
    return head + b"<span>" * depth + text + b"</span>" * depth + tail


PAGES = {"one_line": one_line_page, "nested": nested_page}


@dataclass
class Probe:
    """What one run measured (seconds, MB)."""

    page: str
    bytes: int
    first_page: float = 0.0
    verdict: str = ""
    transfer_seconds: float = 0.0
    upload_seconds: float = 0.0
    quiet_pages: list[tuple[str, float]] = field(default_factory=list)
    other_pages: list[tuple[str, float]] = field(default_factory=list)
    quiet_health: list[float] = field(default_factory=list)
    health: list[float] = field(default_factory=list)
    rss_before: float = 0.0
    rss_peak: float = 0.0
    rss_after: float = 0.0
    workers_peak: float = 0.0

    @property
    def worst_page(self) -> float:
        return max((s for _, s in self.other_pages), default=0.0)

    @property
    def worst_health(self) -> float:
        return max(self.health, default=0.0)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def rss_mb(pid: int) -> float:
    try:
        with open(f"/proc/{pid}/status") as status:
            return next(int(line.split()[1]) for line in status if line.startswith("VmRSS:")) / 1024
    except (OSError, StopIteration):
        return 0.0


def descendants(pid: int) -> list[int]:
    """Every process under ``pid`` (the parse worker is forked from a server thread)."""
    parents = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        parents[int(stat.parent.name)] = int(fields[1])
    out, todo = [], [pid]
    while todo:
        parent = todo.pop()
        children = [child for child, ppid in parents.items() if ppid == parent]
        out += children
        todo += children
    return out


class Server:
    """``python -m pages.serve`` on a copy of ``db`` with an admin password; a context manager."""

    def __init__(self, db: Path, folder: Path):
        self.db = folder / "reports.duckdb"
        shutil.copy(db, self.db)
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = folder / "streamlit.log"

    def __enter__(self) -> Server:
        env = {**os.environ, "REPORTS_DB": str(self.db), "REPORTS_ADMIN_PASSWORD": PASSWORD}
        args = ["-m", "pages.serve", "--server.headless", "true", "--server.port", str(self.port)]
        with open(self.log, "w") as log:
            self.proc = subprocess.Popen(
                [sys.executable, *args, "--browser.gatherUsageStats", "false"], cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT
            )
        deadline = time.monotonic() + 90
        while health(self.url, timeout=2) is None:
            if time.monotonic() > deadline or self.proc.poll() is not None:
                self.proc.kill()
                raise RuntimeError("streamlit did not start: " + self.log.read_text())
            time.sleep(0.2)  # a server that is starting
        return self

    def __exit__(self, *exc) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


def health(url: str, *, timeout: float = 120.0) -> float | None:
    """Seconds /_stcore/health took to answer ok, or None."""
    started = time.monotonic()
    try:
        if urllib.request.urlopen(f"{url}/_stcore/health", timeout=timeout).read() == b"ok":
            return time.monotonic() - started
    except OSError:
        pass
    return None


class Watch(threading.Thread):
    """Polls health and samples the server's memory until stopped."""

    def __init__(self, server: Server, probe: Probe):
        super().__init__(daemon=True)
        self.server, self.probe = server, probe
        self.stop = threading.Event()

    def run(self) -> None:
        pid = self.server.proc.pid
        while not self.stop.is_set():
            took = health(self.server.url)
            self.probe.health.append(round(took if took is not None else 120.0, 3))
            self.probe.rss_peak = max(self.probe.rss_peak, rss_mb(pid))
            self.probe.workers_peak = max(self.probe.workers_peak, sum(rss_mb(c) for c in descendants(pid)))
            self.stop.wait(0.25)


def idle(pg, timeout: float = 120_000) -> None:
    pg.wait_for_selector(IDLE, timeout=timeout)


def first_page(url: str) -> float:
    """Seconds from opening 总览 (its own browser, already started) to its page being idle."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        pg = browser.new_page(viewport={"width": 1400, "height": 1000})
        started = time.monotonic()
        pg.goto(url)
        idle(pg)
        took = time.monotonic() - started
        browser.close()
    return round(took, 2)


def browse(url: str, probe: Probe, stop: threading.Event, *, once: bool = False) -> None:
    """The other session: open the pages one after another until ``stop`` (its own playwright),
    or each page once."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        pg = browser.new_page(viewport={"width": 1400, "height": 1000})
        pg.goto(url)
        idle(pg)
        i = 0
        while not stop.is_set():
            slug = OTHER_PAGES[i % len(OTHER_PAGES)]
            started = time.monotonic()
            try:
                pg.goto(f"{url}/{slug}")
                idle(pg, timeout=60_000)
                took = time.monotonic() - started
            except Exception:  # noqa: BLE001 - a page that does not load in a minute is recorded as such
                took = 60.0
            probe.other_pages.append((slug, round(took, 2)))
            i += 1
            if once and i == len(OTHER_PAGES):
                break
        browser.close()


VERDICT_WAIT = 30.0  # seconds the verdict may take to be drawn after the page is idle


def upload(url: str, path: Path, probe: Probe) -> None:
    """The hostile session: unlock, choose the file, import, wait for the verdict."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        pg = browser.new_page(viewport={"width": 1400, "height": 1000})
        pg.goto(url)
        idle(pg)
        pg.get_by_text("上传报告").click()
        started = time.monotonic()
        pg.locator('[data-testid="stFileUploader"] input[type=file]').set_input_files(str(path))
        password = pg.locator(".st-key-ov_password input")
        password.wait_for(state="visible", timeout=600_000)  # shown once the file has reached the server
        probe.transfer_seconds = round(time.monotonic() - started, 2)
        password.fill(PASSWORD)
        pg.keyboard.press("Enter")
        idle(pg)
        started = time.monotonic()
        pg.get_by_role("button", name="导入所选文件").click()
        pg.locator('[class*="st-key-ov_dl_upload"]').first.wait_for(timeout=600_000)
        idle(pg, timeout=600_000)
        probe.upload_seconds = round(time.monotonic() - started, 2)
        deadline = time.monotonic() + VERDICT_WAIT  # the verdict may be drawn a moment after the page goes idle
        while True:
            shown = pg.locator("[data-testid=stDataFrame], [data-testid=stAlert]").filter(has_text=path.name).all_text_contents()
            shown += pg.locator("[data-testid=stAlert]").all_text_contents()
            probe.verdict = " | ".join(t for t in shown if t.strip())
            if probe.verdict or time.monotonic() > deadline:
                break
            pg.wait_for_timeout(250)
        browser.close()


def run(kind: str, db: Path, folder: Path) -> Probe:
    data = PAGES[kind]()
    path = folder / f"{kind}.html"
    path.write_bytes(data)
    probe = Probe(kind, len(data))
    with Server(db, folder) as server:
        urllib.request.urlopen(server.url, timeout=60).read()
        probe.first_page = first_page(server.url)
        browse(server.url, probe, threading.Event(), once=True)  # one pass so every page's first run is behind us
        probe.other_pages.clear()
        quiet = Watch(server, probe)
        quiet.start()
        browse(server.url, probe, threading.Event(), once=True)  # the same pages without an upload
        quiet.stop.set()
        quiet.join(130)
        probe.quiet_pages, probe.other_pages = probe.other_pages, []
        probe.quiet_health, probe.health = probe.health, []
        probe.rss_before = rss_mb(server.proc.pid)
        watch, stop = Watch(server, probe), threading.Event()
        other = threading.Thread(target=browse, args=(server.url, probe, stop), daemon=True)
        watch.start()
        other.start()
        try:
            upload(server.url, path, probe)
        finally:
            stop.set()
            watch.stop.set()
            other.join(120)
            watch.join(130)
        time.sleep(2)  # memory returned after the upload, as the next request finds it
        probe.rss_after = rss_mb(server.proc.pid)
    return probe


def main(out: str, kinds: list[str]) -> None:
    from analysis.refresh import derived
    from analysis.storage import store
    from analysis.storage.ingest import ingest_paths

    results = []
    with tempfile.TemporaryDirectory(dir=os.environ.get("PROBE_TMP")) as tmp:
        seed = Path(tmp) / "seed.duckdb"
        ingest_paths([ROOT / "data" / "raw"], db=seed, workers=1)
        with store.connect(seed) as con:
            derived.refresh(con)
        for kind in kinds:
            folder = Path(tmp) / kind
            folder.mkdir()
            probe = run(kind, seed, folder)
            worst = {"worst_quiet_page": max(s for _, s in probe.quiet_pages), "worst_quiet_health": max(probe.quiet_health, default=0.0)}
            results.append({**asdict(probe), "worst_page": probe.worst_page, "worst_health": probe.worst_health, **worst})
    text = json.dumps(results, ensure_ascii=False, indent=1)
    Path(out).write_text(text, encoding="utf-8")
    sys.stdout.write(text + "\n")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2:] or list(PAGES))
