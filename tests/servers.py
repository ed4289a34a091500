"""Real servers on loopback for tests: an HTTP webhook that records (or refuses) posts, an SMTP server."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parents[1]


class Webhook:
    """Records JSON posts; answers 500 to the first `fail_first` of them, and while `down`."""

    def __init__(self, fail_first: int = 0) -> None:
        self.received: list[dict[str, Any]] = []
        self.attempts = 0
        self.fail_first = fail_first
        self.down = False
        self.lock = threading.Lock()
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                """Quiet."""

            def do_POST(self) -> None:  # noqa: N802
                length = int(self.headers.get("Content-Length", 0))
                body = self.rfile.read(length)
                with outer.lock:
                    outer.attempts += 1
                    refuse = outer.down or outer.attempts <= outer.fail_first
                    if not refuse:
                        outer.received.append(json.loads(body or b"{}"))
                if refuse:
                    self.send_response(500)
                    self.end_headers()
                    return
                self.send_response(200)
                self.end_headers()

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"json://127.0.0.1:{self.httpd.server_address[1]}/hook"

    def __enter__(self) -> Webhook:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


class SmtpServer:
    """A real SMTP server on loopback (aiosmtpd) that keeps every message it accepts.

    Plain SMTP, no TLS; AUTH PLAIN/LOGIN is offered and checks `user` / `password`.
    """

    def __init__(self, user: str = "pw", password: str = "s3cret-pass") -> None:
        from aiosmtpd.controller import Controller
        from aiosmtpd.smtp import AuthResult

        self.messages: list[Any] = []
        self.user, self.password = user, password
        outer = self

        class Handler:
            async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
                import email

                outer.messages.append(email.message_from_bytes(envelope.original_content))
                return "250 OK"

        def authenticate(server: Any, session: Any, envelope: Any, mechanism: str, auth_data: Any) -> Any:
            ok = auth_data.login.decode() == outer.user and auth_data.password.decode() == outer.password
            return AuthResult(success=ok)

        with socket.socket() as probe:  # a free port; aiosmtpd needs one up front
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.controller = Controller(Handler(), hostname="127.0.0.1", port=self.port,
                                     authenticator=authenticate, auth_require_tls=False)

    def url(self, to: str = "team@parkwatch.example") -> str:
        return (f"mailto://{self.user}:{self.password}@127.0.0.1:{self.port}"
                f"?mode=insecure&from=alerts@parkwatch.example&to={to}")

    def __enter__(self) -> SmtpServer:
        self.controller.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.controller.stop()


class ScrapydNode:
    """A real Scrapyd process on loopback running ParkWatch's `parkwatch` project (no egg:
    the project is importable, its settings module named in scrapyd.conf [settings])."""

    def __init__(self, workdir: Path, db_url: str, max_proc: int = 2) -> None:
        self.workdir, self.db_url, self.max_proc = workdir, db_url, max_proc
        workdir.mkdir(parents=True, exist_ok=True)
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        (workdir / "scrapyd.conf").write_text(
            "[scrapyd]\nbind_address = 127.0.0.1\n"
            f"http_port = {self.port}\nmax_proc = {max_proc}\npoll_interval = 0.2\n"
            "logs_dir = logs\neggs_dir = eggs\ndbs_dir = dbs\nitems_dir =\njobs_to_keep = 200\n"
            "finished_to_keep = 1000\n\n[settings]\nparkwatch = crawler.settings\n", encoding="utf-8")
        self.proc: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def log(self) -> str:
        """Scrapyd's own log and the last job logs, for an assertion message."""
        parts = []
        for path in [self.workdir / "twistd.log",
                     *sorted((self.workdir / "logs").rglob("*.log"))[-3:]]:
            if path.exists():
                parts.append(f"--- {path.name}\n" + path.read_text(encoding="utf-8", errors="replace")[-3000:])
        return "\n".join(parts)

    def __enter__(self) -> ScrapydNode:
        env = {**os.environ, "PARKWATCH_DB_URL": self.db_url, "SCRAPY_SETTINGS_MODULE": "crawler.settings",
               "PYTHONPATH": str(REPO_ROOT)}
        self.proc = subprocess.Popen([sys.executable, "-m", "scrapyd", "--pidfile=", "-l", "twistd.log"],
                                     cwd=self.workdir, env=env, stdout=subprocess.DEVNULL,
                                     stderr=subprocess.DEVNULL, start_new_session=True)
        deadline = time.monotonic() + 60
        while True:  # poll until it answers, not a timing assert
            try:
                with urllib.request.urlopen(f"{self.url}/daemonstatus.json", timeout=2) as response:
                    if json.loads(response.read()).get("status") == "ok":
                        return self
            except OSError:
                pass
            if self.proc.poll() is not None or time.monotonic() > deadline:
                self.__exit__()
                raise RuntimeError(f"Scrapyd did not start on {self.url}:\n{self.log()}")
            time.sleep(0.1)

    def __exit__(self, *exc: object) -> None:
        if self.proc is not None and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()
