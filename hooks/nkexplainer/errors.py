"""Data problems, reported the one way editors see them: `file:line:col: what — fix`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in one place of one data file."""

    path: str
    """The file, relative to the project: `data/events.yml`."""
    line: int
    """1-based; 0 when the problem is about the whole file."""
    column: int
    message: str

    def __str__(self) -> str:
        where = self.path if not self.line else f"{self.path}:{self.line}:{self.column}"
        return f"{where}: {self.message}"


class DataError(Exception):
    """Every problem found in the data, raised once after all checks ran."""

    def __init__(self, problems: list[Problem], checked: Any = None) -> None:
        self.problems = sorted(set(problems))
        self.checked = checked
        """What was checked (`check.Checked`), when the data was read: the pages can still be checked against it."""
        super().__init__(self.summary())

    def summary(self, outcome: str = "nothing was built") -> str:
        count = len(self.problems)
        head = f"{count} problem{'s' if count != 1 else ''} found; {outcome}:"
        return "\n".join([head, *(f"  {p}" for p in self.problems)])


class Report:
    """Collects problems while the checks run, so all of them are reported together."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def add(self, path: str, position: tuple[int, int] | None, message: str) -> None:
        line, column = position or (0, 0)
        self.problems.append(Problem(path, line, column, message))

    def raise_if_any(self) -> None:
        if self.problems:
            raise DataError(self.problems)
