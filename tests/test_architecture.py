"""The architecture the README describes, held by reading the code's imports (module level):
the shared core (`ciso`) knows no content domain, `projects` never reaches `history`, `members`
and the other domains never reach each other, and no module of the site imports itself back
through others (no cycle)."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("ciso", "events", "history", "members", "news", "projects")
DOMAINS = ("events", "history", "members", "news", "projects")


def site_modules():
    """Module name → file, migrations left out."""
    found = {}
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            parts = path.relative_to(ROOT).with_suffix("").parts
            found[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return found


MODULES = site_modules()


def _module_of(name):
    """The site's module that `name` (a module, or an object in one) is in, or None."""
    while name and name not in MODULES:
        name = name.rpartition(".")[0]
    return name or None


def imports(path):
    """The site's modules that the module at `path` imports at its top level."""
    found = set()
    for node in ast.parse(path.read_text()).body:
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names = [f"{node.module}.{alias.name}" for alias in node.names]
        else:
            continue
        found.update(module for name in names if (module := _module_of(name)))
    return found


GRAPH = {name: imports(path) - {name} for name, path in MODULES.items()}


def test_the_core_knows_no_content_domain():
    wrong = {
        (module, imported)
        for module, imported_set in GRAPH.items()
        for imported in imported_set
        if module.split(".")[0] == "ciso" and imported.split(".")[0] in DOMAINS
    }
    assert not wrong


def test_projects_never_import_history():
    assert not {
        (module, imported)
        for module, imported_set in GRAPH.items()
        for imported in imported_set
        if module.startswith("projects") and imported.startswith("history")
    }


# The domains that may build on another: history counts the projects (its figures).
ALLOWED = {("history", "projects")}


def test_the_domains_know_nothing_of_each_other_but_what_is_allowed():
    assert not {
        (module, imported)
        for module, imported_set in GRAPH.items()
        for imported in imported_set
        if (top := module.split(".")[0]) in DOMAINS
        and (other := imported.split(".")[0]) in DOMAINS
        and top != other
        and (top, other) not in ALLOWED
    }


def test_no_import_cycle():
    # Depth-first search; a module met again on the current path closes a cycle.
    cycles, done = [], set()

    def visit(module, path):
        if module in path:
            cycles.append(path[path.index(module) :] + [module])
            return
        if module in done:
            return
        for imported in sorted(GRAPH[module]):
            visit(imported, [*path, module])
        done.add(module)

    for module in sorted(GRAPH):
        visit(module, [])
    assert not cycles


def test_the_check_sees_imports():
    # What the tests above read: the core's own imports are found.
    assert "ciso.rows" in GRAPH["ciso.routing"]
    assert "ciso.models" in GRAPH["projects.models"]
