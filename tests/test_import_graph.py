"""The apps import one way: api / exports / accuracy / network -> stories -> articles -> review -> sources
-> attribution.

Read from the source with ``ast`` (nothing is imported): every ``import`` and ``from ... import``
in ``newsverify/<app>/**.py``, at module level or inside a function. Imports under
``if TYPE_CHECKING:`` are left out: they are never run, so they cannot tie modules in a loop.
"""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "newsverify"
APPS = ("api", "exports", "accuracy", "network", "stories", "articles", "review", "sources", "attribution")
# Each app may import the apps after it in this order; api, exports, accuracy and network share the top.
# stories sits between them and articles: the top may read stories, stories reads the rest.
LAYERS = {
    "api": 0,
    "exports": 0,
    "accuracy": 0,
    "network": 0,
    "stories": 0.5,
    "articles": 1,
    "review": 2,
    "sources": 3,
    "attribution": 4,
}


class _Imports(ast.NodeVisitor):
    def __init__(self, module: str) -> None:
        self.module = module
        self.found: list[tuple[str, int]] = []

    def visit_If(self, node: ast.If) -> None:
        test = node.test
        name = test.id if isinstance(test, ast.Name) else test.attr if isinstance(test, ast.Attribute) else ""
        if name == "TYPE_CHECKING":
            for child in node.orelse:
                self.visit(child)
            return
        self.generic_visit(node)

    def visit_Import(self, node: ast.Import) -> None:
        self.found.extend((alias.name, node.lineno) for alias in node.names)

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        if node.level:
            base = self.module.split(".")[: -node.level]
            target = ".".join([*base, node.module] if node.module else base)
        else:
            target = node.module or ""
        # "from newsverify import articles" names the app in the imported name.
        self.found.extend((f"{target}.{alias.name}", node.lineno) for alias in node.names)


def _app(module: str) -> str | None:
    parts = module.split(".")
    if len(parts) >= 2 and parts[0] == "newsverify" and parts[1] in APPS:
        return parts[1]
    return None


def app_imports() -> dict[tuple[str, str], list[str]]:
    """``{(importing app, imported app): ["newsverify/x/y.py:12 imports newsverify.z", ...]}``."""
    edges: dict[tuple[str, str], list[str]] = defaultdict(list)
    for app in APPS:
        for path in sorted((PACKAGE / app).rglob("*.py")):
            relative = path.relative_to(PACKAGE.parent)
            module = ".".join(relative.with_suffix("").parts)
            if module.endswith(".__init__"):
                module = module.removesuffix(".__init__") + ".__init__"
            visitor = _Imports(module)
            visitor.visit(ast.parse(path.read_text(), filename=str(path)))
            for target, line in visitor.found:
                other = _app(target)
                if other is not None and other != app:
                    edges[(app, other)].append(f"{relative}:{line} imports {target}")
    return dict(edges)


def app_cycles(edges: dict[tuple[str, str], list[str]]) -> list[list[str]]:
    """The groups of apps that import each other, directly or through others (Tarjan's SCCs)."""
    graph: dict[str, set[str]] = defaultdict(set)
    for source, target in edges:
        graph[source].add(target)
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    groups: list[list[str]] = []

    def visit(app: str) -> None:
        index[app] = low[app] = len(index)
        stack.append(app)
        for other in graph[app]:
            if other not in index:
                visit(other)
                low[app] = min(low[app], low[other])
            elif other in stack:
                low[app] = min(low[app], index[other])
        if low[app] == index[app]:
            group = []
            while True:
                member = stack.pop()
                group.append(member)
                if member == app:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for app in sorted({*graph, *(other for others in list(graph.values()) for other in others)}):
        if app not in index:
            visit(app)
    return groups


def test_the_apps_import_each_other_in_no_cycle():
    edges = app_imports()
    report = []
    for group in app_cycles(edges):
        inside = {pair: lines for pair, lines in sorted(edges.items()) if set(pair) <= set(group)}
        # Name the imports that go up the order first: those are the ones to move.
        upward = {pair: lines for pair, lines in inside.items() if LAYERS[pair[1]] <= LAYERS[pair[0]]}
        report.append(f"cycle between {', '.join(group)}:")
        report += [line for lines in (upward or inside).values() for line in lines]
    assert not report, "Imports that tie apps in a cycle:\n" + "\n".join(report)


def test_the_apps_import_only_downwards():
    offending = [
        line
        for (source, target), lines in sorted(app_imports().items())
        if LAYERS[target] <= LAYERS[source] and {source, target} != {"api", "exports"}
        for line in lines
    ]
    assert not offending, "Imports against the order api/exports -> articles -> review -> sources:\n" + "\n".join(
        offending
    )


def test_the_api_uses_the_exports_and_never_the_other_way():
    edges = app_imports()
    assert ("api", "exports") in edges
    assert ("exports", "api") not in edges, edges.get(("exports", "api"))


def test_it_sees_imports_inside_functions_and_skips_type_checking_blocks(tmp_path):
    module = ast.parse(
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n    from newsverify.articles.models import Article\n"
        "def f():\n    from newsverify.review import services\n"
        "from . import models\n"
    )
    visitor = _Imports("newsverify.sources.services")
    visitor.visit(module)
    assert [name for name, _ in visitor.found] == [
        "typing.TYPE_CHECKING",
        "newsverify.review.services",
        "newsverify.sources.models",
    ]
    assert app_cycles({("a", "b"): ["x"], ("b", "c"): ["y"], ("c", "a"): ["z"], ("c", "d"): ["w"]}) == [["a", "b", "c"]]


def test_views_do_not_import_views():
    offending = []
    for path in sorted(PACKAGE.rglob("views.py")):
        visitor = _Imports(".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts))
        visitor.visit(ast.parse(path.read_text()))
        offending += [
            f"{path.relative_to(PACKAGE.parent)}:{line} imports {name}"
            for name, line in visitor.found
            if name.startswith("newsverify.") and ".views" in name
        ]
    assert not offending, "\n".join(offending)
