"""Placing labels without overlap: deterministic, so every build draws the same picture."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Box:
    x: float
    y: float
    w: float
    h: float

    def overlaps(self, other: Box, gap: float = 0.0) -> bool:
        return (self.x < other.x + other.w + gap and other.x < self.x + self.w + gap
                and self.y < other.y + other.h + gap and other.y < self.y + self.h + gap)


def dodge(wanted: list[float], heights: list[float], low: float, high: float, gap: float) -> list[float]:
    """Tops for labels stacked in one column, each as close as it can be to its wanted centre, in the same
    order, none overlapping, all within [low, high] when they fit (otherwise they run on past `high`).

    Overlapping neighbours merge into a cluster centred on the mean of its wishes, the usual
    one-dimensional label placement; each merge is final, so it ends after at most n merges."""
    clusters: list[list[int]] = []
    tops: list[float] = []

    def size(members: list[int]) -> float:
        return sum(heights[i] for i in members) + gap * (len(members) - 1)

    def best_top(members: list[int]) -> float:
        offset, wishes = 0.0, []
        for i in members:
            wishes.append(wanted[i] - heights[i] / 2 - offset)
            offset += heights[i] + gap
        top = sum(wishes) / len(wishes)
        return max(low, min(top, high - size(members)))

    for n in range(len(wanted)):
        clusters.append([n])
        tops.append(best_top([n]))
        while len(clusters) > 1 and tops[-2] + size(clusters[-2]) + gap > tops[-1]:
            merged = clusters[-2] + clusters[-1]
            clusters[-2:] = [merged]
            tops[-2:] = [best_top(merged)]
    placed: list[float] = []
    for members, top in zip(clusters, tops):
        y = top
        for i in members:
            placed.append(y)
            y += heights[i] + gap
    return placed
