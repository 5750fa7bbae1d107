"""What a search costs a reader: bytes transferred (gzip, as a static host serves them) to search a name.

    python bench/search_transfer.py --scale 100            # corpus ×100, built once, then measured
    python bench/search_transfer.py --site /tmp/x/site     # an existing build

A real browser (Debian's chromium) opens a page of the site served gzip-compressed (tests/statichost.py,
as GitHub Pages serves it), waits until it is idle, then clicks the search box and types the name key by
key until the results settle. Counted: every response after the page was idle (Pagefind's script,
WebAssembly, metadata, index chunks, result fragments), plus the search box's own files of the first view
(our worker and Material's settings file), body bytes as transferred. Two typists: fast (30 ms a key) and
slow (250 ms a key, so each prefix is searched on its way).

`measure(site, query)` is the function to import (bench's reader-side table uses it).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(BENCH))

CHROMIUM = "/usr/bin/chromium"
DEFAULT_QUERY = "Kim Jong-un"
DEFAULT_PAGE = "actors/china/"
SEARCH_BOX_FILES = ("/assets/javascripts/pagefind-search.js", "/search/search_index.json")


def _size(response) -> int:
    """Body bytes as transferred (compressed when the host compressed them)."""
    try:
        size = int(response.request.sizes()["responseBodySize"])
    except Exception:
        size = 0
    return size or int(response.headers.get("content-length") or 0)


def measure(site: Path, query: str = DEFAULT_QUERY, page_path: str = DEFAULT_PAGE, delay_ms: int = 30) -> dict:
    """Search `query` from `page_path` of the built `site`; the bytes transferred, by kind, and the results."""
    from playwright.sync_api import sync_playwright
    from statichost import serve

    with serve(Path(site)) as origin, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        first_view: list[tuple[str, int]] = []
        searching: list[tuple[str, int]] = []
        phase = {"list": first_view}
        context.on("requestfinished", lambda request: phase["list"].append(
            (request.url.removeprefix(origin.rstrip("/")), _size(request.response()))))
        try:
            page = context.new_page()
            page.goto(origin + page_path, wait_until="networkidle")
            phase["list"] = searching
            started = time.perf_counter()
            page.locator("input.md-search__input").click()
            page.locator("input.md-search__input").press_sequentially(query, delay=delay_ms)
            page.locator(".md-search-result__item").first.wait_for(timeout=60_000)
            page.wait_for_load_state("networkidle")
            page.wait_for_timeout(500)
            page.wait_for_load_state("networkidle")
            elapsed = time.perf_counter() - started
            titles = page.locator(".md-search-result__list > .md-search-result__item h1").all_inner_texts()
            meta = page.locator(".md-search-result__meta").inner_text()
        finally:
            context.close()
            browser.close()
    box = [(u, n) for u, n in first_view if u.split("?")[0] in SEARCH_BOX_FILES]
    index = [(u, n) for u, n in searching if "/pagefind/" in u]
    kinds: dict[str, int] = {}
    for url, size in index:
        name = url.split("?")[0].rsplit("/", 1)[-1]
        kind = ("fragments" if "/fragment/" in url else "index chunks" if "/index/" in url else
                "metadata" if name.endswith(".pf_meta") else "wasm" if name.startswith("wasm.") else name)
        kinds[kind] = kinds.get(kind, 0) + size
    return {
        "query": query, "from": page_path, "typing_delay_ms": delay_ms,
        "first_view_search_bytes": sum(n for _, n in box),
        "first_view_index_requests": [u for u, _ in first_view if "/pagefind/" in u],
        "search_bytes": sum(n for _, n in searching),
        "total_bytes": sum(n for _, n in box) + sum(n for _, n in searching),
        "requests": len(searching), "by_kind": kinds,
        "seconds_to_results": round(elapsed, 2), "results_meta": meta, "first_results": titles[:3],
    }


def build(scale: int, work: Path) -> tuple[Path, dict]:
    """The bench corpus at ×`scale`, built once with the project's hooks (search index included)."""
    import corpus

    project = work / "project"
    corpus.generate(scale, project)
    site = work / "site"
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--clean", "-q", "-f", str(project / "mkdocs.yml"),
                           "-d", str(site)], capture_output=True, text=True, cwd=project,
                          env={**__import__("os").environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1700000000"})
    if done.returncode != 0:
        raise SystemExit(done.stdout + done.stderr)
    built = time.perf_counter() - started
    # The index alone, again, to time it (same files: Pagefind's output is byte-stable).
    sys.path.insert(0, str(ROOT / "hooks"))
    from nkexplainer import search

    started = time.perf_counter()
    search.build_index(site, "en")
    return site, {"build_seconds": round(built, 1), "index_seconds": round(time.perf_counter() - started, 1),
                  "pages_indexed": json.loads((site / "pagefind" / "pagefind-entry.json").read_text())["languages"]["en"]["page_count"],
                  "index_files_bytes": sum(p.stat().st_size for p in (site / "pagefind").rglob("*") if p.is_file())}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=int, default=1, help="build the bench corpus at this scale (default 1)")
    parser.add_argument("--site", type=Path, help="measure this built site instead of building one")
    parser.add_argument("--work", type=Path, default=Path("/tmp/nkbench/search"), help="where to build")
    parser.add_argument("--query", default=DEFAULT_QUERY)
    args = parser.parse_args()
    info: dict = {}
    site = args.site
    if site is None:
        site, info = build(args.scale, args.work / f"x{args.scale}")
    report = {**info, "fast": measure(site, args.query), "slow": measure(site, args.query, delay_ms=250)}
    print(json.dumps(report, indent=1, ensure_ascii=False))


if __name__ == "__main__":
    main()
