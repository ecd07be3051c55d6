"""Diagnostics are data: one record per problem, formatted only at the edge."""

from __future__ import annotations

from dataclasses import asdict, dataclass

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True)
class Diagnostic:
    """One problem in one file.

    ``layer`` is where it was found (``io``, ``xml``, ``document``, ``relaxng``,
    ``schematron``, ``tei-all``, ``render``); ``rule`` is the Schematron assert id
    or the name of the check; ``xpath`` locates the node when it is known.
    """

    file: str
    line: int
    column: int
    severity: str
    layer: str
    rule: str
    message: str
    xpath: str | None = None

    def as_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> Diagnostic:
        return cls(**data)

    def format(self) -> str:
        """GNU form: ``file:line:col: severity: message [rule]``."""
        return f"{self.file}:{self.line}:{self.column}: {self.severity}: {self.message} [{self.rule}]"

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR
