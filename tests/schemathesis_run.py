"""Run the schemathesis CLI against a live test server (the API, feedback and funnel tests).

``run`` builds the command (all modes, a fixed seed, one worker, a token header, the given
checks, phases and path regex), runs it in a subprocess and checks that it passed; it returns
how many operations were selected and how many were tested.
"""

import os
import re
import subprocess
import sys
from pathlib import Path


def run(
    base_url: str,
    token: str,
    *,
    paths: str,
    checks: list[str],
    phases: str,
    max_examples: int,
    seed: int,
    timeout: int = 600,
    config: Path | None = None,
    cwd: Path | None = None,
) -> tuple[int, int]:
    command = [str(Path(sys.executable).with_name("schemathesis"))]
    if config is not None:
        command += ["--config-file", str(config)]
    command += [
        "run", f"{base_url}/api/schema/",
        "--checks", ",".join(checks),
        "--mode", "all",
        "--phases", phases,
        "--max-examples", str(max_examples),
        "--seed", str(seed),
        "--generation-database", "none",
        "--workers", "1",
        "--request-timeout", "30",
        "--include-path-regex", paths,
        "--header", f"Authorization: Token {token}",
        "--no-color",
        "--warnings", "off",
    ]  # fmt: skip
    result = subprocess.run(
        command,
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=cwd,  # schemathesis keeps a .schemathesis/ directory in its working directory
        env={**os.environ, "SCHEMATHESIS_TELEMETRY": "false", "COLUMNS": "120"},
    )
    output = result.stdout + result.stderr
    print(output[-3_000:])
    assert result.returncode == 0, output[-20_000:]
    summary = re.search(r"API Operations:\s+Selected: (\d+)/(\d+)\s+Tested: (\d+)", output)
    assert summary, output[-5_000:]
    return int(summary.group(1)), int(summary.group(3))
