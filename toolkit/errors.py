"""Small named exceptions. Library code raises these and never exits."""

from __future__ import annotations

from toolkit.diagnostics import Diagnostic


class ToolkitError(Exception):
    """Base class of every error the toolkit reports to a user."""

    def __init__(self, message: str, diagnostics: list[Diagnostic] | None = None):
        super().__init__(message)
        self.diagnostics = list(diagnostics or [])

    def lines(self) -> list[str]:
        """The error as lines in the GNU form, or the bare message when it has no location."""
        return [d.format() for d in self.diagnostics] or [f"tei: error: {self}"]


class InputError(ToolkitError):
    """A file could not be read or parsed safely."""


class SchemaError(ToolkitError):
    """A schema could not be found, read or compiled."""


class RenderError(ToolkitError):
    """A stylesheet failed to compile or to transform a document."""


class OutputError(ToolkitError):
    """An output could not be written, or the output folder is not allowed."""


class ValidationFailed(ToolkitError):
    """A build refused to render documents that failed validation."""

    def lines(self) -> list[str]:
        """The first errors of each invalid file, then the refusal itself."""
        return [d.format() for d in self.diagnostics] + [f"tei: error: {self}"]
