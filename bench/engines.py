"""Engines side by side: MkDocs and ProperDocs with our hooks, and the export built by MkDocs and by Zensical.

    .venv/bin/python bench/engines.py               # ×1 and ×10; writes bench/engines.md and bench/engines.json
    .venv/bin/python bench/engines.py --runs 1,1    # builds of each kind per scale (default 3,2)

Each engine lives in an environment of its own: ProperDocs in .tools/properdocs
(tests/install_properdocs.sh), Zensical in .tools/zensical (bench/requirements-zensical.txt,
installed here with --no-deps, from PyPI's wheels; it builds offline). Per scale (×1 the
real site, ×10 bench/corpus.py's corpus): the export (hooks/export_site.py), then the
builds alternating, each in its own process, timed in wall and CPU seconds (the
process and its children): MkDocs with hooks, ProperDocs with hooks, MkDocs on the
export, Zensical on the export made for it (`--for zensical`; `zensical build --clean --strict`: no cache
from the last run).
Then the outputs compared: ProperDocs against MkDocs file by file (bench/sitediff.py),
Zensical against MkDocs page by page as a reader meets them (the same pages, the same
text and links in the article body), and at ×1 the features checked in Debian's
chromium on both exports: glossary tooltips, search by alias, requests to other hosts.
Takes about 2 minutes; run it on a quiet machine.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

from bs4 import BeautifulSoup

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT / "tests"))

import corpus  # noqa: E402
import sitediff  # noqa: E402
from engines_report import report  # noqa: E402

ZENSICAL_ENV = ROOT / ".tools" / "zensical"
PROPERDOCS = ROOT / ".tools" / "properdocs" / "bin" / "properdocs"
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true", "SOURCE_DATE_EPOCH": "1700000000"}
KINDS = ("mkdocs+hooks", "properdocs+hooks", "mkdocs export", "zensical export")


# -- environments ----------------------------------------------------------------------


def ensure_engines() -> dict[str, str]:
    subprocess.run(["bash", str(ROOT / "tests" / "install_properdocs.sh")], check=True)
    pins = (HERE / "requirements-zensical.txt").read_text(encoding="utf-8")
    marker = ZENSICAL_ENV / "installed.txt"
    if not marker.is_file() or marker.read_text(encoding="utf-8") != pins:
        print(f"Installing Zensical into {ZENSICAL_ENV}…", file=sys.stderr)
        shutil.rmtree(ZENSICAL_ENV, ignore_errors=True)
        subprocess.run([sys.executable, "-m", "venv", str(ZENSICAL_ENV)], check=True)
        subprocess.run([str(ZENSICAL_ENV / "bin" / "python"), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
                        "--no-deps", "-r", str(HERE / "requirements-zensical.txt")], check=True)
        marker.write_text(pins, encoding="utf-8")
    version = lambda *cmd: subprocess.run(cmd, capture_output=True, text=True, env=ENV).stdout.strip()
    return {"mkdocs": version(sys.executable, "-c", "import mkdocs; print(mkdocs.__version__)"),
            "properdocs": version(str(PROPERDOCS.parent / "python"), "-c", "import properdocs; print(properdocs.__version__)"),
            "zensical": version(str(ZENSICAL_ENV / "bin" / "zensical"), "--version").split()[-1]}


# -- builds ----------------------------------------------------------------------------


def timed(command: list[str], cwd: Path) -> dict:
    """Run `command`; its wall and CPU seconds (user + system, children included)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, env=ENV, capture_output=True, text=True, timeout=1800)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {"wall_s": wall, "cpu_s": cpu, "returncode": done.returncode, "output": (done.stdout + done.stderr)[-3000:]}


def build(kind: str, project: Path, plain: Path, site: Path) -> dict:
    if kind == "zensical export":
        result = timed([str(ZENSICAL_ENV / "bin" / "zensical"), "build", "--clean", "--strict"], zplain(plain))
        if site.exists():
            shutil.rmtree(site)
        if (zplain(plain) / "site").is_dir():
            shutil.move(str(zplain(plain) / "site"), site)
        return result
    engine = [str(PROPERDOCS)] if kind.startswith("properdocs") else [sys.executable, "-m", "mkdocs"]
    source = plain if kind == "mkdocs export" else project
    return timed([*engine, "build", "--strict", "--clean", "-f", str(source / "mkdocs.yml"), "-d", str(site)], source)


def zplain(plain: Path) -> Path:
    """Where the export for Zensical goes (`hooks/export_site.py --for zensical`)."""
    return plain.with_name(plain.name + "-zensical")


