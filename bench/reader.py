"""The reader's side of the benchmark: page weight, phone performance and search transfer at ×1, ×10, ×100.

    .venv/bin/python bench/reader.py                     # ×1, ×10, ×100; writes bench/reader.json and its
                                                         # section of bench/results.md (about 30 minutes)
    .venv/bin/python bench/reader.py --scales 1,10       # fewer scales
    .venv/bin/python bench/reader.py --no-lighthouse     # weight and search only (minutes, not half an hour)

At each scale the bench corpus (bench/corpus.py; ×1 is the real site) is built with `site_url` set to the
address it is then served at, by the tests' static host (tests/statichost.py: files gzip-compressed for a
browser that accepts it, as GitHub Pages serves them, and the 404 page for any missing address). Then:

1. **Page weight**: every HTML file, by page type (home, actor, glossary, a glossary part, …): the heaviest
   page of each type, its HTML raw and gzip, and what a first view of it transfers in Debian's chromium
   with an empty cache (every request until the network is idle: HTML, CSS, JS, images, and whatever the
   search box fetches at page load), body bytes as they came over the wire.
2. **Lighthouse** (bench/lighthouse.py's runner, npm lighthouse 12.2.3), phone form factor, performance
   score and metrics, on the heaviest page of each type.
3. **Search transfer**: in the browser, with an empty cache, a page is opened and left idle, then a name is
   typed into the search box key by key until the results settle. Counted, whatever the search engine:
   every request made from the click into the box until the results settle, plus every request of the
   page view made by a script (fetch, XHR, a worker and what it loads: a search index fetched at page
   load counts against the search, not the page). Body bytes as transferred.
4. **Serve latency**: bench/serve_latency.py (a one-line YAML edit under `mkdocs serve` until the browser
   is told to reload), at every scale its `measure` accepts.

The budgets are #14's: any page's HTML at most 50 KB gzip; Lighthouse phone performance at least 95 at
×1 and 90 at ×100; a name search at ×100 at most 300 KB gzip; serve reload at most 1 s at ×1, 3 s at ×100.
"""

from __future__ import annotations

import argparse
import gzip
import inspect
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import urljoin

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(BENCH))
sys.path.insert(0, str(ROOT / "tests"))

import corpus  # noqa: E402
import serve_latency  # noqa: E402
from statichost import serve  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
RESULTS_MD = BENCH / "results.md"
RESULTS_JSON = BENCH / "reader.json"
BEGIN, END = "<!-- reader-side: begin (bench/reader.py) -->", "<!-- reader-side: end -->"
BUDGET = {"html_gzip": 50 * 1024, "search_gzip_x100": 300 * 1024, "lighthouse_mobile": {1: 95, 10: 90, 100: 90},
          "serve_s": {1: 1.0, 100: 3.0}}
"""#14's targets. Lighthouse: 95 at ×1 and 90 at ×100; ×10 is held to ×100's."""
QUERY = "Kim Jong-un"
"""A name searched at every scale: a real actor, so the corpus at any scale has it."""
_TYPES = [
    (r"", "home"), (r"about/", "about"), (r"404\.html", "404"),
    (r"actors/", "Who's who"), (r"actors/list/.+/", "Who's who part"), (r"actors/[^/]+/", "actor"),
    (r"timeline/", "timeline"), (r"timeline/\d+/(\d+/)?", "timeline year"), (r"timeline/[^/]+/", "event"),
    (r"quotes/", "key quotes"), (r"quotes/.+/", "key quotes part"),
    (r"glossary/", "glossary"), (r"glossary/.+/", "glossary part"),
    (r"sources/", "sources"), (r"sources/[^/]+/", "source"),
]
"""Page types by URL path, the first full match wins."""


def page_type(url_path: str) -> str | None:
    for pattern, kind in _TYPES:
        if re.fullmatch(pattern, url_path):
            return kind
    return None


def _url_path(site: Path, html: Path) -> str:
    relative = html.relative_to(site).as_posix()
    return relative.removesuffix("index.html") if relative.endswith("index.html") else relative


