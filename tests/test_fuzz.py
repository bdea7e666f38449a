"""Property tests over arbitrary input: every parser and the loader either accept (and the
result round-trips) or refuse with a ``LakipError``. Bounded and derandomized in CI (conftest);
``tools/fuzz.py`` runs the same checks as a long campaign and its generators are used here.
"""

from __future__ import annotations

import contextlib
import random
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lakipcore import LakipError, score_report
from lakipcore.audit import audit
from lakipcore.formats.toml import dump_report, loads_report

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tools"))
import fuzz  # the campaign script, a sibling of the tests (found through sys.path above)

# Text close to what the parsers read (seeds with a few characters changed, token soups), and
# text that is not (any Unicode, the tricky characters of fuzz.ALPHABET).
near_text = st.builds(fuzz._mutate, st.sampled_from(fuzz.SEEDS), st.randoms(use_true_random=False))
token_soup = st.lists(st.sampled_from(fuzz.TOKENS), min_size=1, max_size=8).map("".join)
any_text = st.text(max_size=40) | st.text(alphabet=fuzz.ALPHABET, max_size=40)
texts = near_text | token_soup | any_text


@pytest.mark.parametrize("name", sorted(fuzz.PARSERS))
@given(text=texts)
def test_a_parser_accepts_and_round_trips_or_refuses(name: str, text: str) -> None:
    parse, back, same = fuzz.PARSERS[name]
    try:
        value = parse(text)
    except LakipError:
        return
    assert not fuzz._numeric_part_is_foreign(name, text, value), text
    assert same(value, parse(back(value)))


EXAMPLES = fuzz._examples()


@settings(max_examples=60)
@given(which=st.sampled_from([t for t in EXAMPLES if len(t) < 30_000]), seed=st.integers(0, 2**32))
def test_a_mutated_report_file_loads_and_round_trips_or_is_refused(which: str, seed: int) -> None:
    text = fuzz._mutate_file(which, random.Random(seed))
    try:
        report = loads_report(text)
    except LakipError:
        return
    with contextlib.suppress(LakipError):  # may refuse: no method named, an unscorable one
        score_report(report)
    audit(report)  # never refuses a loaded report: what it cannot score is a finding
    written = dump_report(report)
    again = loads_report(written)
    assert report == again
    assert written == dump_report(again)


def test_the_campaign_script_runs_and_finds_nothing() -> None:
    """A small campaign in one process: the script works, and finds no fault at this size."""
    tallies = fuzz.campaign(
        strings_count=1000,
        files_count=20,
        jobs=1,
        seed=1,
        workbooks_count=16,
        batches_count=20,
    )
    assert 1000 == tallies["parse_figure"].tried
    assert 20 == tallies["report files"].tried
    assert 16 == tallies["workbooks"].tried
    assert 20 == tallies["batches"].tried
    for name, tally in tallies.items():
        assert tally.tried == tally.accepted + tally.refused + sum(tally.foreign.values()), name
        assert not tally.foreign, (name, tally.foreign, tally.examples)
        assert not tally.silent, (name, tally.silent, tally.examples)
    text = fuzz.report(tallies, 1.0, 1000)
    assert "total: 0 foreign exceptions, 0 silent acceptances" in text


@pytest.mark.parametrize("fault", ["foreign", "silent", "slow", None])
def test_the_exit_status_is_non_zero_on_any_fault(fault: str | None) -> None:
    """main's exit status: 1 on a foreign exception, a silent change or an input over 1 s."""
    clean, faulty = fuzz.Tally(), fuzz.Tally()
    clean.tried = clean.accepted = faulty.tried = faulty.refused = 1
    if fault == "slow":
        faulty.timed(fuzz.SLOW_SECONDS + 0.5, "an input")
    elif fault is not None:
        faulty.note(getattr(faulty, fault), "TypeError at /x.py:1", "an input")
    assert (0 if fault is None else 1) == fuzz.exit_status({"a": clean, "b": faulty})
    text = fuzz.report({"a": clean, "b": faulty}, 1.0, 0)
    assert ("an input" in text) == (fault is not None)


def test_main_prints_the_table_and_exits_zero_when_nothing_is_found(
    capsys: pytest.CaptureFixture[str],
) -> None:
    arguments = ["--strings", "200", "--files", "0", "--workbooks", "0", "--batches", "5"]
    assert 0 == fuzz.main([*arguments, "--jobs", "1"])
    out = capsys.readouterr().out
    assert "batches" in out
    assert "total: 0 foreign exceptions, 0 silent acceptances, 0 inputs over 1 s" in out


def test_a_mutated_workbook_is_repeatable() -> None:
    """A workbook case is made from its number alone, so a finding can be rebuilt from it."""
    assert fuzz.mutated_workbook(7) == fuzz.mutated_workbook(7)
    call, _, text = fuzz.batch_case(7)
    again, _, same = fuzz.batch_case(7)
    assert text == same
    assert call is not None
    assert again is not None
    assert call.indicators.equals(again.indicators)