def bench_scale(scale: int, runs: int, work: Path) -> dict:
    base = work / f"x{scale}"
    project, plain = base / "project", base / "plain"
    counts = corpus.generate(scale, project)
    export = timed([sys.executable, str(ROOT / "hooks" / "export_site.py"), str(plain), "--project", str(project)], ROOT)
    for_zensical = timed([sys.executable, str(ROOT / "hooks" / "export_site.py"), str(zplain(plain)), "--project", str(project),
                          "--for", "zensical"], ROOT)
    if export["returncode"] or for_zensical["returncode"]:
        raise SystemExit(f"export failed:\n{export['output']}\n{for_zensical['output']}")
    sites = {kind: base / ("site-" + kind.replace("+", "-").replace(" ", "-")) for kind in KINDS}
    raw: dict[str, list[dict]] = {kind: [] for kind in KINDS}
    for _ in range(runs):
        for kind in KINDS:
            raw[kind].append(build(kind, project, plain, sites[kind]))
    result = {"scale": scale, "counts": counts, "runs": runs, "export": {k: export[k] for k in ("wall_s", "cpu_s")},
              "pages": sum(1 for p in sites["mkdocs+hooks"].rglob("*.html") if p.name != "404.html"), "builds": {}}
    for kind, done in raw.items():
        ok = [d for d in done if d["returncode"] == 0]
        result["builds"][kind] = {"ok": len(ok) == len(done), "wall_s": statistics.median(d["wall_s"] for d in done),
                                  "cpu_s": statistics.median(d["cpu_s"] for d in done),
                                  "output": done[-1]["output"] if len(ok) != len(done) else _summary(done[-1]["output"])}
    result["properdocs_vs_mkdocs"] = [{"path": d.path, "causes": list(d.causes), "detail": d.detail}
                                      for d in sitediff.compare(sites["mkdocs+hooks"], sites["properdocs+hooks"])]
    result["export_vs_hooks"] = [{"path": d.path, "causes": list(d.causes), "detail": d.detail}
                                 for d in sitediff.compare(sites["mkdocs+hooks"], sites["mkdocs export"])]
    result["zensical_vs_mkdocs"] = reader_compare(sites["mkdocs export"], sites["zensical export"])
    result["sites"] = {kind: str(path) for kind, path in sites.items()}
    return result


def _summary(output: str) -> str:
    lines = [line for line in output.splitlines() if "WARNING" in line or "ERROR" in line or "finished" in line.lower()]
    return "\n".join(lines[-5:])


# -- Zensical against MkDocs, as a reader meets the pages -------------------------------------------


def _page(path: Path) -> tuple[str, list[str], str]:
    soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    body = soup.select_one("article.md-content__inner") or soup.select_one("article") or soup.body
    for permalink in body.select("a.headerlink"):
        permalink.decompose()
    text = re.sub(r"\s+", " ", body.get_text(" ")).strip()
    links = sorted(re.sub(r"(index\.html)?(\?.*)?$", "", a["href"]) if "#" not in a["href"] else a["href"]
                   for a in body.select("a[href]"))
    title = soup.title.get_text() if soup.title else ""
    return text, links, title


def reader_compare(mkdocs_site: Path, zensical_site: Path) -> dict:
    """Same pages, and on each the same article text, links and title?"""
    html = lambda site: {p.relative_to(site).as_posix() for p in site.rglob("*.html")}
    a, b = html(mkdocs_site), html(zensical_site)
    same = {"text": 0, "links": 0, "title": 0}
    differ: dict[str, list[str]] = {"text": [], "links": [], "title": []}
    for path in sorted(a & b):
        pa, pb = _page(mkdocs_site / path), _page(zensical_site / path)
        for n, key in enumerate(("text", "links", "title")):
            if pa[n] == pb[n]:
                same[key] += 1
            else:
                differ[key].append(path)
    example = None
    if differ["text"]:
        ta, tb = _page(mkdocs_site / differ["text"][0])[0], _page(zensical_site / differ["text"][0])[0]
        at = next((i for i, (x, y) in enumerate(zip(ta, tb)) if x != y), min(len(ta), len(tb)))
        example = {"page": differ["text"][0], "mkdocs": ta[max(0, at - 60): at + 80], "zensical": tb[max(0, at - 60): at + 80]}
    return {"pages_mkdocs": len(a), "pages_zensical": len(b), "only_mkdocs": sorted(a - b)[:10], "only_zensical": sorted(b - a)[:10],
            "same": same, "differ": {k: v[:10] for k, v in differ.items()}, "differ_count": {k: len(v) for k, v in differ.items()},
            "text_example": example,
            "files_only_mkdocs": sorted(p.relative_to(mkdocs_site).as_posix() for p in mkdocs_site.rglob("*") if p.is_file()
                                        and not (zensical_site / p.relative_to(mkdocs_site)).exists()
                                        and not p.relative_to(mkdocs_site).as_posix().startswith("assets/"))[:20]}


