"""A synthetic corpus: the real project, scaled ×N, written as a complete project copy.

×1 is the real site unchanged. ×N keeps every real record and page and adds synthetic
sources (about 1,000 words, ten paragraphs each) with their actors, events, quotes and
terms until the counts reach N times the issue's base (16 actors, 14 events, 6 quotes,
11 terms, 1 source per ×1), so ×100 holds about 1,600 actors, 1,400 events, 600
quotes, 1,100 terms and 100 sources.

The structure is the real one: actors have aliases (capitals, surnames, acronyms,
demonyms, some not linked automatically) and relations; every name and term is
mentioned in the texts, by name or alias, and some in other sources than their own;
events and quotes cite the paragraphs that tell them, and each quote's text stands
verbatim in its paragraph. The same seed gives the same corpus, byte for byte.

    python bench/corpus.py --scale 10 --out /tmp/nkbench/x10
"""

from __future__ import annotations

import argparse
import re
import random
import shutil
from pathlib import Path

import yaml

import vocabulary as V
from names import Actor, Names, Term
from texts import SourceWriter

ROOT = Path(__file__).resolve().parents[1]
BASE = {"sources": 1, "actors": 16, "events": 14, "quotes": 6, "terms": 11}
"""Records per ×1, from the issue; the real data already exceeds it, so ×1 is the real data."""
KIND_SHARE = [("state", 0.10), ("organisation", 0.14), ("media", 0.08), ("group", 0.10), ("person", 0.58)]
_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


class Corpus:
    """The synthetic records of one scale: actors and terms first, then each source's text with its events and quotes."""

    def __init__(self, scale: int, real: dict[str, list], seed: int) -> None:
        self.rng = random.Random(f"{seed}-{scale}")
        self.real = real
        self.names = Names(self.rng, real)
        want = {k: max(0, BASE[k] * scale - len(real["glossary" if k == "terms" else k])) for k in BASE}
        self.want = want
        self.sources = [f"bench-{n:03d}" for n in range(1, want["sources"] + 1)]
        self.actors: list[Actor] = self.names.actors
        self.terms: list[Term] = []
        self.events: list[dict] = []
        self.quotes: list[dict] = []
        self.texts: list[tuple[str, str, list[str]]] = []

    # -- the corpus ------------------------------------------------------------------

    def build(self) -> None:
        rng = self.rng
        if not self.sources:
            return
        kinds = [k for k, share in KIND_SHARE for _ in range(round(share * self.want["actors"]))]
        kinds = (kinds + ["person"] * self.want["actors"])[: self.want["actors"]]
        kinds.sort(key=lambda k: k != "state")  # states first: the others take their demonyms
        for kind in kinds:
            self.names.actor(kind)
        order = list(range(len(self.actors)))
        rng.shuffle(order)
        for n, i in enumerate(order):
            self.actors[i].home = n % len(self.sources)
        for n in range(self.want["terms"]):
            term = self.names.term()
            term.home = n % len(self.sources)
            self.terms.append(term)
        for s in range(len(self.sources)):
            self.texts.append(SourceWriter(self, s).write())
        self._finish_records()

    def share(self, total: int, s: int) -> int:
        """How many of `total` records source `s` holds."""
        n = len(self.sources)
        return total // n + (1 if s < total % n else 0)

    def _finish_records(self) -> None:
        rng = self.rng
        states = [a for a in self.actors if a.kind == "state"]
        for actor in self.actors:
            actor.cites = sorted(set(actor.cites), key=_cite_order)[:4] or [f"{self.sources[actor.home]}#p1"]
            other = rng.choice(states) if states else None
            if self.terms:
                rng.choice(self.terms)  # a draw that no longer matters, kept so the corpus stays the one measured
            actor.summary = self._summary(actor, other, actor.state or other)
        for actor in self.actors:
            if rng.random() < 0.3 and actor.cites:
                cite = actor.cites[0]
                partners = [a for a in self.actors if cite in a.cites and a is not actor]
                if partners:
                    other = rng.choice(partners)
                    label, inverse = rng.choice(V.RELATIONS)
                    actor.relations.append({"to": other.id, "label": label, "inverse": inverse,
                                            "note": f"{actor.name} {label} {other.name} on {rng.choice(self.terms).term}.",
                                            "cites": [cite]})
        for term in self.terms:
            term.cites = sorted(set(term.cites), key=_cite_order)[:4] or [f"{self.sources[term.home]}#p1"]

    def _summary(self, actor: Actor, other: Actor | None, where: Actor | None) -> str:
        term = self.rng.choice(self.terms).term if self.terms else "trade"
        if actor.kind == "state":
            return f"A state in the region bordering {other.name if other and other is not actor else 'the sea'}; its capital is {actor.capital}."
        if actor.kind == "person":
            return f"A {actor.title.lower()} from {where.name if where else 'the region'} who works on {term}."
        if actor.kind == "organisation":
            return f"A body based in {where.capital if where else 'the region'} that works on {term}."
        if actor.kind == "media":
            return f"A news outlet that covers {where.name if where else 'the region'} and its neighbours."
        return f"A loose group that follows {term} closely."

    # -- output ----------------------------------------------------------------------

    def records(self) -> dict[str, list[dict]]:
        sources = [{"id": sid, "file": f"seeds/{sid}.txt", "title": title, "short": f"Bench text {n}", "dek": dek,
                    "kind": "analysis article", "author": None, "publisher": None, "published": None,
                    "provenance": "A synthetic text written by bench/corpus.py for the performance benchmark; it reports nothing real."}
                   for n, (sid, (title, dek, _)) in enumerate(zip(self.sources, self.texts), start=1)]
        actors = []
        for a in self.actors:
            record = {"id": a.id, "name": a.name, "kind": a.kind, "aliases": self._marked(a.aliases)}
            if a.title:
                record["title"] = a.title
            record.update({"summary": a.summary, "role": a.role or a.summary, "cites": a.cites})
            if a.relations:
                record["relations"] = a.relations
            actors.append(record)
        terms = [{"id": t.id, "term": t.term, "aliases": self._marked(t.aliases), "definition": t.definition,
                  "explanation": t.explanation or t.definition, "cites": t.cites} for t in self.terms]
        return {"sources": sources, "actors": actors, "events": self.events, "quotes": self.quotes, "glossary": terms}


    def _marked(self, aliases: list) -> list:
        """The aliases, each one no text writes marked `from_article: false`, as the build requires of editors."""
        if not hasattr(self, "_written"):
            self._written = "\n".join(line for title, dek, paragraphs in self.texts for line in (title, dek, *paragraphs))
        marked = []
        for alias in aliases:
            name = alias if isinstance(alias, str) else alias["name"]
            spellings = {name, name[:1].upper() + name[1:]}
            if any(s in self._written and re.search(rf"(?<!\w){re.escape(s)}(?!\w)", self._written) for s in spellings):
                marked.append(alias)
            else:
                marked.append({**({"name": alias} if isinstance(alias, str) else alias), "from_article": False})
        return marked


