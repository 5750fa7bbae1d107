"""One MkDocs build, measured, in its own process (so its peak memory is its own).

    python bench/build_once.py hooked PROJECT SITE [--export PLAIN] [--profile FILE]
    python bench/build_once.py plain  PROJECT SITE

`hooked` builds PROJECT as `mkdocs build` does, with timers wrapped around our
package's phases and every hook event; `--export` then writes the same pages as
plain Markdown into a project without `hooks:`, with the export command's own
code (`nkexplainer.export`, as `hooks/export_site.py` runs it), after the
measurement. `plain` builds such a project. Both print one JSON line: wall and CPU seconds of
load_config + build, pages built, peak RSS, and (hooked) seconds per phase.
"""

from __future__ import annotations

import argparse
import functools
import gc
import json
import logging
import os
import resource
import sys
import time
from collections import defaultdict
from pathlib import Path

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

from mkdocs.commands.build import build  # noqa: E402
from mkdocs.config import load_config  # noqa: E402

PHASES = {
    "load_check": [("check", "load_model")],
    "generate": [("render", "render_pages")],
    "link": [("link", "Linker.__init__"), ("link", "Linker.link_markdown"), ("article", "annotate")],
    "backlinks": [("backlinks", "Index.of"), ("render", "backlinks_markdown"), ("article", "paragraph_mentions")],
}
"""Our phases, as the functions that do them (module of `nkexplainer`, attribute)."""


class Timers:
    """Exclusive wall and CPU time per phase: a phase called inside another is not counted twice."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = defaultdict(float)
        self.cpu: dict[str, float] = defaultdict(float)
        self.calls: dict[str, int] = defaultdict(int)
        self._nested: list[list[float]] = []

    def wrap(self, phase: str, function):
        @functools.wraps(function)
        def timed(*args, **kwargs):
            start, start_cpu = time.perf_counter(), time.process_time()
            self._nested.append([0.0, 0.0])
            try:
                return function(*args, **kwargs)
            finally:
                elapsed, elapsed_cpu = time.perf_counter() - start, time.process_time() - start_cpu
                nested = self._nested.pop()
                self.seconds[phase] += elapsed - nested[0]
                self.cpu[phase] += elapsed_cpu - nested[1]
                self.calls[phase] += 1
                if self._nested:
                    self._nested[-1][0] += elapsed
                    self._nested[-1][1] += elapsed_cpu

        return timed


def _instrument(project: Path, timers: Timers) -> dict:
    """Wrap our phase functions; return {original: wrapped} to rebind `from x import y` copies later."""
    sys.path.insert(0, str(project / "hooks"))
    import importlib

    swaps = {}
    for phase, targets in PHASES.items():
        for module_name, attribute in targets:
            module = importlib.import_module(f"nkexplainer.{module_name}")
            owner, name = module, attribute
            if "." in attribute:
                owner_name, name = attribute.split(".")
                owner = getattr(module, owner_name)
            original = getattr(owner, name)
            wrapped = timers.wrap(phase, original)
            setattr(owner, name, wrapped)
            swaps[original] = wrapped
    return swaps


def _rebind(swaps: dict) -> None:
    """Where a module copied a name at import time (`from .render import render_pages`), use the timed one."""
    for name, module in list(sys.modules.items()):
        if not (name.startswith("nkexplainer") or name.endswith("explainer_hook.py")) or module is None:
            continue
        for attribute, value in list(vars(module).items()):
            try:
                if value in swaps:
                    setattr(module, attribute, swaps[value])
            except TypeError:  # unhashable
                pass


def _hook_module():
    return next(m for n, m in sys.modules.items() if n.endswith("explainer_hook.py"))


def _wrap_hook_events(config, timers: Timers) -> None:
    """Time every event the hook handles."""
    for event, methods in config.plugins.events.items():
        for n, method in enumerate(methods):
            code = getattr(method, "__code__", None)
            if code is None or not code.co_filename.endswith("explainer_hook.py"):
                continue
            timed = timers.wrap(f"hook:{event}", method)
            config.plugins._event_origins[timed] = config.plugins._event_origins.get(method, "hook")
            methods[n] = timed


def export_plain(project: Path, plain: Path) -> None:
    """The project as plain Markdown and static files, without hooks: what `hooks/export_site.py PLAIN` writes."""
    from nkexplainer import export  # the project's own package: on sys.path since _instrument

    export.write(export.collect(project), plain)


class _GCClock:
    """Time spent in Python's cyclic garbage collector: it grows with everything kept alive, ours included."""

    def __init__(self) -> None:
        self.seconds = 0.0
        self.collections = 0
        self._start = 0.0
        gc.callbacks.append(self._tick)

    def _tick(self, phase: str, info: dict) -> None:
        if phase == "start":
            self._start = time.process_time()
        else:
            self.seconds += time.process_time() - self._start
            self.collections += 1


def run(mode: str, project: Path, site: Path, export: Path | None, profile: Path | None) -> dict:
    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    gc_clock = _GCClock()
    timers = Timers()
    wall0, cpu0 = time.perf_counter(), time.process_time()
    profiler = None
    if profile:
        import cProfile

        profiler = cProfile.Profile(time.process_time)  # CPU time: the machine is shared
        profiler.enable()
    if mode == "hooked":
        swaps = _instrument(project, timers)
    config = load_config(config_file=str(project / "mkdocs.yml"), site_dir=str(site))
    if mode == "hooked":
        _rebind(swaps)
        _wrap_hook_events(config, timers)
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()
    if profiler:
        profiler.disable()
        profiler.dump_stats(str(profile))
    wall, cpu = time.perf_counter() - wall0, time.process_time() - cpu0
    pages = sum(1 for p in site.rglob("*.html") if p.name != "404.html")
    result = {"mode": mode, "wall_s": wall, "cpu_s": cpu, "pages": pages,
              "peak_rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
              "gc_cpu_s": gc_clock.seconds, "gc_collections": gc_clock.collections}
    if mode == "hooked":
        result["hook_s"] = dict(timers.seconds)
        result["hook_cpu_s"] = dict(timers.cpu)
        result["hook_calls"] = dict(timers.calls)
        if export:
            export_plain(project, export)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("mode", choices=["hooked", "plain"])
    parser.add_argument("project", type=Path)
    parser.add_argument("site", type=Path)
    parser.add_argument("--export", type=Path)
    parser.add_argument("--profile", type=Path)
    args = parser.parse_args()
    print(json.dumps(run(args.mode, args.project.resolve(), args.site.resolve(), args.export, args.profile)))


if __name__ == "__main__":
    main()
