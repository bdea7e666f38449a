"""docs/scale.md's Python examples run as the page writes them and give the values it states.

Every ```python block of the page is executed from the page's own text (tracebacks point at its
lines), in page order, in an empty directory: the first block (the API) writes
``indicators.parquet`` and ``budgets.parquet`` from the shipped example, and each engine's
block runs in a copy of the names it left. An expression statement with a comment after it on
its last line is a claim, checked: a table's comment lists its columns (words in parentheses
aside); any other value's comment is its ``repr``, alone or followed by a colon and words (a
call giving ``None`` is made for its effect, and its comment says what that is).

DuckDB, polars and Dask run in this process. Spark runs in local mode on one core, one session
for the module; without a Java runtime on PATH its test is skipped, saying so (``.ci/run``
installs Debian's headless JRE). Ray, which the page mentions, has no code block there.
"""

from __future__ import annotations

import ast
import gc
import io
import os
import re
import shutil
import sys
import textwrap
import tokenize
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import lakipcore as L  # noqa: N812 - as in docs/methodology.md
from extras import require

ROOT = Path(__file__).resolve().parent.parent
PAGE = ROOT / "docs" / "scale.md"
EXAMPLE = Path(L.__file__).parent / "data" / "banten-2019.toml"
"""The report file the page's ``gc`` example loads as ``path`` (the page says so)."""

_BLOCK = re.compile(r"^( *)```python\n(.*?)^\1```$", re.MULTILINE | re.DOTALL)

SNIPPETS = {
    "api": "bulk.report_to_batches(report)",
    "duckdb": "import duckdb",
    "polars": "import polars",
    "dask": "import dask.dataframe",
    "spark": "from pyspark.sql import SparkSession",
    "gc": "gc.freeze()",
}
"""Each test's block, by a line only it has. Every block of the page must be one of these."""


def _blocks() -> list[tuple[int, str]]:
    """The page's Python blocks: the line of each one's first line, and its dedented text."""
    text = PAGE.read_text(encoding="utf-8")
    found = []
    for match in _BLOCK.finditer(text):
        first = text.count("\n", 0, match.start(2)) + 1
        found.append((first, textwrap.dedent(match[2])))
    return found


def snippet(name: str) -> tuple[int, str]:
    matches = [block for block in _blocks() if SNIPPETS[name] in block[1]]
    assert 1 == len(matches), f"docs/scale.md has {len(matches)} blocks for {name!r}"
    return matches[0]


def _claims(source: str) -> dict[int, str]:
    """Comments that follow code on their line, by line number (of ``source``)."""
    claims = {}
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type == tokenize.COMMENT and token.line[: token.start[1]].strip():
            claims[token.start[0]] = token.string.lstrip("#").strip()
    return claims


def _check(value: Any, claim: str, where: str) -> None:
    if hasattr(value, "column_names") and hasattr(value, "schema"):  # a pyarrow Table
        listed = re.sub(r"\s*\([^)]*\)", "", claim).split(", ")
        assert listed == value.column_names, f"{where}: the columns are {value.column_names}"
        return
    if type(value).__module__ == "numpy":  # a numpy scalar reads as the number it holds
        value = value.item()
    shown = repr(value)
    assert claim == shown or claim.startswith(shown + ":"), f"{where}: the value is {shown}"


def run(name: str, names: dict[str, Any]) -> dict[str, Any]:
    """Execute the page's ``name`` block statement by statement in ``names``, checking the
    value of each expression statement its comment states; returns ``names``."""
    first, source = snippet(name)
    claims = _claims(source)
    tree = ast.parse(source)
    ast.increment_lineno(tree, first - 1)
    for statement in tree.body:
        assert statement.end_lineno is not None
        claim = claims.get(statement.end_lineno - first + 1)
        if isinstance(statement, ast.Expr) and claim is not None:
            code = compile(ast.Expression(statement.value), str(PAGE), "eval")
            value = eval(code, names)  # our own documentation
            if value is not None:  # a call made for its effect: the comment says what it does
                _check(value, claim, f"docs/scale.md:{statement.end_lineno}")
        else:
            exec(compile(ast.Module([statement], []), str(PAGE), "exec"), names)
    return names


