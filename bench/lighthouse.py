"""Lighthouse on every page type, phone and desktop: the four category scores, as a table.

    .venv/bin/python bench/lighthouse.py               # one run per page and form factor (about 6 minutes)
    .venv/bin/python bench/lighthouse.py --runs 3      # the median of three (scores move a little run to run)
    .venv/bin/python bench/lighthouse.py --only home   # some page types only

Builds the site with `site_url` set to the address it is served at (so canonical links are checked as
published), serves it on 127.0.0.1 with its 404 page for missing addresses, as GitHub Pages does, and
runs npm's lighthouse 12.2.3 (installed here from tests/tools/lighthouse/ into .tools/bench, once) on
Debian's chromium. Writes bench/lighthouse.md (the table, and every audit that cost points) and
bench/lighthouse.json (all scores and those audits).

Targets: accessibility, best practices and SEO 100 everywhere; performance 95 or more on phones.
The 404 page is audited at /404.html: Lighthouse will not audit a page that answers with status 404.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
from statichost import PAGE_TYPES as TEST_PAGE_TYPES, serve  # noqa: E402  (the tests' static host: files, and 404.html for the rest)

TOOLS = ROOT / ".tools" / "bench"
LOCK = ROOT / "tests" / "tools" / "lighthouse"
LIGHTHOUSE = TOOLS / "node_modules" / "lighthouse" / "cli" / "index.js"
CHROMIUM = "/usr/bin/chromium"
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
PAGE_TYPES = {**TEST_PAGE_TYPES, "404": "404.html"}
"""Lighthouse will not audit a page answered with status 404, so the 404 page is audited at its own address."""
"""The 404 page at its own address: Lighthouse refuses to audit a page that answers 404, as the page
does at every missing address (tests/test_a11y.py checks it there)."""
FORM_FACTORS = ["mobile", "desktop"]
TARGETS = {"performance": {"mobile": 95}, "accessibility": 100, "best-practices": 100, "seo": 100}


def install_lighthouse() -> None:
    """npm ci from the committed lock, unless that exact lock is installed already."""
    stamp = TOOLS / "installed.lock"
    lock = LOCK / "package-lock.json"
    if stamp.is_file() and stamp.read_bytes() == lock.read_bytes() and LIGHTHOUSE.is_file():
        return
    print(f"Installing lighthouse from {LOCK.relative_to(ROOT)} into {TOOLS.relative_to(ROOT)}…", flush=True)
    shutil.rmtree(TOOLS, ignore_errors=True)
    TOOLS.mkdir(parents=True)
    for name in ("package.json", "package-lock.json"):
        shutil.copy2(LOCK / name, TOOLS / name)
    subprocess.run(["npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund", "--loglevel=error"], cwd=TOOLS, check=True)
    shutil.copy2(lock, stamp)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def build(site: Path, site_url: str) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1700000000", "SITE_URL": site_url}
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--clean", "-q", "-f", str(ROOT / "mkdocs.yml"),
                    "-d", str(site)], cwd=ROOT, env=env, check=True)


def lighthouse(url: str, form_factor: str, out: Path) -> dict:
    flags = "--headless=new --no-sandbox --disable-gpu --no-first-run --disable-background-networking " \
            "--disable-component-update --disable-sync --disable-quic"
    command = ["node", str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={out}",
               f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={flags}"]
    if form_factor == "desktop":
        command.append("--preset=desktop")
    subprocess.run(command, env={**os.environ, "CHROME_PATH": CHROMIUM}, check=True, timeout=300)
    report = json.loads(out.read_text(encoding="utf-8"))
    if report.get("runtimeError"):
        raise RuntimeError(f"{url} ({form_factor}): {report['runtimeError']}")
    scores = {c: round(report["categories"][c]["score"] * 100) for c in CATEGORIES}
    lost = {}
    for category in CATEGORIES:
        for ref in report["categories"][category]["auditRefs"]:
            audit = report["audits"][ref["id"]]
            if ref["weight"] > 0 and audit["score"] is not None and audit["score"] < 1:
                lost.setdefault(category, []).append(
                    {"id": ref["id"], "title": audit["title"], "score": audit["score"],
                     "value": audit.get("displayValue", "")})
    metrics = {k: report["audits"][k].get("numericValue") for k in
               ("first-contentful-paint", "largest-contentful-paint", "total-blocking-time", "cumulative-layout-shift",
                "speed-index") if k in report["audits"]}
    return {"scores": scores, "lost": lost, "metrics": metrics, "lighthouse": report["lighthouseVersion"],
            "chrome": report["environment"]["hostUserAgent"]}


def median_run(runs: list[dict]) -> dict:
    """The run whose performance score is the median; its audits and metrics go with it."""
    ordered = sorted(runs, key=lambda r: r["scores"]["performance"])
    chosen = dict(ordered[len(ordered) // 2])
    chosen["performance_runs"] = [r["scores"]["performance"] for r in runs]
    return chosen


def meets(category: str, form_factor: str, result: dict) -> bool:
    target = TARGETS[category]
    if isinstance(target, dict):
        target = target.get(form_factor)
        if target is None:
            return True
    return result["scores"][category] >= target


def write_report(results: dict, meta: dict) -> None:
    (ROOT / "bench" / "lighthouse.json").write_text(json.dumps({"meta": meta, "results": results}, indent=1) + "\n",
                                                    encoding="utf-8")
    names = {"performance": "Performance", "accessibility": "Accessibility", "best-practices": "Best practices",
             "seo": "SEO"}
    lines = [
        "# Lighthouse scores",
        "",
        f"Written by `bench/lighthouse.py` on {meta['date']} (lighthouse {meta['lighthouse']}, {meta['chrome']}, "
        f"{meta['runs']} run(s) per cell{', performance the median' if meta['runs'] > 1 else ''}; machine load "
        f"{meta['load_before']} before, {meta['load_after']} after). Re-run: `.venv/bin/python bench/lighthouse.py`.",
        "",
        "Targets: accessibility, best practices and SEO 100; performance at least 95 on phones. "
        "A cell below its target is marked ✗. The 404 page is audited at `/404.html`: Lighthouse will not "
        "audit a page that answers with status 404, as that page does at every missing address. "
        "Phone performance moves with the machine's load: Total Blocking Time is measured on its CPU, "
        "slowed down four times (the load is recorded above).",
        "",
        "| Page | Form factor | " + " | ".join(names[c] for c in CATEGORIES) + " |",
        "| --- | --- | " + " | ".join("---:" for _ in CATEGORIES) + " |",
    ]
    for kind in results:
        for form_factor in FORM_FACTORS:
            result = results[kind].get(form_factor)
            if not result:
                continue
            cells = []
            for category in CATEGORIES:
                cell = str(result["scores"][category])
                if category == "performance" and len(result.get("performance_runs", [])) > 1:
                    cell += f" ({'/'.join(map(str, result['performance_runs']))})"
                if not meets(category, form_factor, result):
                    cell += " ✗"
                cells.append(cell)
            path = PAGE_TYPES[kind] or "/"
            lines.append(f"| {kind} (`{path}`) | {form_factor} | " + " | ".join(cells) + " |")
    lines += ["", "## Audits that cost points", ""]
    any_lost = False
    for kind in results:
        for form_factor in FORM_FACTORS:
            result = results[kind].get(form_factor)
            for category, audits in (result or {}).get("lost", {}).items():
                for audit in audits:
                    any_lost = True
                    value = f" ({audit['value']})" if audit["value"] else ""
                    lines.append(f"- {kind}, {form_factor}, {names[category]}: {audit['title']}{value}, "
                                 f"score {audit['score']:.2f}")
    if not any_lost:
        lines.append("None.")
    (ROOT / "bench" / "lighthouse.md").write_text("\n".join(lines) + "\n", encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=1, help="runs per page and form factor; the median performance run is kept")
    parser.add_argument("--only", nargs="*", choices=list(PAGE_TYPES), help="page types to run (default: all)")
    args = parser.parse_args()
    if not Path(CHROMIUM).exists() or not shutil.which("npm"):
        sys.exit(f"{CHROMIUM} or npm is missing: run `bash tests/run.sh` once, which installs both")
    install_lighthouse()

    port = free_port()
    origin = f"http://127.0.0.1:{port}/"
    work = Path(tempfile.mkdtemp(prefix="nk-lighthouse-"))
    try:
        build(work / "site", origin)
        load_before = os.getloadavg()[0]
        results: dict[str, dict] = {}
        with serve(work / "site", port=port) as served:
            assert served == origin
            for kind in args.only or PAGE_TYPES:
                results[kind] = {}
                for form_factor in FORM_FACTORS:
                    runs = []
                    for n in range(args.runs):
                        started = time.monotonic()
                        runs.append(lighthouse(origin + PAGE_TYPES[kind], form_factor, work / f"{kind}-{form_factor}-{n}.json"))
                        print(f"{kind:9} {form_factor:8} {runs[-1]['scores']}  ({time.monotonic() - started:.0f} s)", flush=True)
                    results[kind][form_factor] = median_run(runs)
        first = next(iter(results.values()))["mobile"]
        meta = {"date": datetime.now(timezone.utc).strftime("%Y-%m-%d"), "lighthouse": first["lighthouse"],
                "chrome": first["chrome"].split(") ")[-1].split(" Safari")[0], "runs": args.runs,
                "load_before": round(load_before, 2), "load_after": round(os.getloadavg()[0], 2),
                "machine": f"{platform.machine()}, {os.cpu_count()} cores"}
        write_report(results, meta)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    missed = [(k, f, c) for k in results for f in FORM_FACTORS for c in CATEGORIES
              if not meets(c, f, results[k][f])]
    print(f"Wrote bench/lighthouse.md and bench/lighthouse.json; {len(missed)} cells below target: {missed}")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