# -- features, checked as a reader meets them (×1) ---------------------------------------------------


def features(mkdocs_site: Path, zensical_site: Path, plain: Path, model_aliases: list[tuple[str, str]]) -> dict:
    from playwright.sync_api import sync_playwright

    from conftest import CHROMIUM, CHROMIUM_ARGS
    from statichost import serve

    found: dict[str, dict] = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            for name, site in (("mkdocs", mkdocs_site), ("zensical", zensical_site)):
                with serve(site) as origin:
                    found[name] = _reader_checks(browser, origin, model_aliases)
        finally:
            browser.close()
    for name, site in (("mkdocs", mkdocs_site), ("zensical", zensical_site)):
        found[name].update(_static_checks(site))
    found["zensical"]["strict"] = _zensical_strict(zplain(plain))
    return found


def _reader_checks(browser, origin: str, aliases: list[tuple[str, str]]) -> dict:
    from urllib.parse import urlparse

    context = browser.new_context(viewport={"width": 1280, "height": 900})
    requested: list[str] = []
    context.on("request", lambda request: requested.append(request.url))
    page = context.new_page()
    out: dict = {}
    page.goto(origin + "sources/evolving-relations/", wait_until="networkidle")
    term = page.locator("article a.nkx-term").first
    term.hover()
    try:
        page.locator(".md-tooltip2, [role=tooltip]").first.wait_for(state="visible", timeout=3000)
        out["tooltip"] = page.locator(".md-tooltip2, [role=tooltip]").first.inner_text().strip()[:80]
    except Exception:
        out["tooltip"] = None
    out["search_by_alias"] = {}
    for alias, expected in aliases:
        page.goto(origin, wait_until="networkidle")
        # Material's search field, or the button of Zensical's own header, which opens its search dialog.
        page.locator("input.md-search__input:visible, button.md-search__button").first.click()
        page.keyboard.type(alias, delay=30)
        # Material's result list, or Zensical's search dialog (in a shadow root, which locators enter).
        results = page.locator(".md-search-result__link, dialog ol[role=listbox] a[role=option]")
        try:
            results.first.wait_for(timeout=10_000)
        except Exception:
            pass
        page.wait_for_timeout(500)
        hrefs = results.evaluate_all("links => links.map(a => a.href)")
        pages = list(dict.fromkeys(urlparse(h).path.lstrip("/") for h in hrefs))
        out["search_by_alias"][alias] = {"rank": pages.index(expected) + 1 if expected in pages else None, "shown": len(pages)}
    page.goto(origin, wait_until="networkidle")
    scheme = lambda: page.evaluate("document.body.getAttribute('data-md-color-scheme')")
    seen = {scheme()}
    for _ in range(2):  # automatic → light → dark
        page.locator("form[data-md-component=palette] label:visible").first.click()
        seen.add(scheme())
    out["scheme_toggle"] = {"default", "slate"} <= seen
    own = urlparse(origin)
    out["outside_requests"] = sorted({u for u in requested if urlparse(u).scheme not in ("data", "blob")
                                      and urlparse(u).netloc != own.netloc})
    context.close()
    return out


def _static_checks(site: Path) -> dict:
    home = (site / "index.html").read_text(encoding="utf-8")
    actor = next((site / "actors").glob("*/index.html")).read_text(encoding="utf-8")
    soup = BeautifulSoup(home, "html.parser")
    return {
        "json_ld": 'type="application/ld+json"' in actor,
        "open_data": (site / "data" / "data.json").is_file() and (site / "data" / "schema").is_dir(),
        "404_links": len(BeautifulSoup((site / "404.html").read_text(encoding="utf-8"), "html.parser").select("article li a[href]")),
        "toc_in_phone_menu": len(BeautifulSoup(actor, "html.parser").select('nav.md-nav--primary a[href^="#"]')),
        "og_tags": bool(soup.select_one('meta[property="og:title"]')),
        "search_dialog_named": bool(soup.select_one('.md-search[role=dialog][aria-label]')),
        "nav_links": len(soup.select("nav.md-nav--primary a[href]")),
        "sitemap": (site / "sitemap.xml").is_file(),
        "search_index": next((p.relative_to(site).as_posix() for p in (site / "search" / "search_index.json", site / "search.json")
                              if p.is_file()), None),
        "html_kib_median": statistics.median(p.stat().st_size for p in site.rglob("*.html")) / 1024,
    }


