"""The documentation's examples run and print what the pages say they print.

Every ```pycon block of docs/*.md is run as a doctest (blocks of one page share their names, in
page order), and README.md's ```python blocks are executed.
"""

from __future__ import annotations

import doctest
import re
from pathlib import Path

import pytest

from extras import require

ROOT = Path(__file__).resolve().parent.parent
PAGES = sorted((ROOT / "docs").glob("*.md"))
_BLOCK = re.compile(r"^```(pycon|python)\n(.*?)^```", re.MULTILINE | re.DOTALL)


def _blocks(path: Path, kind: str) -> list[str]:
    return [body for lang, body in _BLOCK.findall(path.read_text(encoding="utf-8")) if lang == kind]


# Pages whose examples need an optional extra: skipped on a core-only install, run in CI.
_EXTRAS = {"excel.md": "openpyxl", "dataframes.md": "pyarrow"}


@pytest.mark.parametrize("page", [p for p in PAGES if _blocks(p, "pycon")], ids=lambda p: p.name)
def test_page_examples(page: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The page's interactive examples give the output shown. The pages are in English and
    show lakipcore's messages in English; language.md shows the default a reader who has set
    no language sees (Indonesian)."""
    if page.name == "language.md":
        monkeypatch.delenv("LAKIP_LANG", raising=False)
    if page.name in _EXTRAS:
        require(_EXTRAS[page.name])
    text = "\n".join(_blocks(page, "pycon"))
    parser = doctest.DocTestParser()
    test = parser.get_doctest(text, {}, page.name, str(page), 0)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    runner.run(test)
    result = runner.summarize(verbose=False)
    assert 0 == result.failed, (
        f"{result.failed} of {result.attempted} examples failed in {page.name}"
    )


def test_readme_example_runs(capsys: pytest.CaptureFixture[str]) -> None:
    """README.md's Python example runs and prints the figures its comments give."""
    for block in _blocks(ROOT / "README.md", "python"):
        exec(compile(block, "README.md", "exec"), {})  # our own documentation
    out = capsys.readouterr().out
    assert "banten-2019 116,13%" in out
    assert "114,58%" in out


def test_json_sample_matches_the_output(capsys: pytest.CaptureFixture[str]) -> None:
    """docs/json.md's sample is real output: its keys and office rows are what lakip prints."""
    import json

    from lakipcore.cli import main

    text = (ROOT / "docs" / "json.md").read_text(encoding="utf-8")
    sample = json.loads(re.search(r"^```json\n(\{\n  \"schema\".*?)^```", text, re.S | re.M)[1])
    assert 0 == main(["score", "--format", "json"])
    actual = json.loads(capsys.readouterr().out)
    assert list(actual) == list(sample)
    assert actual["schema"] == sample["schema"] == "lakipcore.score/2"
    assert [p["key"] for p in actual["periods"]] == [p["key"] for p in sample["periods"]]
    for got, shown in zip(actual["periods"], sample["periods"], strict=True):
        assert list(got) == list(shown)
        office = {key: value for key, value in got["office"].items() if key != "units"}
        assert office == {key: value for key, value in shown["office"].items() if key != "units"}
        assert got["method"] == shown["method"]
    assert len(actual["changes"]) == len(sample["changes"])
    assert actual["changes"][0]["office"] == sample["changes"][0]["office"]
    assert list(actual["changes"][0]) == list(sample["changes"][0])
    unit = actual["periods"][0]["office"]["units"][0]
    assert list(unit) == list(sample["periods"][0]["office"]["units"][0])