def heaviest(site: Path) -> dict[str, dict]:
    """Per page type: how many pages, and the heaviest by gzip HTML (its path, raw and gzip bytes)."""
    found: dict[str, dict] = {}
    for html in sorted(site.rglob("*.html")):
        path = _url_path(site, html)
        kind = page_type(path)
        if kind is None:
            continue
        data = html.read_bytes()
        size = len(gzip.compress(data, compresslevel=6, mtime=0))
        entry = found.setdefault(kind, {"pages": 0, "path": path, "html": len(data), "html_gzip": size})
        entry["pages"] += 1
        if size > entry["html_gzip"]:
            entry.update(path=path, html=len(data), html_gzip=size)
    order = [kind for _, kind in _TYPES]
    return dict(sorted(found.items(), key=lambda item: order.index(item[0])))


def _size(request) -> int:
    """Response body bytes as transferred (compressed when the host compressed them)."""
    try:
        size = int(request.sizes()["responseBodySize"])
    except Exception:
        size = 0
    if size <= 0:
        response = request.response()
        size = int((response.headers.get("content-length") if response else None) or 0)
    return size


_REFERENCED = re.compile(r"""<(?:link|script|img|source)\b[^>]*?\s(?:src|href|srcset)=["']([^"' ]+)""")


def _own(html: str, url: str) -> set[str]:
    """The URLs a page's markup asks for itself (its styles, scripts, images, icon), resolved."""
    return {urljoin(url, found).split("#")[0] for found in _REFERENCED.findall(html)} | {url.split("#")[0]}


def _scripted(requests: list[tuple[str, int]], own: set[str]) -> list[tuple[str, int]]:
    """The requests a script made at page load (fetch, XHR, a worker and what it loads): neither the page nor
    anything its markup names. On this site they all serve search (Material fetches its whole index here)."""
    return [(url, size) for url, size in requests if url.split("#")[0] not in own]


def _record(into: list):
    """A requestfinished handler that keeps (URL, bytes transferred) while the request is still alive."""
    return lambda request: into.append((request.url, _size(request)))


def browse(origin: str, pages: dict[str, str], query: str) -> tuple[dict[str, dict], dict]:
    """A first view of each page (empty cache), then a name search: bytes transferred, by what asked for them."""
    from playwright.sync_api import sync_playwright

    views: dict[str, dict] = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        try:
            for kind, path in pages.items():
                context = browser.new_context(viewport={"width": 390, "height": 844})
                seen: list = []
                context.on("requestfinished", _record(seen))
                page = context.new_page()
                response = page.goto(origin + path, wait_until="networkidle")
                page.wait_for_timeout(300)
                own = _own(response.text(), response.url)
                views[kind] = {"bytes": sum(n for _, n in seen), "requests": len(seen),
                               "by_scripts": sum(n for _, n in _scripted(seen, own))}
                context.close()
            search = _search(browser, origin, query)
        finally:
            browser.close()
    return views, search


_RESULTS = ".md-search-result__item, .pagefind-ui__result, [role=listbox] [role=option]"
"""A search result, as Material's box (whatever index is behind it) or Pagefind's own UI shows one."""


def _search(browser, origin: str, query: str) -> dict:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    at_load: list = []
    searching: list = []
    phase = {"into": at_load}
    context.on("requestfinished", lambda request: phase["into"].append((request.url, _size(request))))
    try:
        page = context.new_page()
        response = page.goto(origin, wait_until="networkidle")
        page.wait_for_timeout(500)
        own = _own(response.text(), response.url)
        phase["into"] = searching
        started = time.perf_counter()
        box = page.locator("input[type=search], input.md-search__input, [role=searchbox], [role=combobox]").first
        box.click()
        box.press_sequentially(query, delay=60)
        results = page.locator(_RESULTS).first
        results.wait_for(timeout=60_000)
        page.wait_for_load_state("networkidle")
        page.wait_for_timeout(800)
        page.wait_for_load_state("networkidle")
        seconds = time.perf_counter() - started
        shown = " ".join(page.locator(_RESULTS).all_inner_texts())
    finally:
        context.close()
    load_part = _scripted(at_load, own)
    requests = load_part + searching
    return {"query": query, "bytes": sum(n for _, n in requests), "requests": len(requests),
            "at_page_load": sum(n for _, n in load_part), "after_typing": sum(n for _, n in searching),
            "files": sorted({url.removeprefix(origin).split("?")[0] for url, _ in requests})[:40],
            "seconds_to_results": round(seconds, 2), "found": query.split()[0] in shown}