def _cite_order(cite: str) -> tuple[str, int]:
    source, _, p = cite.partition("#p")
    return source, int(p)


def _read_real(root: Path) -> dict[str, list]:
    return {name: yaml.load((root / "data" / f"{name}.yml").read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
            for name in ("sources", "actors", "events", "quotes", "glossary")}


def _name_real_sources(out: Path, sources: list[dict]) -> None:
    """With more than one source each needs a `short` name (citations name their source): give the real ones that
    have none the first words of their title ("North Korea’s Evolving"), as the build's message suggests."""
    path = out / "data" / "sources.yml"
    text = path.read_text(encoding="utf-8")
    for source in sources:
        if source.get("short"):
            continue
        short = " ".join(source["title"].split()[:3])
        text = re.sub(rf"(^- id: {re.escape(source['id'])}\n(?:  .*\n)*?  title: .*\n)", lambda m: m.group(1) + f'  short: "{short}"\n',
                      text, count=1, flags=re.MULTILINE)
    path.write_text(text, encoding="utf-8")


def copy_project(out: Path) -> None:
    """The real project's site files (not its tests, venv or history) into `out`."""
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for folder in ("hooks", "docs", "seeds", "data"):
        shutil.copytree(ROOT / folder, out / folder, ignore=ignore)
    shutil.copy2(ROOT / "mkdocs.yml", out / "mkdocs.yml")


def generate(scale: int, out: Path, seed: int = 6) -> dict[str, int]:
    """Write the ×`scale` project to `out`; return its record counts."""
    copy_project(out)
    real = _read_real(out)
    corpus = Corpus(scale, real, seed)
    corpus.build()
    if corpus.sources:
        _name_real_sources(out, real["sources"])
    for sid, (title, dek, paragraphs) in zip(corpus.sources, corpus.texts):
        (out / "seeds" / f"{sid}.txt").write_text("\n".join([title, dek, *paragraphs]) + "\n", encoding="utf-8")
    for name, records in corpus.records().items():
        if records:
            path = out / "data" / f"{name}.yml"
            extra = yaml.dump(records, Dumper=_DUMPER, allow_unicode=True, sort_keys=False, width=100_000)
            path.write_text(path.read_text(encoding="utf-8").rstrip("\n") + "\n\n# --- synthetic (bench/corpus.py) ---\n" + extra,
                            encoding="utf-8")
    words = sum(len(p.split()) for _, _, ps in corpus.texts for p in ps)
    counts = {k: len(real[k]) + len(v) for k, v in corpus.records().items()}
    counts["synthetic_words_per_source"] = round(words / max(len(corpus.texts), 1))
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=int, default=10)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=6)
    args = parser.parse_args()
    print(generate(args.scale, args.out, args.seed))


if __name__ == "__main__":
    main()
