"""A real Learning Record Store for the tests: Ralph (PyPI ralph-malph),
started as a subprocess on 127.0.0.1 with its filesystem backend (no other
service), a user in an auth file, its data in a temporary directory."""

import json
import os
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import bcrypt
import requests

USERNAME = "celik-lrs"
PASSWORD = "a-test-lrs-password"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Ralph:
    url: str  # the xAPI endpoint, as XAPI_ENDPOINT
    process: subprocess.Popen
    log_path: str

    def statements(self, agent: dict | None = None) -> list[dict]:
        """Every statement the LRS holds (for `agent`, when given), following
        the `more` links."""
        query = f"?agent={quote(json.dumps(agent))}&limit=500" if agent else "?limit=500"
        url = f"{self.url}/statements{query}"
        found = []
        while url:
            response = requests.get(url, auth=(USERNAME, PASSWORD), timeout=10)
            response.raise_for_status()
            body = response.json()
            found += body["statements"]
            more = body.get("more")
            url = (self.url.rsplit("/xAPI", 1)[0] + more) if more else None
        return found

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def start_ralph(directory) -> Ralph:
    data = directory / "data"
    data.mkdir()
    auth = directory / "auth.json"
    auth.write_text(
        json.dumps(
            [
                {
                    "username": USERNAME,
                    "hash": bcrypt.hashpw(PASSWORD.encode(), bcrypt.gensalt(4)).decode(),
                    "scopes": ["all"],
                    "agent": {"account": {"homePage": "http://127.0.0.1", "name": "celik-tests"}},
                }
            ]
        )
    )
    port = free_port()
    env = {
        **os.environ,
        "RALPH_APP_DIR": str(directory),
        "RALPH_AUTH_FILE": str(auth),
        "RALPH_RUNSERVER_BACKEND": "fs",
        "RALPH_BACKENDS__LRS__FS__DEFAULT_DIRECTORY_PATH": str(data),
        "RALPH_SENTRY_DSN": "",
    }
    log_path = str(directory / "ralph.log")
    log = open(log_path, "w")  # noqa: SIM115  (the subprocess writes to it until stopped)
    process = subprocess.Popen(
        [sys.executable, str(Path(__file__).with_name("run_ralph.py")), str(port)],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        cwd=directory,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        if process.poll() is not None:
            raise RuntimeError("Ralph stopped:\n" + open(log_path).read())
        try:
            if requests.get(f"{base}/__heartbeat__", timeout=2).status_code == 200:
                break
        except requests.ConnectionError:
            pass
        if time.monotonic() > deadline:
            process.kill()
            raise RuntimeError("Ralph did not start within 60 s:\n" + open(log_path).read())
        time.sleep(0.2)
    return Ralph(url=f"{base}/xAPI", process=process, log_path=log_path)
