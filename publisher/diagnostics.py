"""Problems found in the user's input, each tied to a file and line."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Level = Literal["error", "warning", "note"]


@dataclass(frozen=True)
class Diagnostic:
    """One problem: ``path:line: level: message``."""

    path: str
    line: int | None
    level: Level
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.level}: {self.message}"

    @property
    def is_error(self) -> bool:
        return self.level == "error"


def has_errors(diagnostics: list[Diagnostic] | tuple[Diagnostic, ...]) -> bool:
    """True when any diagnostic stops the build."""
    return any(d.is_error for d in diagnostics)


class UserError(Exception):
    """A problem the user can fix; carries the diagnostics to print.

    Raised at the edges (reading files, loading templates, writing outputs)
    and turned into messages and an exit status by the command line.
    """

    def __init__(self, *diagnostics: Diagnostic) -> None:
        super().__init__("\n".join(str(d) for d in diagnostics))
        self.diagnostics = diagnostics
