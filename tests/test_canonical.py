"""The fast reader of report files in lakip's own shape (reportfile/canonical.py) against
tomllib and LineIndex: whatever it accepts, tomllib reads the same and LineIndex finds the same
lines; whatever tomllib refuses, it leaves to tomllib."""

from __future__ import annotations

import random
import sys
import tomllib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import lakipcore
from lakipcore.formats.toml import dump_report
from lakipcore.formats.toml.canonical import read_canonical
from lakipcore.formats.toml.reader import LineIndex

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tools"))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
import fuzz  # the fuzz campaign's generators (tools/fuzz.py)
from objects import upt  # a generated UPT report (benchmarks/objects.py)
from scaling import build  # a generated office of N units (benchmarks/scaling.py)

ROOT = Path(__file__).resolve().parent.parent

FILES = sorted(
    [*(ROOT / "src" / "lakipcore" / "data").glob("*.toml"), *(ROOT / "tests").rglob("*.toml")]
)


def agrees(text: str) -> bool:
    """True when the fast reader read ``text``; it then agrees with tomllib and LineIndex."""
    found = read_canonical(text)
    if found is None:
        return False
    data, lines = found
    assert tomllib.loads(text) == data
    assert LineIndex(text)._lines == lines
    return True


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_the_files_of_the_project(path: Path) -> None:
    agrees(path.read_text(encoding="utf-8").removeprefix("\ufeff"))


@pytest.mark.parametrize(
    "report", [build(3), upt(7), lakipcore.load_example()], ids=["office", "upt", "banten"]
)
def test_what_lakip_writes_is_read_in_one_pass(report: lakipcore.Report) -> None:
    text = dump_report(report)
    assert agrees(text)
    assert agrees(text.replace("\n", "\r\n"))  # a file saved on Windows


@pytest.mark.parametrize(
    "text",
    [
        'a = 1\nb = "x"\nc = true\n[t]\nd = { e = "f", g = 2 }\nh = ["i", 3, [4, "j"], { k = 5 }]',
        "[a.b]\nx = 1\n[a]\ny = 2",  # a super-table after its sub-table
        '[[u]]\nc = "1"\n[u.p.2019]\nt = "5"\n[[u]]\nc = "2"\n[[u.i]]\nn = 1',
        '[t]\np.q = { r = "s" }\np.z = 1  # a comment\n',
        'a = -0\nb = +7\nc = "# not a comment"\nd = "[{"\n',
        "# only a comment\n\n   \n",
        'a = "\\u0041"',  # an escape the writer writes: a character by its code
        'a = "say \\"hi\\" \\\\ done"',  # an escaped quote and backslash
        'rows = [\n  ["a", "1"],\n  ["b", "2"]\n]',  # one element a line, as the writer writes
        'totals = [\n  { rule = { mean = ["ipk"], scale = "s" }, printed = "9" },\n]\nx = 1',
        "empty = [\n]",
        't = { a = { b = [1, { c = "d" }] } }',  # inline tables nested
    ],
)
def test_the_canonical_shape(text: str) -> None:
    assert agrees(text)


@pytest.mark.parametrize(
    "text",
    [
        "a = 1\na = 2",  # a duplicate key
        "[t]\n[t]",  # a table defined twice
        "[t]\nx.y = 1\n[t.x]",  # a header into a table dotted keys defined
        "[t.x]\ny = 1\n[t]\nx.z = 2",  # dotted keys into a table a header defined
        "a = { b = 1 }\n[a]",  # an inline table reopened
        "[[a]]\n[a]",  # an array of tables as a table
        "a = [1]\n[[a]]",  # an inline array extended
        "a = { b = 1, }",  # a trailing comma in an inline table
        'a = "tab\\tstop"',  # an escape the writer does not write
        'a = "\\U0001F600"',
        'a = "\\ud800"',  # not a Unicode scalar value
        'a = "\\u000A"',  # a character tomllib reads but the fast reader leaves to it
        'a = "\\x41"',
        "a = 'literal'",
        "a = 1.5",
        "a = 2019-01-01",
        "a = 01",
        "a = 1_000",
        'a = """x"""',
        "a = [\n1]",  # a multi-line array whose closing bracket shares a line
        "a = [\n  1,\n\n  2,\n]",  # a blank line inside
        "a = [\n  1, # one\n]",  # a comment inside
        "a = [\n  [1,\n  2],\n]",  # a value split over lines
        "a = [\n  { b = 1,\n  c = 2 },\n]",  # an inline table over lines: not TOML
        "a = [\n  1,",  # unterminated
        "a = [\n  1\n  2,\n]",  # a comma missing between elements (seed 172 of the mutations)
        "a = [ # open\n  1,\n]",
        '"quoted" = 1',
        "a = 1\rb = 2",  # a lone carriage return
        'a = "tab\there"',
        "a = \x01",
        "[t] x = 1",
        "[[t]",
        "a = ",
        "a.b = 1\na = 2",
    ],
)
def test_what_it_leaves_to_tomllib(text: str) -> None:
    assert read_canonical(text) is None


EXAMPLES = fuzz._examples()
lines = st.sampled_from(
    ["[t]", "[[t]]", "[t.u]", "[[t.u]]", "[u]", "[t.u.v]", "[[t.u.v]]", "a = 1", 'a = "x"',
     "a.b = 2", "b = { c = 1 }", "t = { u = 1 }", "c = [1, [2]]", "# c", "", "d = true",
     "t = 3", "u.v = 4", "t.u = 5", "t.u.w = 6", "v = []", "w = {}", "x = [{a = 1}]",
     "y = [\n  1,\n  { b = [2] },\n]", 'z = "q\\"\\\\"', "e = [", "]", "  [3],"]
)  # fmt: skip


@settings(max_examples=1000)
@given(st.lists(lines, max_size=12).map("\n".join))
def test_any_arrangement_of_canonical_lines(text: str) -> None:
    try:
        tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        assert read_canonical(text) is None
        return
    agrees(text)


@settings(max_examples=200)
@given(which=st.sampled_from(EXAMPLES), seed=st.integers(0, 2**32))
def test_mutated_report_files(which: str, seed: int) -> None:
    text = fuzz._mutate_file(which, random.Random(seed))
    try:
        tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        assert read_canonical(text) is None
        return
    agrees(text)


def test_deep_arrays_are_left_to_tomllib() -> None:
    assert read_canonical("a = " + "[" * 5000 + "]" * 5000) is None
    assert agrees("a = [[[[1]]]]")


@settings(max_examples=1000)
@given(st.text(alphabet='ab"\\u0AdDF8nt é#{}[],=', max_size=14))
def test_any_string_of_quotes_and_escapes(body: str) -> None:
    """A basic string with any mix of quotes, backslashes and escape-like text reads as
    tomllib reads it, or is left to tomllib."""
    text = f'a = "{body}"\nb = [\n  "{body}",\n]'
    try:
        tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        assert read_canonical(text) is None
        return
    agrees(text)
