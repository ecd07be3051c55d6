"""Named exceptions, and the one helper that builds a located problem.

Library code raises these and never exits. Every problem that has a place is a
:class:`~toolkit.diagnostics.Diagnostic`; :func:`problem` makes one and :func:`fail`
wraps one in an exception, so that every module reports problems the same way.
"""

from __future__ import annotations

from typing import TypeVar

from toolkit.diagnostics import ERROR, Diagnostic


class ToolkitError(Exception):
    """Base class of every error the toolkit reports to a user."""

    def __init__(self, message: str, diagnostics: list[Diagnostic] | None = None):
        super().__init__(message)
        self.diagnostics = list(diagnostics or [])

    def lines(self) -> list[str]:
        """The error as lines in the GNU form, or the bare message when it has no location."""
        return [d.format() for d in self.diagnostics] or [f"tei: error: {self}"]


class UsageError(ToolkitError):
    """The command was asked for something it cannot do (exit 2, no position)."""


class InputError(ToolkitError):
    """A file could not be read or parsed safely."""


class SchemaError(ToolkitError):
    """A schema could not be found, read or compiled."""


class RenderError(ToolkitError):
    """A stylesheet failed to compile or to transform a document."""


class OutputError(ToolkitError):
    """An output could not be written."""


class Refused(ToolkitError):
    """Work refused for the problems listed: each problem, then the refusal itself."""

    def lines(self) -> list[str]:
        return [d.format() for d in self.diagnostics] + [f"tei: error: {self}"]


class ValidationFailed(ToolkitError):
    """A build refused to render documents that failed validation."""

    def lines(self) -> list[str]:
        """The first errors of each invalid file, then the refusal itself."""
        return [d.format() for d in self.diagnostics] + [f"tei: error: {self}"]


def problem(path: object, layer: str, rule: str, message: str, line: int = 1, column: int = 1,
            severity: str = ERROR) -> Diagnostic:
    """One located problem (line and column default to the start of the file)."""
    return Diagnostic(str(path), line, column, severity, layer, rule, message)


E = TypeVar("E", bound=ToolkitError)


def fail(kind: type[E], path: object, layer: str, rule: str, message: str, line: int = 1, column: int = 1) -> E:
    """An exception of ``kind`` carrying one located error; the caller raises it."""
    return kind(message, [problem(path, layer, rule, message, line, column)])
