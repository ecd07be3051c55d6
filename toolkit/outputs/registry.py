"""The output kinds: the built-in ones and those of installed plug-ins, in one registry.

Built-in kinds are listed in :data:`BUILTIN`, one module each beside this one. A plug-in
package adds a kind with an entry point in the group ``tei_toolkit.outputs`` naming an
:class:`~toolkit.outputs.kind.Output` (or a function of no arguments that returns one)::

    [project.entry-points."tei_toolkit.outputs"]
    wordcount = "tei_wordcount:OUTPUT"

No toolkit file changes: ``tei build`` writes the new kind (unless its ``default`` is False),
``tei render NAME`` renders it, the build cache keys on its ``version``, and ``tei package``
bags it. A plug-in that cannot be loaded, or that names a kind already registered, is
reported as a :class:`~toolkit.errors.UsageError` naming the entry point.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from toolkit.errors import UsageError
from toolkit.outputs.assets import ASSETS
from toolkit.outputs.dts import DTS
from toolkit.outputs.guide import GUIDE
from toolkit.outputs.html import HTML
from toolkit.outputs.ids import IDS
from toolkit.outputs.index import INDEX
from toolkit.outputs.kind import DOCUMENT, Output, check
from toolkit.outputs.linked import DATA
from toolkit.outputs.oai import OAI
from toolkit.outputs.releases import RELEASES
from toolkit.outputs.search import SEARCH
from toolkit.outputs.site import SITE_OUTPUT
from toolkit.outputs.source import SOURCE
from toolkit.outputs.text import TEXT
from toolkit.plugins import OUTPUTS_GROUP, load_group

__all__ = ["BUILTIN", "Registry", "registry"]

#: The built-in output kinds, in the order they are made.
BUILTIN: tuple[Output, ...] = (HTML, TEXT, SOURCE, IDS, INDEX, DATA, GUIDE, RELEASES, ASSETS, DTS, OAI,
                             SITE_OUTPUT, SEARCH)


class Registry:
    """The output kinds by name (immutable once made)."""

    def __init__(self, outputs: Iterable[Output]):
        self._outputs: dict[str, Output] = {}
        for output in outputs:
            self._outputs[output.name] = output

    def __iter__(self):
        return iter(self._outputs.values())

    def __contains__(self, name: object) -> bool:
        return name in self._outputs

    def names(self) -> list[str]:
        return list(self._outputs)

    def get(self, name: str) -> Output:
        try:
            return self._outputs[name]
        except KeyError:
            raise UsageError(f"no output kind {name!r}; known kinds: {', '.join(self._outputs)}") from None

    def defaults(self) -> list[str]:
        return [o.name for o in self if o.default]

    def select(self, names: Iterable[str]) -> list[Output]:
        """The kinds named, with the kinds they need, in the registry's order."""
        wanted: set[str] = set()
        pending = list(names)
        while pending:
            name = pending.pop()
            if name not in wanted:
                wanted.add(name)
                pending.extend(self.get(name).needs)
        return [o for o in self if o.name in wanted]

    def documents(self, names: Iterable[str]) -> list[Output]:
        """The document-scope kinds among ``names``, and the per-document part of corpus kinds
        made from a stylesheet (the index's partials)."""
        chosen = set(names)
        return [o for o in self if o.name in chosen and (o.scope == DOCUMENT or o.stylesheet is not None)]


def registry(plugins: bool = True) -> Registry:
    """The built-in kinds, then the installed plug-ins' (entry point group ``tei_toolkit.outputs``)."""
    outputs = list(BUILTIN)
    if plugins:
        for name, loaded, version in load_group(OUTPUTS_GROUP):
            try:
                output = check(loaded() if callable(loaded) and not isinstance(loaded, Output) else loaded)
            except ValueError as exc:
                raise UsageError(f"output plug-in {name!r}: {exc}") from None
            output = replace(output, version=output.version or version)
            if any(o.name == output.name for o in outputs):
                raise UsageError(f"output plug-in {name!r}: the output kind {output.name!r} is already registered")
            outputs.append(output)
    return Registry(outputs)