def _sorted(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return sorted(rows, key=lambda row: tuple(str(row.get(k)) for k in ("period", "unit", "code")))


def test_every_block_is_run() -> None:
    """Each Python block of the page is the block of exactly one test here."""
    blocks = _blocks()
    assert len(blocks) == len(SNIPPETS)
    for first, source in blocks:
        names = [name for name, line in SNIPPETS.items() if line in source]
        assert 1 == len(names), f"docs/scale.md:{first} is the block of {names or 'no test'}"


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """An empty directory, the current one for the module: the page's blocks write and read
    their Parquet files there."""
    directory = tmp_path_factory.mktemp("scale")
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(directory)
        yield directory


@pytest.fixture(scope="module")
def api(workdir: Path) -> dict[str, Any]:
    """The names the page's first block leaves (it writes the Parquet files)."""
    require("pyarrow")
    return run("api", {})


def test_api_block(api: dict[str, Any]) -> None:
    """The API block scores the example as the core does, from objects and from Parquet."""
    assert api["core"].office == api["scored"].office == api["batches"].score().office
    assert Path("indicators.parquet").is_file()
    assert Path("budgets.parquet").is_file()
    capaian = {(r["period"], r["code"]): r["capaian"] for r in api["with_capaian"].to_pylist()}
    assert capaian == {
        (r["period"], r["code"]): r["capaian"] for r in api["scored"].indicators.to_pylist()
    }


def test_duckdb_block(api: dict[str, Any]) -> None:
    require("duckdb")
    run("duckdb", dict(api))


def test_polars_block(api: dict[str, Any]) -> None:
    pl = require("polars")
    names = run("polars", dict(api))
    assert names["units"].equals(pl.from_arrow(api["scored"].units))
    assert _sorted(names["per_unit"].to_dicts()) == _sorted(api["with_capaian"].to_pylist())


# dask 2026.8's Parquet reader calls DataFrame.reset_index(inplace=True), which pandas 3.1
# deprecates (Pandas4Warning, a DeprecationWarning); pyproject.toml makes warnings errors.
@pytest.mark.filterwarnings(
    "ignore:The inplace keyword in DataFrame.reset_index is deprecated:DeprecationWarning"
)
def test_dask_block(api: dict[str, Any]) -> None:
    """The page's Dask example, meta= included, scores every partition as the bulk path."""
    require("dask.dataframe")
    pa = require("pyarrow")
    names = run("dask", dict(api))
    rows = pa.Table.from_pandas(names["scored"].compute(), preserve_index=False).to_pylist()
    assert _sorted(rows) == _sorted(api["with_capaian"].to_pylist())


@pytest.fixture(scope="module")
def spark(workdir: Path) -> Iterator[Any]:
    """One local Spark session for the module, on one core and small: no UI, no progress bar,
    one shuffle partition. Its Python workers run this interpreter (which has lakipcore)."""
    require("pyspark")
    if shutil.which("java") is None:
        pytest.skip(
            "Spark needs a Java runtime and no `java` is on PATH "
            "(.ci/run installs Debian's openjdk-17-jre-headless)"
        )
    from pyspark.sql import SparkSession

    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("PYSPARK_PYTHON", sys.executable)
        patch.setenv("PYSPARK_DRIVER_PYTHON", sys.executable)
        patch.setenv("SPARK_LOCAL_IP", "127.0.0.1")
        session = (
            SparkSession.builder.master("local[1]")
            .appName("lakipcore docs/scale.md")
            .config("spark.ui.enabled", "false")
            .config("spark.ui.showConsoleProgress", "false")
            .config("spark.sql.shuffle.partitions", "1")
            .config("spark.default.parallelism", "1")
            .config("spark.sql.warehouse.dir", os.fspath(workdir / "warehouse"))
            .getOrCreate()
        )
        session.sparkContext.setLogLevel("ERROR")
        try:
            yield session
        finally:
            session.stop()


# pyspark 4.3 warns that it does not yet fully support pandas 3 (a FutureWarning, an error
# under pyproject.toml's filterwarnings); the Arrow functions tested here do not go through
# pandas.
@pytest.mark.filterwarnings("ignore:PySpark does not yet fully support pandas:FutureWarning")
def test_spark_block(api: dict[str, Any], spark: Any) -> None:
    """mapInArrow gives the bulk path's capaian for every row, and the cogrouped applyInArrow
    the bulk path's units table."""
    names = run("spark", dict(api))
    assert names["spark"] is spark  # the page's getOrCreate() is the session of the fixture
    rows = [row.asDict() for row in names["rows"].collect()]
    assert _sorted(rows) == _sorted(api["with_capaian"].to_pylist())
    units = [row.asDict() for row in names["units"].collect()]
    assert _sorted(units) == _sorted(api["scored"].units.to_pylist())


def test_gc_block() -> None:
    """The frozen load of the object path's limits section scores the file it loads."""
    names: dict[str, Any] = {"path": EXAMPLE}
    try:
        run("gc", names)
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
    office = names["score"].current
    assert "116,13%" == L.format_percent(office.performance)
