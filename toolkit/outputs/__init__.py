"""Output kinds: one module per kind, one :class:`Output` each, and the registry of them
(built-in and plug-ins, :mod:`toolkit.outputs.registry`). See :mod:`toolkit.outputs.kind`
for what a kind declares."""

from toolkit.outputs.kind import CORPUS, DOCUMENT, Output

__all__ = ["CORPUS", "DOCUMENT", "Output"]
