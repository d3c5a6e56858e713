"""Start and stop a daphne server in a subprocess (the live tests' ASGI server and the live
benchmark's): a free port, the project's ASGI app, ready once the port accepts connections."""

import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_daphne(port: int, env: dict, *, log: Path | None = None) -> subprocess.Popen:
    """daphne on 127.0.0.1:``port`` with ``env``; returns once it listens (RuntimeError, with the
    log when there is one, if it exits first or does not listen within 30 s)."""
    stderr = open(log, "w") if log else subprocess.DEVNULL  # noqa: SIM115 - the child's until it ends
    process = subprocess.Popen(  # noqa: S603 - our own interpreter and arguments
        [
            sys.executable,
            "-m",
            "daphne",
            "-b",
            "127.0.0.1",
            "-p",
            str(port),
            "cjm.asgi:application",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=stderr,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return process
        if process.poll() is not None:
            break
        time.sleep(0.2)
    stop_daphne(process)
    raise RuntimeError("daphne did not start" + (f":\n{log.read_text()}" if log else ""))


def stop_daphne(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
