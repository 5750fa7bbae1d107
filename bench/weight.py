"""Page weight of a built site: bytes per page type, and what one page view loads.

For each page type (home, about, actor, event, source, and the big index pages):
how many pages, their HTML bytes (median and heaviest, raw and gzip), and the CSS,
JS and images those pages reference. The search index is reported on its own:
Material fetches it on every page load (from the browser cache after the first)
as soon as the page has a search box, so it belongs to a first visit's weight.

    python bench/weight.py SITE_DIR
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import statistics
from pathlib import Path
from urllib.parse import urljoin, urlsplit

_LINKED = re.compile(r'<(?:link[^>]*rel="(?:stylesheet|icon)"[^>]*href|script[^>]*src|img[^>]*src)="([^"]+)"')
_WORKER = re.compile(r'"search":\s*"([^"]+\.js)"')
"""Material's search worker, named in the page's config JSON and loaded by the bundle."""


def page_type(path: str) -> str:
    """The kind of page at a site-relative path like `actors/china/index.html`."""
    parts = path.split("/")
    if path == "index.html":
        return "home"
    if path == "404.html":
        return "404"
    if len(parts) == 2:
        return {"about": "about", "quotes": "quotes index", "glossary": "glossary", "actors": "actors index",
                "timeline": "timeline index", "sources": "sources index"}.get(parts[0], parts[0])
    if parts[0] in ("glossary", "quotes") or parts[:2] == ["actors", "list"]:
        return {"glossary": "glossary part", "quotes": "quotes part", "actors": "actors part"}[parts[0]]  # parts.py
    if parts[0] == "timeline" and parts[1].isdigit():
        return "timeline year"
    return {"actors": "actor", "timeline": "event", "sources": "source (article)"}.get(parts[0], parts[0])


BUDGET = {
    "html_gzip": 50 * 1024,
    "search_index_gzip": 100 * 1024,
    "first_view_gzip": 250 * 1024,
    "text": "any page's HTML at most 50 KB gzip; the search index at most 100 KB gzip; a first view of the heaviest page "
            "(HTML, CSS, JS, images and the search index every page fetches) at most 250 KB gzip. Repeat views then cost "
            "only the HTML: the theme's CSS, JS and the index come from the browser cache.",
}
"""What one page view may cost a reader, as transferred (gzip); the README defends the figures."""


def budget_check(page_type: dict, site: dict) -> bool:
    """True when a page type's heaviest page stays within BUDGET."""
    return (page_type["html_gzip_max"] <= BUDGET["html_gzip"] and page_type["first_view_gzip"] <= BUDGET["first_view_gzip"]
            and site["search_index_gzip"] <= BUDGET["search_index_gzip"])


def _gz(data: bytes, compress: bool = True) -> int:
    if not compress:
        return 0
    return len(gzip.compress(data, compresslevel=6, mtime=0))


def measure(site: Path, compress: bool = True) -> dict:
    """Bytes per page type; `compress=False` skips the gzip sizes (slow on big sites)."""
    by_type: dict[str, list[tuple[int, int]]] = {}
    assets: dict[str, dict] = {}
    per_type_assets: dict[str, set[str]] = {}
    for html_path in sorted(site.rglob("*.html")):
        relative = html_path.relative_to(site).as_posix()
        data = html_path.read_bytes()
        kind = page_type(relative)
        by_type.setdefault(kind, []).append((len(data), _gz(data, compress)))
        text = data.decode("utf-8", "replace")
        for url in _LINKED.findall(text) + _WORKER.findall(text):
            if urlsplit(url).scheme or url.startswith("//"):
                continue  # third-party: the site has none, and tests check that
            target = urlsplit(urljoin(relative, url)).path.lstrip("/")
            file = site / target
            if file.is_file():
                per_type_assets.setdefault(kind, set()).add(target)
                if target not in assets:
                    body = file.read_bytes()
                    assets[target] = {"bytes": len(body), "gzip": _gz(body, compress), "kind": _asset_kind(target)}
    search = site / "search" / "search_index.json"
    search_bytes = search.read_bytes() if search.is_file() else b""
    types = {}
    for kind, sizes in sorted(by_type.items()):
        raw = [s[0] for s in sizes]
        gz = [s[1] for s in sizes]
        linked = per_type_assets.get(kind, set())
        totals = {k: sum(assets[a]["bytes"] for a in linked if assets[a]["kind"] == k) for k in ("css", "js", "image")}
        totals_gz = {k: sum(assets[a]["gzip"] for a in linked if assets[a]["kind"] == k) for k in ("css", "js", "image")}
        heaviest = max(raw)
        types[kind] = {
            "pages": len(sizes), "html_median": int(statistics.median(raw)), "html_max": heaviest,
            "html_total": sum(raw), "html_gzip_max": max(gz), "css": totals["css"], "js": totals["js"],
            "image": totals["image"], "css_gzip": totals_gz["css"], "js_gzip": totals_gz["js"], "image_gzip": totals_gz["image"],
            "first_view": heaviest + sum(totals.values()) + len(search_bytes),
            "first_view_gzip": max(gz) + sum(totals_gz.values()) + _gz(search_bytes, compress),
        }
    return {"types": types, "search_index": len(search_bytes), "search_index_gzip": _gz(search_bytes, compress),
            "assets": assets, "site_bytes": sum(p.stat().st_size for p in site.rglob("*") if p.is_file())}


def _asset_kind(path: str) -> str:
    if path.endswith(".css"):
        return "css"
    if path.endswith((".js", ".mjs")):
        return "js"
    if path.endswith((".png", ".svg", ".ico", ".jpg", ".jpeg", ".webp", ".gif")):
        return "image"
    return "other"


def search_share(site: Path) -> dict[str, int]:
    """Bytes of the search index by the page type each entry comes from."""
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    shares: dict[str, int] = {}
    for doc in index["docs"]:
        location = doc["location"].split("#")[0]
        path = (location + "index.html") if (location.endswith("/") or not location) else location
        kind = page_type(path)
        shares[kind] = shares.get(kind, 0) + len(json.dumps(doc, ensure_ascii=False).encode("utf-8"))
    return shares


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site", type=Path)
    args = parser.parse_args()
    result = measure(args.site)
    result.pop("assets")
    result["search_share"] = search_share(args.site)
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