def build(project: Path, site: Path, origin: str) -> float:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1700000000", "SITE_URL": origin}
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--clean", "-q", "-f", str(project / "mkdocs.yml"),
                           "-d", str(site)], cwd=project, env=env, capture_output=True, text=True)
    if done.returncode:
        raise SystemExit(f"the ×N build failed:\n{done.stdout}{done.stderr}")
    return time.perf_counter() - started


def lighthouse_runs(origin: str, pages: dict[str, str], work: Path) -> dict[str, dict]:
    import lighthouse

    lighthouse.install_lighthouse()
    found = {}
    for kind, path in pages.items():
        started = time.monotonic()
        result = lighthouse.lighthouse(origin + path, "mobile", work / f"lh-{re.sub(r'[^a-z0-9]+', '-', kind.lower())}.json")
        found[kind] = {"performance": result["scores"]["performance"], "accessibility": result["scores"]["accessibility"],
                       "metrics": result["metrics"], "lighthouse": result["lighthouse"]}
        print(f"  lighthouse {kind:16} {found[kind]['performance']:3}  ({time.monotonic() - started:.0f} s)", file=sys.stderr, flush=True)
    return found


def serve_times(scale: int, work: Path) -> dict | None:
    """bench/serve_latency.py at `scale`, if its `measure` takes a scale (×1 always)."""
    takes_scale = "scale" in inspect.signature(serve_latency.measure).parameters
    if scale != 1 and not takes_scale:
        return None
    kwargs = {"scale": scale} if takes_scale else {}
    measured = serve_latency.measure(work / f"serve-x{scale}", **kwargs)
    return {"median_s": measured["median_s"], "max_s": measured["max_s"], "runs": measured["runs"]}


def measure_scale(scale: int, work: Path, with_lighthouse: bool, with_serve: bool, port: int) -> dict:
    project, site = work / f"x{scale}" / "project", work / f"x{scale}" / "site"
    print(f"×{scale}: corpus and build…", file=sys.stderr, flush=True)
    counts = corpus.generate(scale, project)
    origin = f"http://127.0.0.1:{port}/"
    built_s = build(project, site, origin)
    types = heaviest(site)
    pages = {kind: entry["path"] for kind, entry in types.items()}
    with serve(site, port=port) as served:
        assert served == origin
        print(f"×{scale}: first views and a search…", file=sys.stderr, flush=True)
        views, search = browse(origin, pages, QUERY)
        for kind, view in views.items():
            types[kind]["view"] = view
        load = os.getloadavg()[0]
        if with_lighthouse:
            print(f"×{scale}: Lighthouse on the heaviest page of each type…", file=sys.stderr, flush=True)
            for kind, result in lighthouse_runs(origin, pages, work).items():
                types[kind]["lighthouse"] = result
    latency = serve_times(scale, work) if with_serve else None
    return {"scale": scale, "counts": counts, "pages": sum(t["pages"] for t in types.values()), "build_s": round(built_s, 1),
            "types": types, "search": search, "serve": latency, "load_average": [round(load, 2), round(os.getloadavg()[0], 2)]}


# -- the report ------------------------------------------------------------------------------------

def _kb(n: float) -> str:
    return f"{n / 1024:,.1f} KB"


def _mark(ok: bool) -> str:
    return "" if ok else " ✗"


