"""The toolkit's import graph: no circles, and no toolkit import inside a function (which is
how circles hide). Third-party imports inside functions stay allowed where they keep a heavy
or optional dependency off the command's start (saxonche, uvicorn, watchfiles, distributed)."""

from __future__ import annotations

import ast
from pathlib import Path

from conftest import ROOT

PACKAGE = ROOT / "toolkit"


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(path: Path) -> tuple[set[str], list[str]]:
    """(toolkit modules imported at module level, function-level toolkit imports as file:line)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    top: set[str] = set()
    nested: list[str] = []
    known = {module_name(p) for p in PACKAGE.rglob("*.py")}

    def targets(node: ast.Import | ast.ImportFrom) -> set[str]:
        if isinstance(node, ast.Import):
            return {a.name for a in node.names if a.name.startswith("toolkit")}
        if not (node.module or "").startswith("toolkit"):
            return set()
        found = {f"{node.module}.{a.name}" for a in node.names if f"{node.module}.{a.name}" in known}
        return found or {node.module or ""}

    def walk(node: ast.AST, depth: int, typing_only: bool) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, (ast.Import, ast.ImportFrom)):
                found = targets(child)
                if found and depth > 0:
                    nested.append(f"{path.relative_to(ROOT)}:{child.lineno}")
                elif not typing_only:
                    top.update(found)
            is_check = isinstance(child, ast.If) and "TYPE_CHECKING" in ast.unparse(child.test)
            inner = depth + isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda))
            walk(child, inner, typing_only or is_check)

    walk(tree, 0, False)
    return top, nested


def graph() -> dict[str, set[str]]:
    edges: dict[str, set[str]] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        top, _ = imports(path)
        name = module_name(path)
        edges[name] = {t for t in top if t != name}
    return edges


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for target in sorted(edges.get(node, ())):
            if target not in edges:
                continue
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return found


def test_no_import_circles():
    edges = graph()
    # a package's __init__ re-exports its submodules: leave the package edges out
    plain = {m: {t for t in ts if not m.startswith(t + ".") and t != "toolkit"} for m, ts in edges.items()}
    assert cycles(plain) == []


def test_no_toolkit_import_inside_a_function():
    nested = [line for path in sorted(PACKAGE.rglob("*.py")) for line in imports(path)[1]]
    assert nested == []


def test_the_check_finds_a_circle_and_a_hidden_import(tmp_path):
    """The checker itself: a made-up circle and a function-level import are found."""
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    sample = PACKAGE / "_layers_probe.py"
    try:
        sample.write_text("def f():\n    from toolkit.render import render_one\n", encoding="utf-8")
        assert imports(sample)[1] == ["toolkit/_layers_probe.py:2"]
    finally:
        sample.unlink()


def test_orchestration_lives_above_rendering():
    """render (one document) imports no orchestrator; the orchestrators import it."""
    edges = graph()
    orchestrators = {"toolkit.build", "toolkit.pipeline", "toolkit.server", "toolkit.package", "toolkit.cli",
                     "toolkit.release"}

    def reachable(start: str) -> set[str]:
        seen, pending = set(), [start]
        while pending:
            for target in edges.get(pending.pop(), ()):
                if target not in seen:
                    seen.add(target)
                    pending.append(target)
        return seen

    assert not reachable("toolkit.render") & orchestrators
    assert "toolkit.render" in reachable("toolkit.build")


def test_the_release_records_sit_below_the_context():
    """What a release recorded and how a build is stamped (toolkit.releases, toolkit.stamp) are
    read by the build context, so they import nothing that renders or orchestrates."""
    edges = graph()
    below = {"toolkit.releases", "toolkit.stamp", "toolkit.published"}
    for module in below:
        assert not edges[module] & {"toolkit.context", "toolkit.render", "toolkit.build", "toolkit.pipeline",
                                    "toolkit.xslt"}, module
