"""bench/engines.md from the results of bench/engines.py: build times, differences with their causes, features kept."""

from __future__ import annotations

import sitediff


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
            "| Feature | MkDocs (export; the same as with hooks) | Zensical (export `--for zensical`) |", "|---|---|---|",
            f"| Glossary tooltips on hover | {_yes(mk['tooltip'])} | {_yes(zn['tooltip'])} |",
            f"| Search by alias (rank of the actor's page among result pages) | {rank(mk['search_by_alias'])} | {rank(zn['search_by_alias'])} |",
            f"| Links inside the graphics (SVG) | yes | **broken on {first['zensical_vs_mkdocs']['differ_count']['links']} "
            f"of {first['zensical_vs_mkdocs']['pages_zensical']} pages** (see the notes) |"
            if first["zensical_vs_mkdocs"]["differ_count"]["links"] else "| Links inside the graphics | yes | yes |",
            f"| Light/dark switch | {_yes(mk['scheme_toggle'])} | {_yes(zn['scheme_toggle'])} |",
            f"| Requests to other hosts (load, tooltip, search, switch) | {len(mk['outside_requests']) or 'none'} | "
            f"{', '.join(zn['outside_requests']) or 'none'} |",
            f"| JSON-LD on record pages | {_yes(mk['json_ld'])} | {_yes(zn['json_ld'])} |",
            f"| Open data (`data/data.json`, schemas) | {_yes(mk['open_data'])} | {_yes(zn['open_data'])} |",
            f"| Open Graph tags | {_yes(mk['og_tags'])} | {_yes(zn['og_tags'])} |",
            f"| Search dialog has an accessible name | {_yes(mk['search_dialog_named'])} (our override) | "
            f"{_yes(zn['search_dialog_named'])} (Zensical's own) |",
            f"| 404 page: links back into the site | {mk['404_links']} | {zn['404_links'] or '**none**'} |",
            f"| Page's contents in the phone menu (links on an actor page) | {mk['toc_in_phone_menu']} | "
            f"{zn['toc_in_phone_menu'] or '**none**'} |",
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
            "- **Links in raw HTML (theirs).** Where links differ, Zensical has rewritten the relative links inside raw "
            "HTML, which MkDocs leaves as written: our SVG graphics (here, the relationship map on an actor's page) link "
            "relative to the page's address (`../../sources/evolving-relations/#p1` on `actors/china/`), and Zensical reads them as "
            "relative to the Markdown file, adding a `../`, so they point one folder too deep on every page that is not "
            "a folder's index. Markdown links are resolved the same by both engines. Before moving to Zensical, the "
            "graphics must write their links the way it reads them (or as Markdown).",
            "- **Theme overrides are Material's.** Our `partials/nav-item.html`, `partials/toc.html` and `partials/search.html` "
            "are Material 9.8.1's with accessibility fixes. Zensical renders an override in place of its own port of the "
            "partial, and these break its pages (checked by hand, screenshots at 1280 px): the header's search box shows "
            "as a bare text field with loose icons, the page's contents drop out of the phone menu, and with only our "
            "`toc.html` kept the build stops (it calls Material's `lang.t`). So `hooks/export_site.py --for zensical` "
            "leaves out every override marked \"Copied from Material\" (our `main.html` and `404.html` work on both), "
            "and Zensical's own partials take their place; their accessibility is Zensical's, not checked by our axe tests.",
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
