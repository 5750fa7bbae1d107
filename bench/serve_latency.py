"""How long after saving a one-line YAML edit `mkdocs serve` has rebuilt and tells the browser to reload.

On a copy of the real project, or of the bench corpus at a scale (bench/corpus.py): start
`mkdocs serve --dirty` (the README's command; `--full` for plain `mkdocs serve`) on a free loopback port, then
several times: open the browser's long poll (`/livereload/<epoch>/<id>`, which
answers as soon as a newer build is visible), save a one-line change to an
event's summary in data/events.yml at a random moment, and time from the save to
the poll's answer. The page is then fetched to check it shows the new text.

    python bench/serve_latency.py [--runs 7] [--scale 100] [--full]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from corpus import copy_project, generate  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
_SUMMARY = re.compile(r'^(  summary: ")(.*)("\s*)$', re.MULTILINE)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str, timeout: float = 90) -> str:
    with urllib.request.urlopen(url, timeout=timeout) as response:
        return response.read().decode("utf-8")


def measure(project: Path, runs: int = 7, seed: int = 6, scale: int = 1, dirty: bool = True) -> dict:
    if scale == 1:
        copy_project(project)
    else:
        generate(scale, project)
    events = project / "data" / "events.yml"
    text = events.read_text(encoding="utf-8")
    first_id = re.search(r"^- id: (\S+)", text, re.MULTILINE).group(1)
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    log_path = project / "serve.log"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    with open(log_path, "w") as log:
        server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", *(["--dirty"] if dirty else []),
                                   "-a", f"127.0.0.1:{port}", "-f", "mkdocs.yml"],
                                  cwd=project, stdout=log, stderr=subprocess.STDOUT, env=env)
    try:
        deadline = time.monotonic() + 120 + 3 * scale  # the first build is a full one
        while True:
            try:
                _get(base + "/", timeout=5)
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise RuntimeError(f"mkdocs serve did not start; see {log_path}")
                time.sleep(0.1)
        rng = random.Random(seed)
        page = f"{base}/timeline/{first_id}/"
        latencies = []
        for n in range(runs):
            html = _get(page)
            epoch, request = re.search(r"livereload\((\d+),\s*(\d+)\)", html).groups()
            answered: dict[str, float] = {}

            def poll() -> None:
                _get(f"{base}/livereload/{epoch}/{request}")
                answered["at"] = time.perf_counter()

            poller = threading.Thread(target=poll)
            poller.start()
            time.sleep(0.3 + rng.random() * 0.5)  # a random moment in the file watcher's 0.5 s polling cycle
            marker = f"Benchmark edit {n + 1}."
            edited = _SUMMARY.sub(lambda m: f"{m.group(1)}{marker}{m.group(3)}", text, count=1)
            saved = time.perf_counter()
            events.write_text(edited, encoding="utf-8")
            poller.join(90)
            if "at" not in answered:
                raise RuntimeError(f"no reload signalled within 90 s; see {log_path}")
            latencies.append(answered["at"] - saved)
            if marker not in _get(page):
                raise RuntimeError("the rebuilt page does not show the edit")
        log_text = log_path.read_text()
        builds = [float(s) for s in re.findall(r"Documentation built in ([0-9.]+) seconds", log_text)]
        rendered = [(int(n), int(of)) for n, of in re.findall(r"partial rebuild: (\d+) of (\d+) pages", log_text)]
    finally:
        server.terminate()
        server.wait(10)
    return {"scale": scale, "dirty": dirty, "runs": runs, "latencies_s": latencies, "median_s": statistics.median(latencies), "max_s": max(latencies),
            "rebuild_s_median": statistics.median(builds[1:]) if len(builds) > 1 else None,
            "first_build_s": builds[0] if builds else None,
            "rendered_per_edit": [n for n, _ in rendered[1:]], "pages_and_files": rendered[0][1] if rendered else None}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--scale", type=int, default=1, help="serve the bench corpus at this scale (1: the real project)")
    parser.add_argument("--full", action="store_true", help="plain `mkdocs serve`, every page rebuilt on every edit")
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/nkbench"))
    args = parser.parse_args()
    print(json.dumps(measure(args.workdir / f"serve-x{args.scale}", args.runs, scale=args.scale, dirty=not args.full)))


if __name__ == "__main__":
    main()
