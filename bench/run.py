"""The benchmark: how the build grows from ×1 to ×100, and what our hooks add to plain MkDocs.

    .venv/bin/python bench/run.py            # everything; writes bench/results.md and bench/results.json
    .venv/bin/python bench/run.py --quick    # ×1 and ×10 only, no profile, no serve test

At each scale: a corpus (bench/corpus.py), then alternately a build with our hooks
(phase timers around our package) and a build of the same pages as plain Markdown
with no hooks (exported by the first hooked build), each in its own process. The
overhead is the ratio of the two medians, measured side by side. Then: a cProfile
of the hooked build at the largest scale, the page weight of the real site, and
the `mkdocs serve` rebuild latency after a one-line YAML edit.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import pstats
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(1, str(HERE.parent / "hooks"))  # nkexplainer: the plain site gets its search index from it

import corpus  # noqa: E402
import report  # noqa: E402
import serve_latency  # noqa: E402
import sitediff  # noqa: E402
import weight  # noqa: E402

PHASES = ["load_check", "generate", "link", "backlinks"]
TARGETS = {"overhead": 0.10, "per_page_ratio": 1.3, "peak_mib": 1024, "serve_s": {"1": 1.0, "100": 3.0}}
"""serve_s: a one-line YAML edit under `mkdocs serve --dirty` ready to reload within this many seconds, by scale (#14)."""


def _child(*args: str | Path) -> dict:
    command = [sys.executable, str(HERE / "build_once.py"), *map(str, args)]
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"build failed: {' '.join(command)}\n{done.stderr[-4000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def apply_variant(project: Path, features: list[str], patches: list[Path]) -> None:
    """Try a proposal on the corpus copy only: extra Material features, or a diff to the copied hooks."""
    if features:
        config = project / "mkdocs.yml"
        lines = config.read_text(encoding="utf-8").splitlines(keepends=True)
        at = next(i for i, line in enumerate(lines) if line.strip() == "features:")
        indent = re.match(r"\s*", lines[at + 1]).group()
        lines[at + 1 : at + 1] = [f"{indent}- {feature}\n" for feature in features]
        config.write_text("".join(lines), encoding="utf-8")
    for patch in patches:
        subprocess.run(["git", "apply", str(patch.resolve())], cwd=project, check=True)


def _same_output(hooked: Path, plain: Path) -> dict:
    """Compare the two sites file by file (bench/sitediff.py): only the order of the search index may differ.

    The plain build has no hooks, so no search index: it is indexed here as the export's reader would
    (`python -m pagefind_bin`, with the same settings), after its build was timed, so both sites hold one."""
    from nkexplainer import search

    if not (plain / "pagefind").exists():
        search.build_index(plain, "en")
    differences = sitediff.not_allowed(sitediff.compare(hooked, plain), {"search index order", "build date", "build date (gzip)"})
    total = sum(1 for p in hooked.rglob("*") if p.is_file())
    return {"files": total, "differ": len(differences), "examples": [d.path for d in differences[:5]]}


def bench_scale(scale: int, repeats: int, workdir: Path, features: list[str], patches: list[Path]) -> dict:
    base = workdir / f"x{scale}"
    project, plain = base / "project", base / "plain"
    started = time.perf_counter()
    counts = corpus.generate(scale, project)
    apply_variant(project, features, patches)
    generated_s = time.perf_counter() - started
    hooked_site, plain_site = base / "site-hooked", base / "site-plain"
    load_before = os.getloadavg()[0]
    hooked = [_child("hooked", project, hooked_site, "--export", plain)]
    plain_runs = [_child("plain", plain, plain_site)]
    same = _same_output(hooked_site, plain_site)
    html = {kind: v["html_median"] for kind, v in weight.measure(hooked_site, compress=False)["types"].items()}
    for _ in range(repeats - 1):
        hooked.append(_child("hooked", project, hooked_site))
        plain_runs.append(_child("plain", plain, plain_site))
    # CPU time is the measure: the machine is shared, and wall time counts the waits for a core.
    phases = {p: statistics.median(r["hook_cpu_s"].get(p, 0.0) for r in hooked) for p in PHASES}
    own = [sum(r["hook_cpu_s"].values()) for r in hooked]
    phases["other"] = statistics.median(own) - sum(phases.values())
    result = {
        "scale": scale, "counts": counts, "corpus_s": generated_s, "pages": hooked[0]["pages"], "runs": repeats,
        "hooked_wall_s": statistics.median(r["wall_s"] for r in hooked),
        "plain_wall_s": statistics.median(r["wall_s"] for r in plain_runs),
        "hooked_cpu_s": statistics.median(r["cpu_s"] for r in hooked),
        "plain_cpu_s": statistics.median(r["cpu_s"] for r in plain_runs),
        "hooks_cpu_s": statistics.median(own), "phases_cpu_s": phases,
        "hooks_wall_s": statistics.median(sum(r["hook_s"].values()) for r in hooked),
        "hook_events_cpu_s": {k: statistics.median(r["hook_cpu_s"].get(k, 0.0) for r in hooked)
                              for k in hooked[0]["hook_cpu_s"] if k.startswith("hook:")},
        "peak_mib_hooked": max(r["peak_rss_mib"] for r in hooked),
        "peak_mib_plain": max(r["peak_rss_mib"] for r in plain_runs),
        "same_output": same, "html_median_bytes": html,
        "load_average": [round(load_before, 2), round(os.getloadavg()[0], 2)],
        "raw": {"hooked": hooked, "plain": plain_runs},
    }
    result["overhead_cpu"] = result["hooked_cpu_s"] / result["plain_cpu_s"] - 1
    result["overhead_wall"] = result["hooked_wall_s"] / result["plain_wall_s"] - 1
    result["hooks_share"] = result["hooks_cpu_s"] / result["plain_cpu_s"]
    result["ms_per_page"] = 1000 * result["hooked_cpu_s"] / result["pages"]
    result["ms_per_page_wall"] = 1000 * result["hooked_wall_s"] / result["pages"]
    shutil.rmtree(plain_site, ignore_errors=True)
    if scale != 1:
        shutil.rmtree(hooked_site, ignore_errors=True)
    return result


def profile(scale: int, workdir: Path, top: int = 15) -> dict:
    """cProfile of the hooked build at `scale`: our functions by cumulative time, and time by package."""
    base = workdir / f"x{scale}"
    stats_file = base / "build.prof"
    run = _child("hooked", base / "project", base / "site-profile", "--profile", stats_file)
    shutil.rmtree(base / "site-profile", ignore_errors=True)
    return summarize_profile(stats_file, scale, run["wall_s"], top)


def summarize_profile(stats_file: Path, scale: int, wall_s: float, top: int = 15) -> dict:
    stats = pstats.Stats(str(stats_file))
    by_package: dict[str, float] = {}
    ours, theirs = [], []
    for (filename, line, name), (_, calls, tottime, cumtime, _) in stats.stats.items():
        package = _package(filename)
        by_package[package] = by_package.get(package, 0.0) + tottime
        entry = {"function": f"{_short(filename)}:{line}({name})", "calls": calls, "tottime": tottime, "cumtime": cumtime}
        (ours if package.startswith("ours") else theirs).append(entry)
    ours.sort(key=lambda e: -e["cumtime"])
    theirs.sort(key=lambda e: -e["tottime"])
    events = sum(cumtime for (filename, _, name), (_, _, _, cumtime, _) in stats.stats.items()
                 if filename.endswith("explainer_hook.py") and name.startswith("on_"))
    return {"scale": scale, "profiled_wall_s": wall_s, "profiled_total_s": stats.total_tt, "hook_events_cumtime": events, "by_package_tottime": dict(sorted(by_package.items(), key=lambda kv: -kv[1])),
            "ours_by_cumtime": ours[:top], "others_by_tottime": theirs[:top], "stats_file": str(stats_file)}


def _package(filename: str) -> str:
    if filename == "~":
        return "builtins (regex, str, dict: called from all of the above)"
    if "/hooks/nkexplainer/theme/" in filename or "/material/" in filename:
        return "material (theme templates and plugins)"
    if "/hooks/" in filename:
        return "ours (hooks/)"
    match = re.search(r"site-packages/([^/]+)", filename)
    if match:
        name = match.group(1).removesuffix(".py")
        return {"_yaml": "yaml"}.get(name, name)
    return "python stdlib" if filename.startswith("/usr") or "python3" in filename else "other"


def _short(filename: str) -> str:
    for marker in ("site-packages/", "/hooks/", "/lib/python3.11/"):
        if marker in filename:
            return filename.split(marker, 1)[1]
    return filename


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scales", default="1,10,100", help="comma-separated factors (default 1,10,100)")
    parser.add_argument("--repeats", default="3,3,1", help="builds of each kind per scale (default 3,3,1)")
    parser.add_argument("--quick", action="store_true", help="×1 and ×10 only; no profile, no serve test")
    parser.add_argument("--no-profile", action="store_true")
    parser.add_argument("--no-serve", action="store_true")
    parser.add_argument("--serve-scales", default="1,100", help="scales at which to time `mkdocs serve --dirty` (default 1,100)")
    parser.add_argument("--serve-runs", type=int, default=7, help="edits timed at each serve scale")
    parser.add_argument("--feature", action="append", default=[], help="try a Material feature on the corpus copies")
    parser.add_argument("--patch", action="append", default=[], type=Path, help="try a diff to hooks/ on the corpus copies")
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/nkbench"))
    parser.add_argument("--out", type=Path, default=HERE, help="where results.md and results.json go")
    args = parser.parse_args()
    if args.quick:
        args.scales, args.repeats, args.no_profile, args.no_serve = "1,10", "3,3", True, True
    scales = [int(s) for s in args.scales.split(",")]
    repeats = [int(r) for r in args.repeats.split(",")]
    repeats += [repeats[-1]] * (len(scales) - len(repeats))
    started = time.perf_counter()
    results = {"date": datetime.date.today().isoformat(), "machine": f"{platform.machine()}, {_cores()} cores, Python {platform.python_version()}",
               "commit": _commit(), "variant": {"features": args.feature, "patches": [str(p) for p in args.patch]},
               "targets": TARGETS, "scales": []}
    for scale, n in zip(scales, repeats):
        print(f"×{scale}: corpus and {n} build(s) of each kind…", file=sys.stderr, flush=True)
        results["scales"].append(bench_scale(scale, n, args.workdir, args.feature, args.patch))
    real = args.workdir / "x1" / "site-hooked"
    if 1 in scales and real.is_dir():
        print("page weight of the real site…", file=sys.stderr, flush=True)
        results["weight"] = weight.measure(real)
        results["weight"]["search_share"] = weight.search_share(real)
        results["weight"].pop("assets")
    if not args.no_profile:
        print(f"profile at ×{max(scales)}…", file=sys.stderr, flush=True)
        results["profile"] = profile(max(scales), args.workdir)
    if not args.no_serve:
        results["serve"] = []
        for scale in (int(s) for s in args.serve_scales.split(",")):
            print(f"mkdocs serve --dirty edit-to-reload latency at ×{scale}…", file=sys.stderr, flush=True)
            results["serve"].append(serve_latency.measure(args.workdir / f"serve-x{scale}", args.serve_runs, scale=scale))
    results["bench_s"] = time.perf_counter() - started
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "results.json").write_text(json.dumps(results, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    markdown = report.markdown(results)
    (args.out / "results.md").write_text(markdown, encoding="utf-8")
    print(markdown)


def _cores() -> int:
    return len(os.sched_getaffinity(0))


def _commit() -> str:
    done = subprocess.run(["git", "-C", str(HERE.parent), "rev-parse", "--short", "HEAD"], capture_output=True, text=True)
    dirty = subprocess.run(["git", "-C", str(HERE.parent), "status", "--porcelain", "--", "hooks", "data", "docs", "mkdocs.yml"],
                           capture_output=True, text=True).stdout.strip()
    return done.stdout.strip() + (" (with uncommitted changes)" if dirty else "")


if __name__ == "__main__":
    main()