def _zensical_strict(plain: Path) -> dict:
    """Does `zensical build --strict` stop on a link to a missing page, and to a missing anchor, as MkDocs's gate does?"""
    found = {}
    for name, link in (("missing_page", "no-such-page.md"), ("missing_anchor", "about.md#no-such-anchor")):
        broken = plain.parent / f"plain-{name}"
        shutil.rmtree(broken, ignore_errors=True)
        shutil.copytree(plain, broken, ignore=shutil.ignore_patterns("site", ".cache"))
        page = broken / "docs" / "index.md"
        page.write_text(page.read_text(encoding="utf-8") + f"\n\n[A link that goes nowhere]({link})\n", encoding="utf-8")
        done = subprocess.run([str(ZENSICAL_ENV / "bin" / "zensical"), "build", "--clean", "--strict"], cwd=broken, env=ENV,
                              capture_output=True, text=True, timeout=600)
        found[name] = {"stops": done.returncode != 0, "traceback": "Traceback" in done.stdout + done.stderr}
        shutil.rmtree(broken, ignore_errors=True)
    return found


def _aliases(project: Path) -> list[tuple[str, str]]:
    """Up to three aliases (linked automatically) of actors, with the page that search should find for them."""
    import yaml

    found = []
    for actor in yaml.safe_load((project / "data" / "actors.yml").read_text(encoding="utf-8")):
        for alias in actor.get("aliases") or []:
            name = alias if isinstance(alias, str) else alias.get("name")
            if isinstance(alias, dict) and alias.get("autolink") is False:
                continue
            if name and len(name) > 3 and name not in actor["name"]:
                found.append((name, f"actors/{actor['id']}/"))
                break
        if len(found) == 3:
            break
    return found


# -- main ------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scales", default="1,10")
    parser.add_argument("--runs", default="3,2", help="builds of each kind per scale")
    parser.add_argument("--work", type=Path, default=Path("/tmp/nkbench-engines"))
    parser.add_argument("--out", type=Path, default=HERE)
    parser.add_argument("--report-only", action="store_true", help="write engines.md again from engines.json, building nothing")
    parser.add_argument("--features-only", action="store_true",
                        help="check the features again on the sites of the last run (engines.json), building nothing")
    args = parser.parse_args()
    if args.report_only:
        results = json.loads((args.out / "engines.json").read_text(encoding="utf-8"))
        (args.out / "engines.md").write_text(report(results), encoding="utf-8")
        return
    scales = [int(s) for s in args.scales.split(",")]
    runs = [int(r) for r in args.runs.split(",")]
    versions = ensure_engines()
    if args.features_only:
        results = json.loads((args.out / "engines.json").read_text(encoding="utf-8"))
        _features(results, args.work)
        return _write(results, args.out)
    results = {"date": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="minutes"),
               "versions": versions, "cores": os.cpu_count(), "load_before": os.getloadavg()[0], "scales": []}
    for n, scale in enumerate(scales):
        print(f"×{scale}: corpus, export and builds…", file=sys.stderr, flush=True)
        results["scales"].append(bench_scale(scale, runs[min(n, len(runs) - 1)], args.work))
    results["load_after"] = os.getloadavg()[0]
    (args.out / "engines.json").write_text(json.dumps(results, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    _features(results, args.work)
    _write(results, args.out)


def _features(results: dict, work: Path) -> None:
    first = results["scales"][0]
    print("features in the browser…", file=sys.stderr, flush=True)
    results["features"] = features(Path(first["sites"]["mkdocs export"]), Path(first["sites"]["zensical export"]),
                                   work / f"x{first['scale']}" / "plain", _aliases(work / f"x{first['scale']}" / "project"))


def _write(results: dict, out: Path) -> None:
    (out / "engines.json").write_text(json.dumps(results, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    (out / "engines.md").write_text(report(results), encoding="utf-8")
    print(json.dumps({s["scale"]: {k: round(v["wall_s"], 2) for k, v in s["builds"].items()} for s in results["scales"]}))


if __name__ == "__main__":
    main()