def markdown(results: dict) -> str:
    scales = results["scales"]
    out = [BEGIN, "## Reader side: page weight, phone performance, search, live preview", "",
           f"`.venv/bin/python bench/reader.py` on {results['machine']}, {results['date']}, commit {results['commit']}; "
           f"{results['bench_s'] / 60:.1f} min in all{'; ' + results['merged'] if results.get('merged') else ''}{'; ' + results['serve_added'] if results.get('serve_added') else ''}; served gzip-compressed by tests/statichost.py, browsed in Debian's "
           "chromium with an empty cache. Per scale, the heaviest page (gzip HTML) of each page type: its HTML raw and gzip, "
           "what a first view of it transfers (every request until the network is idle), and Lighthouse's phone performance "
           "score (12.2.3; simulated slow 4G and a 4× slower CPU, on a shared machine: scores move a few points run to run). "
           "✗ marks a miss of #14's budget: HTML ≤ 50 KB gzip; phone performance ≥ 95 at ×1, ≥ 90 at ×10 and ×100.", ""]
    kinds = list(dict.fromkeys(k for s in scales for k in s["types"]))
    header = "| Page type | " + " | ".join(f"×{s['scale']} heaviest page | HTML raw / gzip | first view | phone perf." for s in scales) + " |"
    out += [header, "|---|" + "---|---:|---:|---:|" * len(scales)]
    for kind in kinds:
        cells = []
        for s in scales:
            t = s["types"].get(kind)
            if t is None:
                cells += ["–", "–", "–", "–"]
                continue
            lh = t.get("lighthouse")
            perf = "–" if lh is None else f"{lh['performance']}{_mark(lh['performance'] >= BUDGET['lighthouse_mobile'][s['scale']] if s['scale'] in BUDGET['lighthouse_mobile'] else True)}"
            view = t.get("view", {})
            cells += [f"`/{t['path']}` ({t['pages']:,} page{'s' if t['pages'] != 1 else ''})",
                      f"{_kb(t['html'])} / {_kb(t['html_gzip'])}{_mark(t['html_gzip'] <= BUDGET['html_gzip'])}",
                      _kb(view["bytes"]) if view else "–", perf]
        out.append(f"| {kind} | " + " | ".join(cells) + " |")
    out += ["", "| | " + " | ".join(f"×{s['scale']}" for s in scales) + " |", "|---|" + "---:|" * len(scales)]
    out.append("| Pages | " + " | ".join(f"{s['pages']:,}" for s in scales) + " |")
    out.append("| Heaviest HTML of any page (gzip) | " + " | ".join(
        f"{_kb(max(t['html_gzip'] for t in s['types'].values()))}{_mark(max(t['html_gzip'] for t in s['types'].values()) <= BUDGET['html_gzip'])}"
        for s in scales) + " |")
    lows = []
    for s in scales:
        perfs = [(t["lighthouse"]["performance"], k) for k, t in s["types"].items() if t.get("lighthouse")]
        lows.append(f"{min(perfs)[0]} ({min(perfs)[1]})" if perfs else "–")
    out.append("| Lowest phone performance (page type) | " + " | ".join(lows) + " |")
    searches = []
    for s in scales:
        q = s["search"]
        ok = s["scale"] != 100 or q["bytes"] <= BUDGET["search_gzip_x100"]
        searches.append(f"{_kb(q['bytes'])} in {q['requests']} requests ({_kb(q['at_page_load'])} at page load, "
                        f"{_kb(q['after_typing'])} after typing){'' if q['found'] else ', name not in results'}{_mark(ok)}")
    out.append(f"| Search for “{QUERY}” (transferred) | " + " | ".join(searches) + " |")
    serves = []
    for s in scales:
        v = s.get("serve")
        limit = BUDGET["serve_s"].get(s["scale"])
        serves.append("not measured" if not v else f"{v['median_s']:.2f} s (worst {v['max_s']:.2f} s){_mark(limit is None or v['median_s'] <= limit)}")
    out.append("| Serve: YAML edit to reload (median of runs) | " + " | ".join(serves) + " |")
    out.append("| Build (wall, with `--strict`) | " + " | ".join(f"{s['build_s']} s" for s in scales) + " |")
    out.append("| Load average (1 min) before → after | " + " | ".join(f"{s['load_average'][0]} → {s['load_average'][1]}" for s in scales) + " |")
    files = {s["scale"]: s["search"]["files"] for s in scales}
    biggest = max(files)
    out += ["", f"The search counts every request a search triggers in the browser: those made after the click into the "
            f"box until the results settled, and those a script made at page load (fetch, XHR, workers). At ×{biggest} "
            f"they were: " + ", ".join(f"`{f}`" for f in files[biggest][:12]) + ("…" if len(files[biggest]) > 12 else "") + ".",
            END]
    return "\n".join(out) + "\n"


