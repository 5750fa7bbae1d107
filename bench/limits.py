"""What hostile or oversized data files cost: the check command and `mkdocs build`, each refusing them.

    .venv/bin/python bench/limits.py          # prints a table and writes bench/limits.md

Each case is a copy of the small test project (tests/fixtures/minimal) with one data file replaced:
the valid project (the baseline: starting Python, MkDocs and Material), the "billion laughs" alias bomb (nine levels of nine, 387 million values once expanded), a file just
over the size limit, a file under it that holds millions of tiny values, and brackets nested 100,000 deep.
Both commands run in their own process; the table shows the wall time, the process's peak memory
(`ru_maxrss` from `wait4`) and the first problem line it printed; "checks alone" is the time our data
checks take in this process (`check.inspect`), without the start of a Python process. The promise (#12): each is refused
with a located error in under 5 s and under 300 MB. Not a test: timings depend on the machine.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MINIMAL = ROOT / "tests" / "fixtures" / "minimal"
sys.path.insert(0, str(ROOT / "hooks"))

from nkexplainer.check import inspect  # noqa: E402
from nkexplainer.load import MAX_BYTES  # noqa: E402

HEAD = "# yaml-language-server: $schema=../../../../data/schema/actors.schema.json\n"


def bomb() -> str:
    text = HEAD + "- id: alphia\n  name: Alphia\n  kind: state\n  lol0: &a0 [" + ", ".join(["lol"] * 9) + "]\n"
    return text + "".join(f"  lol{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]\n" for i in range(1, 9))


def oversized() -> str:
    record = ("- id: actor-{n}\n  name: Actor {n}\n  kind: person\n  summary: \"" + "A long summary. " * 40 + "\"\n"
              "  role: \"A role.\"\n  cites: [test-article#p1]\n")
    text, n = HEAD, 0
    while len(text.encode()) <= MAX_BYTES:
        text += record.format(n=n)
        n += 1
    return text


def many_values() -> str:
    count = (MAX_BYTES - len(HEAD) - 100) // 2
    return HEAD + "- id: alphia\n  aliases: [" + "a," * count + "a]\n"


def deep() -> str:
    return HEAD + "- id: alphia\n  aliases: " + "[" * 100_000 + "]" * 100_000 + "\n"


def valid() -> str:
    return (MINIMAL / "data" / "actors.yml").read_text(encoding="utf-8")


CASES = {"valid (baseline: starting Python and MkDocs)": valid, "alias bomb (9 levels of 9)": bomb, f"oversized file (over {MAX_BYTES / 1e6:g} MB)": oversized,
         f"{(MAX_BYTES - 200) // 2 / 1e6:.1f} million tiny values": many_values, "brackets nested 100,000 deep": deep}


def run(command: list[str], cwd: Path) -> tuple[float, float, int, str]:
    """Wall seconds, peak MB, exit code and the first problem line of `command`."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    with tempfile.TemporaryFile(mode="w+") as log:
        started = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, env=env, stdout=log, stderr=subprocess.STDOUT, text=True)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        log.seek(0)
        output = log.read()
    first = next((line.strip() for line in output.splitlines() if line.startswith("  data/")), output.strip()[-200:])
    return seconds, usage.ru_maxrss / 1024, process.returncode, first


def main() -> None:
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        for name, make in CASES.items():
            project = Path(folder) / "project"
            shutil.rmtree(project, ignore_errors=True)
            shutil.copytree(MINIMAL, project)
            shutil.copy2(ROOT / "mkdocs.yml", project / "mkdocs.yml")
            shutil.copytree(ROOT / "hooks", project / "hooks", ignore=shutil.ignore_patterns("__pycache__"))
            shutil.copytree(ROOT / "docs" / "stylesheets", project / "docs" / "stylesheets")
            (project / "data" / "actors.yml").write_text(make(), encoding="utf-8")
            size = (project / "data" / "actors.yml").stat().st_size
            started = time.perf_counter()
            found = inspect(project).problems
            refusing = time.perf_counter() - started
            for command_name, command in (
                ("check", [sys.executable, "hooks/check_data.py", "."]),
                ("build", [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(Path(folder) / "site")]),
            ):
                seconds, peak, code, first = run(command, project)
                baseline = make is valid
                ok = (code == 0) if baseline else (code == 1 and seconds < 5 and peak < 300
                                                   and first.startswith("data/actors.yml"))
                rows.append((name, f"{size / 1e6:.2f} MB", command_name, f"{seconds:.2f}", f"{peak:.0f}",
                             f"{refusing:.3f}", code, "yes" if ok else "NO", first if found else "(none)"))
                print(" | ".join(str(c) for c in rows[-1]), flush=True)
    load = os.getloadavg()[0]
    table = ["| Case | File | Command | Seconds | Peak MB | Checks alone (s) | Exit | Within 5 s, 300 MB, located | "
             "First problem |", "| --- | --- | --- | ---: | ---: | ---: | ---: | --- | --- |"]
    table += ["| " + " | ".join(str(c).replace("|", "\\|") for c in row) + " |" for row in rows]
    text = (f"# Hostile and oversized data files: what refusing them costs\n\nMeasured by `bench/limits.py` "
            f"(load average {load:.1f} on a shared 2-core machine; peak memory is the whole process, "
            "MkDocs and Material included).\n\n" + "\n".join(table) + "\n")
    (ROOT / "bench" / "limits.md").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
