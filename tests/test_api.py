"""The public façade: every exported name resolves, type checkers see the names the runtime
gives, moved names warn, the namespaces are public, and importing stays light."""

from __future__ import annotations

import ast
import importlib
import subprocess
import sys
from pathlib import Path

import pytest

import lakipcore


def test_every_exported_name_resolves() -> None:
    """Each name in __all__ is reachable as an attribute (loading its module if needed)."""
    missing = [name for name in lakipcore.__all__ if not hasattr(lakipcore, name)]
    assert [] == missing


def test_lazy_names_are_exported() -> None:
    """``__all__`` is the eager errors, the lazy table (made from one list) and the version."""
    assert sorted(lakipcore.__all__) == sorted([*lakipcore._EAGER, *lakipcore._LAZY, "__version__"])
    assert all(name in vars(lakipcore.errors) for name in lakipcore._EAGER)


def _type_checking_imports() -> dict[str, str]:
    """The names the TYPE_CHECKING block of the façade imports, with their modules."""
    tree = ast.parse(Path(lakipcore.__file__).read_text(encoding="utf-8"))
    block = next(
        node
        for node in tree.body
        if isinstance(node, ast.If) and getattr(node.test, "id", None) == "TYPE_CHECKING"
    )
    names = {}
    for node in block.body:
        assert isinstance(node, ast.ImportFrom), ast.dump(node)
        for alias in node.names:
            names[alias.asname or alias.name] = node.module or ""
    return names


def test_type_checkers_and_the_runtime_see_the_same_names() -> None:
    """Every lazy name is imported for type checkers from the module the runtime loads it
    from, and every namespace is imported as a submodule; nothing else is."""
    seen = _type_checking_imports()
    namespaces = {name for name, module in seen.items() if module == "lakipcore"}
    assert set(lakipcore.NAMESPACES) == namespaces
    lazy = {name: module for name, module in seen.items() if module != "lakipcore"}
    for name, module in lazy.items():
        # The runtime's module, or one of its packages that re-exports the name.
        runtime = lakipcore._LAZY[name]
        assert runtime == module or runtime.startswith(module + "."), name
        assert getattr(importlib.import_module(module), name) is getattr(lakipcore, name)
    assert set(lazy) == set(lakipcore._LAZY)


@pytest.mark.parametrize("namespace", lakipcore.NAMESPACES)
def test_every_namespace_is_public(namespace: str) -> None:
    """Each namespace is an attribute of the package, has a docstring and an ``__all__``
    whose every name resolves."""
    module = getattr(lakipcore, namespace)
    assert module is importlib.import_module(f"lakipcore.{namespace}")
    assert (module.__doc__ or "").strip()
    assert module.__all__
    assert [] == [name for name in module.__all__ if not hasattr(module, name)]


@pytest.mark.parametrize("name", sorted(lakipcore._MOVED))
def test_a_moved_name_warns_and_still_works(name: str) -> None:
    """A name the façade used to export is found in its namespace, with a warning naming it."""
    new = lakipcore._MOVED[name]
    with pytest.warns(DeprecationWarning, match=f"has moved to {new}.{name}"):
        value = getattr(lakipcore, name)
    assert value is getattr(importlib.import_module(new), name)
    assert name not in lakipcore.__all__


@pytest.mark.parametrize(
    ("module", "name", "new"),
    [
        ("lakipcore.reportfile", "load_report", "lakipcore.formats.toml"),
        ("lakipcore.batch", "rollup", "lakipcore.model.rollup"),
        ("lakipcore.batch", "load_many", "lakipcore.formats.batch"),
        ("lakipcore.scoring.methods", "PRESETS", "lakipcore.methods"),
        ("lakipcore.scoring.catalogue", "get_formula", "lakipcore.methods.catalogue"),
        ("lakipcore.audit.export", "Findings", "lakipcore.results.findings"),
    ],
)
def test_an_old_module_path_warns(module: str, name: str, new: str) -> None:
    """A module that moved keeps its old path for a while, warning with the new one."""
    old = importlib.import_module(module)
    with pytest.warns(DeprecationWarning, match=f"{module}.{name} has moved to {new}.{name}"):
        value = getattr(old, name)
    assert value is getattr(importlib.import_module(new), name)


def test_unknown_attribute() -> None:
    """An unknown name raises AttributeError, as for any module."""
    with pytest.raises(AttributeError, match="no_such_name"):
        lakipcore.no_such_name  # type: ignore[attr-defined]  # noqa: B018


def test_import_loads_nothing_heavy() -> None:
    """`import lakipcore` loads neither dateutil, tomllib, json nor the scoring engine."""
    code = "import sys, lakipcore; print(' '.join(sorted(sys.modules)))"
    loaded = set(
        subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        ).stdout.split()
    )
    heavy = {"dateutil", "tomllib", "json", "attrs", "lakipcore.scoring", "lakipcore.surveys"}
    assert set() == heavy & loaded
