"""Engines side by side: MkDocs and ProperDocs with our hooks, and the export built by MkDocs and by Zensical.

    .venv/bin/python bench/engines.py               # ×1 and ×10; writes bench/engines.md and bench/engines.json
    .venv/bin/python bench/engines.py --runs 1,1    # builds of each kind per scale (default 3,2)

Each engine lives in an environment of its own: ProperDocs in .tools/properdocs
(tests/install_properdocs.sh), Zensical in .tools/zensical (bench/requirements-zensical.txt,
installed here with --no-deps, from PyPI's wheels; it builds offline). Per scale (×1 the
real site, ×10 bench/corpus.py's corpus): the export (hooks/export_site.py), then the
builds alternating, each in its own process, timed in wall and CPU seconds (the
process and its children): MkDocs with hooks, ProperDocs with hooks, MkDocs on the
export, Zensical on the export (`zensical build --clean --strict`: no cache from the last run).
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
        result = timed([str(ZENSICAL_ENV / "bin" / "zensical"), "build", "--clean", "--strict"], plain)
        if site.exists():
            shutil.rmtree(site)
        if (plain / "site").is_dir():
            shutil.move(str(plain / "site"), site)
        return result
    engine = [str(PROPERDOCS)] if kind.startswith("properdocs") else [sys.executable, "-m", "mkdocs"]
    source = plain if kind == "mkdocs export" else project
    return timed([*engine, "build", "--strict", "--clean", "-f", str(source / "mkdocs.yml"), "-d", str(site)], source)


def bench_scale(scale: int, runs: int, work: Path) -> dict:
    base = work / f"x{scale}"
    project, plain = base / "project", base / "plain"
    counts = corpus.generate(scale, project)
    export = timed([sys.executable, str(ROOT / "hooks" / "export_site.py"), str(plain), "--project", str(project)], ROOT)
    if export["returncode"]:
        raise SystemExit(f"export failed:\n{export['output']}")
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
    found["zensical"]["strict"] = _zensical_strict(plain)
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
        page.locator("input.md-search__input").first.click()
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


# -- the report ------------------------------------------------------------------------


def _t(build: dict) -> str:
    return f"{build['wall_s']:.2f} s ({build['cpu_s']:.2f} s CPU)" if build["ok"] else "**fails**"


def _yes(value: bool) -> str:
    return "yes" if value else "**no**"


def report(results: dict) -> str:
    v = results["versions"]
    first = results["scales"][0]
    f = results["features"]
    mk, zn = f["mkdocs"], f["zensical"]
    out = ["# Engines: MkDocs, ProperDocs and Zensical on the same pages", "",
           f"Written by `.venv/bin/python bench/engines.py` on {results['date']} ({results['cores']} cores, load average "
           f"{results['load_before']:.1f} before, {results['load_after']:.1f} after; the machine was shared). MkDocs {v['mkdocs']}, "
           f"ProperDocs {v['properdocs']}, Zensical {v['zensical']}, each in an environment of its own. Material 9.8.1 for MkDocs "
           "and ProperDocs; Zensical brings its own port of Material's templates (`variant: classic`).", "",
           "## Build times", "",
           "Medians of alternating builds, each in its own process: wall-clock seconds, CPU seconds of the process and its "
           "children in brackets (a shared machine makes wall time noisy; CPU time is the fairer measure). *Export* is "
           "`hooks/export_site.py`, which runs our whole pipeline once; the two right-hand columns build what it wrote.", "",
           "| Scale | Pages | MkDocs + our hooks | ProperDocs + our hooks | Export (our pipeline) | MkDocs, export | Zensical, export |",
           "|---|---:|---:|---:|---:|---:|---:|"]
    for s in results["scales"]:
        b = s["builds"]
        out.append(f"| ×{s['scale']} ({s['runs']} runs) | {s['pages']} | {_t(b['mkdocs+hooks'])} | {_t(b['properdocs+hooks'])} | "
                   f"{s['export']['wall_s']:.2f} s ({s['export']['cpu_s']:.2f} s CPU) | {_t(b['mkdocs export'])} | {_t(b['zensical export'])} |")
    out += ["", "## ProperDocs against MkDocs, file by file", "",
            "Both build the project as it is, with our hooks unchanged (`bench/sitediff.py` names each difference's cause; "
            "`tests/test_engines.py` fails on any other):", ""]
    for s in results["scales"]:
        out.append(f"- ×{s['scale']}: " + _causes(s["properdocs_vs_mkdocs"]))
    out += ["", "The export built by plain MkDocs against the hooked build, the same way:", ""]
    for s in results["scales"]:
        out.append(f"- ×{s['scale']}: " + _causes(s["export_vs_hooks"]))
    used = {c for s in results["scales"] for key in ("properdocs_vs_mkdocs", "export_vs_hooks") for d in s[key] for c in d["causes"]}
    out += ["", "The causes:", ""] + [f"- **{c.name}** ({c.whose}): {c.why}" for c in sitediff.CAUSES if c.name in used]
    out += ["", "## Zensical against MkDocs, page by page", "",
            "Both build the same export. Compared as a reader meets a page: the text of the article body (permalink "
            "signs left out), its links, and the page title.", "",
            "| Scale | Pages (MkDocs / Zensical) | Same body text | Same links | Same title | Files only MkDocs writes |",
            "|---|---:|---:|---:|---:|---|"]
    for s in results["scales"]:
        z = s["zensical_vs_mkdocs"]
        both = min(z["pages_mkdocs"], z["pages_zensical"])
        only = ", ".join(f"`{p}`" for p in z["files_only_mkdocs"]) or "none"
        out.append(f"| ×{s['scale']} | {z['pages_mkdocs']} / {z['pages_zensical']} | {z['same']['text']} of {both} | "
                   f"{z['same']['links']} of {both} | {z['same']['title']} of {both} | {only} |")
    for s in results["scales"]:
        z = s["zensical_vs_mkdocs"]
        for key in ("text", "links", "title"):
            if z["differ"][key]:
                out.append(f"\n×{s['scale']}, {key} differs on: " + ", ".join(f"`{p}`" for p in z["differ"][key]))
        if z["text_example"]:
            e = z["text_example"]
            out += ["", f"For example `{e['page']}`: MkDocs “…{e['mkdocs']}…”, Zensical “…{e['zensical']}…”."]
    rank = lambda found: ", ".join(f"{alias}: " + (f"#{r['rank']}" if r["rank"] else f"**not in the first results** "
                                                   f"(sections of {r['shown']} pages)")
                                   for alias, r in found.items())
    strict = zn["strict"]
    out += ["", "## What each engine keeps", "",
            f"Checked at ×{first['scale']}: in Debian's chromium for the first rows (each export served as a static host would), "
            "in the built files for the rest.", "",
            "| Feature | MkDocs (export; the same as with hooks) | Zensical (export) |", "|---|---|---|",
            f"| Glossary tooltips on hover | {_yes(mk['tooltip'])} | {_yes(zn['tooltip'])} |",
            f"| Search by alias (rank of the actor's page among result pages) | {rank(mk['search_by_alias'])} | {rank(zn['search_by_alias'])} |",
            f"| Light/dark switch | {_yes(mk['scheme_toggle'])} | {_yes(zn['scheme_toggle'])} |",
            f"| Requests to other hosts (load, tooltip, search, switch) | {len(mk['outside_requests']) or 'none'} | "
            f"{', '.join(zn['outside_requests']) or 'none'} |",
            f"| JSON-LD on record pages | {_yes(mk['json_ld'])} | {_yes(zn['json_ld'])} |",
            f"| Open data (`data/data.json`, schemas) | {_yes(mk['open_data'])} | {_yes(zn['open_data'])} |",
            f"| Open Graph tags | {_yes(mk['og_tags'])} | {_yes(zn['og_tags'])} |",
            f"| Our accessible search dialog (theme override) | {_yes(mk['search_dialog_named'])} | {_yes(zn['search_dialog_named'])} |",
            f"| 404 page: links back into the site | {mk['404_links']} | {zn['404_links'] or '**none**'} |",
            f"| Page's contents in the phone menu (links on an actor page) | {mk['toc_in_phone_menu']} | "
            f"{zn['toc_in_phone_menu'] or '**none** (ours: see the notes)'} |",
            f"| Search index | `{mk['search_index']}` | `{zn['search_index']}` (its own format and search UI) |",
            f"| Sitemap | {_yes(mk['sitemap'])} | {_yes(zn['sitemap'])} |",
            f"| Median HTML per page | {mk['html_kib_median']:.0f} KiB | {zn['html_kib_median']:.0f} KiB |",
            f"| `--strict` stops on a link to a missing page | yes | {_yes(strict['missing_page']['stops'])}"
            f"{' (with a Python traceback after its own clear message)' if strict['missing_page']['traceback'] else ''} |",
            f"| `--strict` stops on a link to a missing anchor | yes | {_yes(strict['missing_anchor']['stops'])}"
            f"{' (with a Python traceback)' if strict['missing_anchor']['traceback'] and strict['missing_anchor']['stops'] else ''} |",
            "| Our data checks (file:line messages, verbatim quotes) | yes, in the build | yes, in the export command; none in `zensical build` (it runs no hooks) |",
            "| Preview of data errors in the browser while serving | yes (`mkdocs serve`) | **no**: `zensical serve` sees only the export; a YAML edit needs `hooks/export_site.py` again |",
            "| A YAML edit rebuilds the site while serving | yes | **no**: re-export (then Zensical rebuilds what changed) |",
            "| Edit links to the YAML record (`extra.explainer.edit_url`) | yes | **no** (set by a hook at build time) |",
            "", "## Notes", "",
            f"- **Which Zensical.** {v['zensical']} is the newest release that installs here: 0.0.74 and every 0.1.x release "
            "depend on `zensical-ui`, a package the index we install from does not serve (pip: \"No matching distribution "
            "found for zensical-ui\"). Its wheel carries its own interface and builds offline (`strace -e connect` on a "
            "build saw no connection), and the built pages ask no other host for anything (above).",
            "- **Times.** Measured on a 2-core machine shared with other builds (see the load average above): wall times "
            "here are mostly waiting. Read the CPU seconds, and treat differences under 20% as noise. Zensical's CPU time "
            "counts all its threads; `--clean` makes each of its builds start without the cache it keeps between builds.",
            "- **Search.** Actor pages and the Who's who list every alias, so both engines can find an actor by one; the "
            "ranking differs. Zensical's own search lists sections grouped by page, and for an alias the article uses "
            "everywhere (\"Beijing\") the article and events fill its first screen of results, without the actor's page.",
            "- **Theme overrides are Material's.** Our `partials/nav-item.html` and `partials/toc.html` are Material 9.8.1's "
            "with accessibility fixes; Zensical renders them in place of its own, and they leave the page's contents out of "
            "its phone menu. Without both overrides Zensical shows them (checked by hand: 7 links on China's page); with "
            "only our `toc.html` kept, the build stops (a template error: our copy calls Material's `lang.t` where Zensical "
            "has none). Moving to Zensical means porting those fixes to its templates.",
            "- **What the export cannot carry.** Anything our hooks would add after the Markdown stage (`on_page_content`, "
            "`on_post_page`) never reaches an export: the JSON-LD travels as page metadata for that reason, and "
            "`tests/test_engines.py` fails if the export and the hooked build ever differ.",
            ""]
    return "\n".join(out)


def _causes(differences: list[dict]) -> str:
    if not differences:
        return "byte-identical, every file."
    by: dict[str, int] = {}
    unexplained = []
    for d in differences:
        for cause in d["causes"]:
            by[cause] = by.get(cause, 0) + 1
        if not d["causes"]:
            unexplained.append(d["path"])
    parts = [f"{n} file{'s differ' if n != 1 else ' differs'} by **{c}** ({sitediff.BY_NAME[c].whose})" for c, n in by.items()]
    if unexplained:
        parts.append(f"**{len(unexplained)} unexplained**: " + ", ".join(f"`{p}`" for p in unexplained[:5]))
    return "; ".join(parts) + "; every other file byte-identical."


# -- main ------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scales", default="1,10")
    parser.add_argument("--runs", default="3,2", help="builds of each kind per scale")
    parser.add_argument("--work", type=Path, default=Path("/tmp/nkbench-engines"))
    parser.add_argument("--out", type=Path, default=HERE)
    parser.add_argument("--report-only", action="store_true", help="write engines.md again from engines.json, building nothing")
    args = parser.parse_args()
    if args.report_only:
        results = json.loads((args.out / "engines.json").read_text(encoding="utf-8"))
        (args.out / "engines.md").write_text(report(results), encoding="utf-8")
        return
    scales = [int(s) for s in args.scales.split(",")]
    runs = [int(r) for r in args.runs.split(",")]
    versions = ensure_engines()
    results = {"date": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="minutes"),
               "versions": versions, "cores": os.cpu_count(), "load_before": os.getloadavg()[0], "scales": []}
    for n, scale in enumerate(scales):
        print(f"×{scale}: corpus, export and builds…", file=sys.stderr, flush=True)
        results["scales"].append(bench_scale(scale, runs[min(n, len(runs) - 1)], args.work))
    first = results["scales"][0]
    print("features in the browser…", file=sys.stderr, flush=True)
    results["features"] = features(Path(first["sites"]["mkdocs export"]), Path(first["sites"]["zensical export"]),
                                   args.work / f"x{first['scale']}" / "plain", _aliases(args.work / f"x{first['scale']}" / "project"))
    results["load_after"] = os.getloadavg()[0]
    (args.out / "engines.json").write_text(json.dumps(results, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    (args.out / "engines.md").write_text(report(results), encoding="utf-8")
    print(json.dumps({s["scale"]: {k: round(v["wall_s"], 2) for k, v in s["builds"].items()} for s in results["scales"]}))


if __name__ == "__main__":
    main()
