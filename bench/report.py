"""bench/results.json as Markdown tables (bench/results.md, and the README section)."""

from __future__ import annotations

import statistics

from weight import BUDGET, budget_check

_TYPES = ["home", "about", "actor", "event", "source (article)", "actors index", "actors part", "timeline index",
          "timeline year", "quotes index", "quotes part", "glossary", "glossary part", "sources index"]


def _kb(n: float) -> str:
    return f"{n / 1024:,.0f} KB" if n < 10 * 1024 * 1024 else f"{n / 1024 / 1024:,.1f} MB"


def _pct(x: float) -> str:
    return f"{x * 100:+.0f}%"


def build_table(results: dict) -> list[str]:
    lines = [
        "| Scale | Pages | Actors / events / quotes / terms / sources | Plain MkDocs | With our hooks | Overhead "
        "| Our hooks' own time | load + check | generate | link | backlinks | other | Time per page | Peak memory (hooks / plain) |",
        "| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for s in results["scales"]:
        c, p = s["counts"], s["phases_cpu_s"]
        lines.append(
            f"| ×{s['scale']} | {s['pages']:,} | {c['actors']:,} / {c['events']:,} / {c['quotes']:,} / {c['glossary']:,} / {c['sources']:,} "
            f"| {s['plain_cpu_s']:.2f} s ({s['plain_wall_s']:.2f}) | {s['hooked_cpu_s']:.2f} s ({s['hooked_wall_s']:.2f}) "
            f"| **{_pct(s['overhead_cpu'])}** ({_pct(s['overhead_wall'])}) "
            f"| {s['hooks_cpu_s']:.2f} s = {s['hooks_share'] * 100:.0f}% | {p['load_check']:.2f} | {p['generate']:.2f} | {p['link']:.2f} "
            f"| {p['backlinks']:.2f} | {p['other']:.2f} | {s['ms_per_page']:.1f} ms ({s['ms_per_page_wall']:.1f}) "
            f"| {s['peak_mib_hooked']:.0f} / {s['peak_mib_plain']:.0f} MiB |"
        )
    return lines


def targets_table(results: dict) -> list[str]:
    t = results["targets"]
    scales = {s["scale"]: s for s in results["scales"]}
    rows = []
    worst = max(results["scales"], key=lambda s: s["overhead_cpu"])
    rows.append(("Our hooks add at most 10% to plain MkDocs, every scale",
                 ", ".join(f"×{s['scale']} {_pct(s['overhead_cpu'])}" for s in results["scales"]) + " (CPU time)",
                 worst["overhead_cpu"] <= t["overhead"]))
    if 10 in scales and 100 in scales:
        ratio = scales[100]["ms_per_page"] / scales[10]["ms_per_page"]
        rows.append(("Time per page at ×100 within 1.3× of ×10",
                     f"{scales[100]['ms_per_page']:.1f} ms vs {scales[10]['ms_per_page']:.1f} ms = {ratio:.2f}×",
                     ratio <= t["per_page_ratio"]))
    if 100 in scales:
        rows.append(("Peak memory at ×100 under 1 GiB", f"{scales[100]['peak_mib_hooked']:.0f} MiB",
                     scales[100]["peak_mib_hooked"] < t["peak_mib"]))
    for sv in _serve_runs(results):
        limit = t["serve_s"].get(str(sv["scale"])) if isinstance(t["serve_s"], dict) else t["serve_s"]
        if limit is None:
            continue
        rows.append((f"A one-line YAML edit under `mkdocs serve --dirty` ready to reload within {limit:g} s at ×{sv['scale']}",
                     f"median {sv['median_s']:.2f} s, worst {sv['max_s']:.2f} s of {sv['runs']} (the build itself: {sv['rebuild_s_median']:.2f} s)",
                     sv["median_s"] <= limit))
    lines = ["| Target | This run | Met |", "| --- | --- | --- |"]
    lines += [f"| {name} | {figure} | {'yes' if ok else '**no**'} |" for name, figure, ok in rows]
    return lines


def _serve_runs(results: dict) -> list[dict]:
    """The serve latency runs: a list by scale (one dict at ×1 in results of before #14)."""
    serve = results.get("serve") or []
    return [{"scale": 1, **serve}] if isinstance(serve, dict) else serve


def serve_table(results: dict) -> list[str]:
    lines = ["| Scale | Edit to reload (median / worst) | Rebuild (median) | Pages and files rendered per edit | First build |",
             "| --- | ---: | ---: | ---: | ---: |"]
    for sv in _serve_runs(results):
        rendered = sv.get("rendered_per_edit") or []
        of = sv.get("pages_and_files")
        shown = f"{statistics.median(rendered):.0f} of {of:,}" if rendered and of else "all"
        first = f"{sv['first_build_s']:.1f} s" if sv.get("first_build_s") else ""
        lines.append(f"| ×{sv['scale']} | {sv['median_s']:.2f} s / {sv['max_s']:.2f} s | {sv['rebuild_s_median']:.2f} s | {shown} | {first} |")
    return lines


def weight_table(results: dict) -> list[str]:
    w = results["weight"]
    lines = ["| Page type | Pages | HTML (median / heaviest) | HTML gzip (heaviest) | CSS | JS | Images | First view, heaviest page (raw / gzip) | Budget |",
             "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |"]
    for kind in _TYPES:
        v = w["types"].get(kind)
        if not v:
            continue
        ok = budget_check(v, w)
        lines.append(f"| {kind} | {v['pages']} | {_kb(v['html_median'])} / {_kb(v['html_max'])} | {_kb(v['html_gzip_max'])} "
                     f"| {_kb(v['css'])} ({_kb(v['css_gzip'])} gz) | {_kb(v['js'])} ({_kb(v['js_gzip'])} gz) | {_kb(v['image'])} "
                     f"| {_kb(v['first_view'])} / {_kb(v['first_view_gzip'])} | {'within' if ok else '**over**'} |")
    lines.append(f"| search index (every page fetches it) | 1 | {_kb(w['search_index'])} | {_kb(w['search_index_gzip'])} | | | | | "
                 f"{'within' if w['search_index_gzip'] <= BUDGET['search_index_gzip'] else '**over**'} |")
    return lines


def scale_html_table(results: dict) -> list[str]:
    scales = results["scales"]
    lines = ["| Page type | " + " | ".join(f"×{s['scale']}" for s in scales) + " |", "| --- |" + " ---: |" * len(scales)]
    for kind in _TYPES:
        if any(kind in s["html_median_bytes"] for s in scales):
            lines.append(f"| {kind} | " + " | ".join(_kb(s["html_median_bytes"].get(kind, 0)) for s in scales) + " |")
    return lines


def profile_tables(results: dict) -> list[str]:
    p = results["profile"]
    total = sum(p["by_package_tottime"].values())
    share = p["hook_events_cumtime"] / p["profiled_total_s"] * 100
    lines = [f"Profiled build at ×{p['scale']}: {p['profiled_wall_s']:.0f} s under cProfile (which slows pure-Python code about 2×). "
             f"Our hook events, everything they call included: {p['hook_events_cumtime']:.1f} s of {p['profiled_total_s']:.0f} s ({share:.0f}%).", "",
             "| Where (own time) | Seconds | Share |", "| --- | ---: | ---: |"]
    for package, seconds in list(p["by_package_tottime"].items())[:10]:
        lines.append(f"| {package} | {seconds:.1f} | {seconds / total * 100:.0f}% |")
    lines += ["", "Our functions, by cumulative time:", "", "| Function | Calls | Cumulative s | Own s |", "| --- | ---: | ---: | ---: |"]
    lines += [f"| `{e['function']}` | {e['calls']:,} | {e['cumtime']:.2f} | {e['tottime']:.2f} |" for e in p["ours_by_cumtime"][:12]]
    lines += ["", "Everything else, by own time:", "", "| Function | Calls | Own s |", "| --- | ---: | ---: |"]
    lines += [f"| `{e['function']}` | {e['calls']:,} | {e['tottime']:.2f} |" for e in p["others_by_tottime"][:12]]
    return lines


def _cores_text(results: dict) -> str:
    return results["machine"].split(", ")[1]


def markdown(results: dict) -> str:
    variant = results["variant"]
    tried = ""
    if variant["features"] or variant["patches"]:
        tried = f" Tried on the corpus copies only: features {variant['features']}, patches {variant['patches']}."
    out = ["# Benchmark results", "",
           f"`.venv/bin/python bench/run.py` on {results['machine']}, {results['date']}, commit {results['commit']}; "
           f"{results['bench_s'] / 60:.1f} min in all.{tried}", "",
           "## Build time at scale", "",
           "Medians of alternating builds in separate processes (" + ", ".join(f"×{s['scale']}: {s['runs']}" for s in results["scales"])
           + " of each kind). *Plain MkDocs* builds the very "
           "pages our hooks produce, exported as Markdown with the nav written out, with no hooks. Times are CPU seconds of "
           "`load_config` + `build`, wall-clock in brackets: the machine is shared, and wall time also counts waiting for a core. "
           "*Our hooks' own time* is measured inside the hooked build (as a share of the plain build), split by phase in seconds.", ""]
    out += build_table(results)
    sames = [f"×{s['scale']}: {s['same_output']['differ']} of {s['same_output']['files']} files differ"
             + (f" ({', '.join(s['same_output']['examples'])})" if s["same_output"]["differ"] else "")
             for s in results["scales"]]
    loads = ", ".join(f"×{s['scale']} {s['load_average'][0]:.1f}→{s['load_average'][1]:.1f}" for s in results["scales"])
    out += ["", "Same output check (hooked vs plain site, file by file; only the search index may list pages in another order): " + "; ".join(sames) + ".",
            f"Load average (1 min) before → after each scale, on {_cores_text(results)}: {loads}.", "",
            "## Against the targets", ""] + targets_table(results)
    if _serve_runs(results):
        out += ["", "## Live preview: `mkdocs serve --dirty`", "",
                "A one-line change to an event's summary in data/events.yml, saved at a random moment of the file watcher's "
                "0.5 s polling cycle, timed until the browser's live-reload poll answers (bench/serve_latency.py), "
                f"{_serve_runs(results)[0]['runs']} edits per scale. The hook renders only the pages the edit changes "
                "(hooks/nkexplainer/incremental.py); the first build renders everything.", ""] + serve_table(results)
    if "profile" in results:
        out += ["", "## Where the time goes", ""] + profile_tables(results)
    if "weight" in results:
        out += ["", "## Page weight (the real site, ×1)", ""] + weight_table(results)
        out += ["", f"Budget: {BUDGET['text']}"]
    out += ["", "## HTML per page as the site grows (median bytes)", ""] + scale_html_table(results)
    reader_side = _reader_section()
    return "\n".join(out) + "\n" + ("\n" + reader_side if reader_side else "")


def _reader_section() -> str:
    """The reader side (bench/reader.py writes it into results.md from its own run, kept in bench/reader.json),
    carried over when this report rewrites results.md."""
    import reader

    return reader.section_from_json()
