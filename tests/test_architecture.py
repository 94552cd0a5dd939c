"""The data boundary holds: nothing below the command line imports it, and only the loader and the writers
touch the workspace's files; everything else is a function of the data it is given."""

from __future__ import annotations

import ast
from pathlib import Path

from conftest import REPO

PACKAGE = REPO / "barometer"

# Modules that may read or write files, and why. Everything else works on data it is handed.
FILE_DOORS = {
    "load.py": "the one loader of the workspace's data",
    "load_editions.py": "the loader's part that reads languages' catalogues and the texts of editions",
    "load_ledger.py": "the loader's part that reads the revision ledger and the coders' files",
    "load_backups.py": "the loader's part that reads an issue's backups",
    "workspace.py": "finds the workspace (barometer.toml upwards) and lists its issue folders",
    "atomic.py": "writes files atomically",
    "lock.py": "the workspace's lock, and the note of which command holds it",
    "outputs.py": "writes outputs, never over a file the tool did not write, and notes what it wrote",
    "entry/store.py": "commits catalogues with a backup",
    "entry/new.py": "creates an issue folder under a temporary name, then renames it",
    "entry/sources.py": "reads the file being imported (given by the user, not a workspace file)",
    "report/build.py": "draws the charts into a scratch folder that Typst can read, and removes it",
    "report/typeset.py": "finds matplotlib's fonts for Typst",
    "charts/font.py": "keeps a lighter copy of the charts' font in matplotlib's cache",
    "cli/charts.py": "refuses an --out that is a file",
    "messages.py": "the maintainers' tool: finds the editions' fixed strings and updates the catalogues",
    "site/write.py": "writes the web edition's folder whole: a scratch folder beside it, then swapped in, keeping "
                     "the files of anyone else's",
}
FILE_DOOR_FOLDERS = ("io/",)  # one module per format: the readers the loader calls, the writers' formats

FILE_METHODS = {"read_text", "read_bytes", "write_text", "write_bytes", "iterdir", "glob", "rglob", "unlink", "mkdir",
                "rmdir", "touch", "stat", "exists", "is_file", "is_dir", "mkdtemp", "mkstemp", "rmtree", "copy2",
                "copytree", "read_csv_table", "read_text_file", "read_file_bytes", "load_model", "read_toml_text",
                "read_workbook", "read_bulletin_text"}
OS_CALLS = {"replace", "rename", "remove", "open", "link", "listdir", "scandir"}  # as `os.replace(...)`


def modules() -> list[tuple[str, ast.Module]]:
    return [(path.relative_to(PACKAGE).as_posix(), ast.parse(path.read_text(encoding="utf-8")))
            for path in sorted(PACKAGE.rglob("*.py"))]


def called_names(tree: ast.Module) -> set[str]:
    """The file operations a module calls: path methods, the readers, `open(...)` and `os.*` file calls."""
    found = set()
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        if isinstance(func, ast.Name) and (func.id == "open" or func.id in FILE_METHODS):
            found.add(func.id)
        elif isinstance(func, ast.Attribute):
            owner = func.value.id if isinstance(func.value, ast.Name) else ""
            if func.attr in FILE_METHODS or (owner == "os" and func.attr in OS_CALLS):
                found.add(f"{owner}.{func.attr}" if owner == "os" else func.attr)
    return found


def imported_modules(tree: ast.Module) -> set[str]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


def test_no_module_below_the_command_line_imports_it() -> None:
    offenders = [name for name, tree in modules() if not name.startswith("cli/") and name != "__main__.py"
                 and any(m == "barometer.cli" or m.startswith("barometer.cli.") for m in imported_modules(tree))]
    assert offenders == []


def test_only_the_loader_and_the_writers_touch_files() -> None:
    offenders = {name: sorted(calls) for name, tree in modules()
                 if (calls := called_names(tree)) and name not in FILE_DOORS
                 and not name.startswith(FILE_DOOR_FOLDERS)}
    assert offenders == {}


def test_the_pure_layers_import_no_loader() -> None:
    """Summary, audit, flags, compare, tables, charts' drawings and the report's content are functions of data."""
    pure = ["summary.py", "audit.py", "indices.py", "history.py", "compare.py", "tables.py", "across_issues.py",
            "rules.py", "catalogue.py", "charts/overview.py", "charts/series.py", "charts/cumulative.py",
            "charts/style.py", "entry/plan.py", "report/content.py", "scale.py"]
    trees = dict(modules())
    reading = {name: sorted(m for m in imported_modules(trees[name])
                            if m in ("barometer.workspace", "barometer.parallel")) for name in pure}
    assert {name: found for name, found in reading.items() if found} == {}
    assert all(not called_names(trees[name]) for name in pure)


def test_the_doors_listed_still_exist() -> None:
    assert all((PACKAGE / name).is_file() for name in FILE_DOORS)
    assert all(isinstance(Path(folder), Path) and (PACKAGE / folder).is_dir() for folder in FILE_DOOR_FOLDERS)