def write(results: dict, out: Path = BENCH) -> None:
    """reader.json, and the reader-side section of results.md (replaced in place, or added at its end)."""
    (out / RESULTS_JSON.name).write_text(json.dumps(results, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    section = markdown(results)
    md = out / RESULTS_MD.name
    current = md.read_text(encoding="utf-8") if md.exists() else "# Benchmark results\n"
    if BEGIN in current and END in current:
        current = current[: current.index(BEGIN)] + section + current[current.index(END) + len(END) + 1:]
    else:
        current = current.rstrip("\n") + "\n\n" + section
    md.write_text(current, encoding="utf-8")


def section_from_json() -> str:
    """The reader-side section of the last run, for bench/report.py when it rewrites results.md."""
    if not RESULTS_JSON.exists():
        return ""
    return markdown(json.loads(RESULTS_JSON.read_text(encoding="utf-8")))


def _commit() -> str:
    done = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True, text=True)
    dirty = subprocess.run(["git", "-C", str(ROOT), "status", "--porcelain", "--", "hooks", "data", "docs", "mkdocs.yml"],
                           capture_output=True, text=True).stdout.strip()
    return done.stdout.strip() + (" (with uncommitted changes)" if dirty else "")


def add_serve_times(args: argparse.Namespace) -> int:
    """serve_latency.py at each of `--scales`, written into the last run's results (for a serve change that
    lands after the pages were measured)."""
    last = args.out / RESULTS_JSON.name
    results = json.loads(last.read_text(encoding="utf-8"))
    started = time.perf_counter()
    for scale in (int(s) for s in args.scales.split(",")):
        for entry in results["scales"]:
            if entry["scale"] == scale:
                print(f"×{scale}: serve latency…", file=sys.stderr, flush=True)
                entry["serve"] = serve_times(scale, args.workdir)
    results["serve_added"] = f"serve latency timed on {datetime.now(timezone.utc).strftime('%Y-%m-%d %H:%M UTC')}, commit {_commit()}"
    results["bench_s"] += time.perf_counter() - started
    write(results, args.out)
    print(markdown(results))
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scales", default="1,10,100")
    parser.add_argument("--no-lighthouse", action="store_true")
    parser.add_argument("--no-serve", action="store_true")
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/nkbench/reader"))
    parser.add_argument("--out", type=Path, default=BENCH, help="where reader.json and results.md are (default bench/)")
    parser.add_argument("--merge", action="store_true", help="keep the other scales of the last run (reader.json)")
    parser.add_argument("--serve-only", action="store_true",
                        help="only time serve_latency.py at --scales and add it to the last run (reader.json)")
    args = parser.parse_args()
    if args.serve_only:
        return add_serve_times(args)
    if not Path(CHROMIUM).exists():
        sys.exit(f"{CHROMIUM} is missing: run `bash tests/run.sh` once, which installs it")
    started = time.perf_counter()
    results = {"date": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
               "machine": f"{platform.machine()}, {len(os.sched_getaffinity(0))} cores", "commit": _commit(), "query": QUERY,
               "budget": {k: v for k, v in BUDGET.items()}, "scales": []}
    from lighthouse import free_port

    args.workdir.mkdir(parents=True, exist_ok=True)
    for scale in (int(s) for s in args.scales.split(",")):
        results["scales"].append(measure_scale(scale, args.workdir, not args.no_lighthouse, not args.no_serve, free_port()))
    results["bench_s"] = time.perf_counter() - started
    last = args.out / RESULTS_JSON.name
    if args.merge and last.exists():
        earlier = json.loads(last.read_text(encoding="utf-8"))
        measured = {s["scale"] for s in results["scales"]}
        results["scales"] = sorted([s for s in earlier["scales"] if s["scale"] not in measured] + results["scales"],
                                   key=lambda s: s["scale"])
        results["merged"] = f"other scales from the run of {earlier['date']} (commit {earlier['commit']})"
        results["bench_s"] += earlier.get("bench_s", 0)
    args.out.mkdir(parents=True, exist_ok=True)
    write(results, args.out)
    print(markdown(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
