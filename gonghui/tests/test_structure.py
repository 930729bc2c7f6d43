"""The shape every app keeps (docs/architecture.md): small files, no private names imported
from another file, and no import loops."""

import ast
from pathlib import Path

import grimp

ROOT = Path(__file__).resolve().parents[2]
MAX_LINES = 400


def _sources() -> list[Path]:
    files = [*ROOT.glob("gonghui/**/*.py"), *ROOT.glob("bench/**/*.py"), *ROOT.glob("e2e/**/*.py")]
    return sorted(f for f in files if "migrations" not in f.parts)


def test_no_source_file_is_over_400_lines():
    long = {
        str(f.relative_to(ROOT)): n for f in _sources() if (n := len(f.read_text().splitlines())) > MAX_LINES
    }
    assert long == {}


def _private_imports(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom) and (node.level or (node.module or "").startswith("gonghui")):
            found += [
                f"{node.module or '.'}.{a.name} (line {node.lineno})"
                for a in node.names
                if a.name.startswith("_")
            ]
    return found


def test_no_private_name_is_imported_from_another_file():
    private = {str(f.relative_to(ROOT)): names for f in _sources() if (names := _private_imports(f))}
    assert private == {}


def _cycles(graph: grimp.ImportGraph) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan's, iteratively)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    cycles: list[list[str]] = []
    for start in sorted(graph.modules):
        if start in index:
            continue
        work = [(start, iter(sorted(graph.find_modules_directly_imported_by(start))))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            module, children = work[-1]
            for child in children:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph.find_modules_directly_imported_by(child)))))
                    break
                if child in on_stack:
                    low[module] = min(low[module], index[child])
            else:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[module])
                if low[module] == index[module]:
                    component = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.append(member)
                        if member == module:
                            break
                    if len(component) > 1:
                        cycles.append(sorted(component))
    return cycles


def test_the_import_graph_has_no_loops():
    """Imports inside functions count too: a loop they hold together is still a loop."""
    loops = _cycles(grimp.build_graph("gonghui", cache_dir=None))
    assert loops == []


def test_the_loop_finder_finds_a_loop():
    graph = grimp.ImportGraph()
    for module in ("a", "a.b", "a.c", "a.d"):
        graph.add_module(module)
    graph.add_import(importer="a.b", imported="a.c")
    graph.add_import(importer="a.c", imported="a.b")
    graph.add_import(importer="a.d", imported="a.b")
    assert _cycles(graph) == [["a.b", "a.c"]]
