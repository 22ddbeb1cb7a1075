"""Which module imports which, read from the source (every import, also those inside
functions), for the tests that keep the layers' arrows pointing one way."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def modules(package: str) -> dict[str, Path]:
    found = {}
    for path in (ROOT / package).rglob("*.py"):
        parts = path.relative_to(ROOT).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = path
    return found


def _imports(path: Path, module: str) -> list[tuple[str, list[str]]]:
    """(module, names) per import statement, relative imports resolved; names empty
    for ``import a.b``."""
    out: list[tuple[str, list[str]]] = []
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out += [(alias.name, []) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")
                anchor = parts[: len(parts) - node.level + 1]
                base = ".".join([*anchor, *([node.module] if node.module else [])])
            out.append((base, [alias.name for alias in node.names]))
    return out


def imported_names(path: Path, module: str) -> set[str]:
    """Every module an import in the file names: ``from a import b`` names ``a``, and
    ``a.b`` as well (which is a module where b is one)."""
    names: set[str] = set()
    for base, members in _imports(path, module):
        names.add(base)
        names |= {f"{base}.{member}" for member in members}
    return names


def graph(package: str) -> dict[str, set[str]]:
    """Module → the modules of the same package it imports. ``from pkg import sub``
    is an import of the submodule ``pkg.sub``, not of ``pkg``'s own code."""
    known = modules(package)
    edges: dict[str, set[str]] = {}
    for name, path in known.items():
        targets: set[str] = set()
        for base, members in _imports(path, name):
            submodules = [f"{base}.{m}" for m in members if f"{base}.{m}" in known]
            targets |= set(submodules)
            if len(submodules) < len(members) or not members:
                target = base
                while target and target not in known:
                    target = target.rpartition(".")[0]
                if target:
                    targets.add(target)
        edges[name] = targets - {name}
    return edges


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Groups of modules that import each other, directly or round about (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = [0]

    def visit(node: str) -> None:
        index[node] = low[node] = counter[0]
        counter[0] += 1
        stack.append(node)
        on_stack.add(node)
        for target in edges.get(node, ()):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return found


def imports_of(directory: str | Path) -> dict[Path, set[str]]:
    """Each Python file under a directory (or the file itself) → the top-level packages it imports."""
    where = ROOT / directory
    paths = [where] if where.is_file() else sorted(where.rglob("*.py"))
    out = {}
    for path in paths:
        module = ".".join(path.relative_to(ROOT).with_suffix("").parts)
        out[path] = {name.split(".")[0] for name in imported_names(path, module) if name}
    return out
