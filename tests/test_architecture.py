"""The package's shape, as docs/architecture.md draws it: each layer imports only the layers below
it, no module reaches for another's private names, and only the CLI talks to the terminal."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from .conftest import ROOT

PACKAGE = ROOT / "kvk"
#: bottom to top; a module may import its own layer and those before it
LAYERS = ["i18n", "i18n_extract", "diagnostics", "layout", "io", "models", "repository", "review", "check", "query",
          "indicators", "render", "authoring", "publish", "cli"]
TOP = {"__init__", "__main__"}  # the package itself and `python -m kvk`: above everything


def modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts)


def dotted(path: Path, root: Path = ROOT) -> str:
    parts = path.relative_to(root).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def layer(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def imports(path: Path, root: Path = ROOT) -> list[tuple[str, list[str], int]]:
    """(imported kvk module, names imported from it, line) for every import of kvk code."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    here = dotted(path, root)
    package = here if path.name == "__init__.py" else here.rsplit(".", 1)[0]
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if target == "kvk" or target.startswith("kvk."):
                names = [a.name for a in node.names]
                if node.module is None or target.count(".") < 1:  # 'from . import x': modules,
                    # or the few facts the package itself holds (its version, its name)
                    found += [(f"{target}.{n}", [], node.lineno) if _is_module(root, target, n)
                              else (target, [n], node.lineno) for n in names]
                else:
                    found.append((target, names, node.lineno))
        elif isinstance(node, ast.Import):
            found += [(a.name, [], node.lineno) for a in node.names if a.name.startswith("kvk")]
    return found


def _is_module(root: Path, package: str, name: str) -> bool:
    folder = root.joinpath(*package.split("."))
    return (folder / f"{name}.py").exists() or (folder / name / "__init__.py").exists()


@pytest.mark.parametrize("path", modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_imports_go_only_downward(path):
    own = layer(dotted(path))
    if own in TOP:
        return
    assert own in LAYERS, f"{path}: a new top-level module or package; place it in LAYERS and docs/architecture.md"
    upward = [f"line {line}: {target}" for target, _, line in imports(path)
              if layer(target) not in TOP and LAYERS.index(layer(target)) > LAYERS.index(own)]
    assert not upward, f"{own} must not import a layer above it: " + "; ".join(upward)


#: gettext's conventional names (kvk.i18n): public by convention, whatever their spelling
GETTEXT_NAMES = {"_", "N_", "NC_"}


@pytest.mark.parametrize("path", modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_private_names_across_modules(path):
    here = dotted(path)
    private = [f"line {line}: {target}.{n}" for target, names, line in imports(path) if target != here
               for n in names if n.startswith("_") and not (n.startswith("__") and n.endswith("__"))
               and n not in GETTEXT_NAMES]
    assert not private, "make it public where it is defined, or move the code: " + "; ".join(private)


def _calls_print(tree: ast.AST) -> list[int]:
    return [n.lineno for n in ast.walk(tree)
            if isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id == "print"]


@pytest.mark.parametrize("path", [p for p in modules() if layer(dotted(p)) != "cli"],
                         ids=lambda p: str(p.relative_to(PACKAGE)))
def test_the_library_knows_nothing_of_the_terminal(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    terminal = {"typer", "rich", "click"}
    used = [a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names
            if a.name.split(".")[0] in terminal]
    used += [n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.module
             and n.level == 0 and n.module.split(".")[0] in terminal]
    assert not used, f"only kvk/cli may import {used}"
    assert not _calls_print(tree), "the library returns results; the CLI prints them"


@pytest.mark.parametrize("path", [p for p in modules() if layer(dotted(p)) == "cli"],
                         ids=lambda p: str(p.relative_to(PACKAGE)))
def test_the_cli_never_parses_yaml(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = [a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names]
    names += [n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.level == 0]
    names += [target for target, _, _ in imports(path)]
    assert not [n for n in names if n == "yaml" or n.startswith("yaml.") or n == "kvk.io.yaml"]


def test_every_layer_is_described_in_the_architecture_document():
    text = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    for name in LAYERS:
        shown = f"{name}.py" if (PACKAGE / f"{name}.py").exists() else f"{name}/"
        assert shown in text, f"docs/architecture.md does not describe {shown}"


def test_the_checker_itself_sees_upward_and_private_imports(tmp_path):
    module = tmp_path / "kvk" / "io" / "x.py"
    module.parent.mkdir(parents=True)
    (module.parent / "files.py").write_text("", encoding="utf-8")
    module.write_text("from ..render import view\nfrom ..models.common import _private\nfrom . import files\n"
                      "from .. import __version__\n", encoding="utf-8")
    found = imports(module, tmp_path)
    assert found == [("kvk.render", ["view"], 1), ("kvk.models.common", ["_private"], 2), ("kvk.io.files", [], 3),
                     ("kvk", ["__version__"], 4)]  # a fact the package itself holds, which any layer may read
    assert LAYERS.index(layer("kvk.render")) > LAYERS.index(layer(dotted(module, tmp_path)))
