"""One pass, one result: ``assess`` scores and audits once, and every output reads its result.

The call counts are taken with a profile hook on the code objects of the pipeline's functions,
so that a call is counted however the caller reached the function (an import under another
name, a module attribute): a writer that scored or audited again would be seen.
"""

from __future__ import annotations

import contextlib
import re
import sys
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from types import CodeType, FrameType
from typing import Any

import pytest

import lakipcore
from lakipcore.assessment import assess
from lakipcore.audit import audit
from lakipcore.cli import main
from lakipcore.errors import LakipTypeError, LakipValueError
from lakipcore.formats.toml import example_text
from lakipcore.scoring.engine import scored_period
from lakipcore.scoring.facts import resolve_unit
from lakipcore.scoring.report import score_report

DATA = Path(lakipcore.__file__).parent / "data"
EXAMPLES = sorted(DATA.glob("*.toml"))

# The pipeline: one scoring of the report, one audit; every period's scoring (the engine's and
# the audit's what-if scorings alike) goes through the resolve stage, unit by unit.
WATCHED: dict[CodeType, str] = {
    score_report.__code__: "score_report",
    audit.__code__: "audit",
    resolve_unit.__code__: "resolve_unit",
    scored_period.__code__: "scored_period",
}


@contextlib.contextmanager
def counting() -> Iterator[Counter[str]]:
    """Count the calls of the watched functions while the block runs."""
    counts: Counter[str] = Counter()

    def hook(frame: FrameType, event: str, _arg: object) -> None:
        if event == "call":
            name = WATCHED.get(frame.f_code)
            if name is not None:
                counts[name] += 1

    previous = sys.getprofile()
    sys.setprofile(hook)
    try:
        yield counts
    finally:
        sys.setprofile(previous)


def _arrow(assessment: lakipcore.Assessment) -> object:
    from extras import require

    require("pyarrow")
    from lakipcore.arrow import to_arrow

    return to_arrow(assessment)


def _workbook(tmp_path: Path) -> Callable[[lakipcore.Assessment], object]:
    def write(assessment: lakipcore.Assessment) -> object:
        from extras import require

        require("openpyxl")
        from lakipcore.excel import write_workbook

        return write_workbook(assessment, tmp_path / "out.xlsx")

    return write


def _outputs(tmp_path: Path) -> dict[str, Callable[[lakipcore.Assessment], object]]:
    from lakipcore.arrow import as_rows
    from lakipcore.render.html import render_html
    from lakipcore.render.json import score_to_dict
    from lakipcore.render.text import render_findings, render_score_text

    return {
        "render_html": render_html,
        "render_score_text": render_score_text,
        "render_findings": render_findings,
        "score_to_dict": score_to_dict,
        "as_rows": as_rows,
        "to_arrow": _arrow,
        "write_workbook": _workbook(tmp_path),
        "notebook": lambda a: (repr(a), a._repr_html_(), a._repr_markdown_()),
    }


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_assess_scores_once_and_audits_once(example: Path) -> None:
    """``assess`` runs the scoring of the report once and the audit once, on those scores."""
    report = lakipcore.load_report(example)
    with counting() as counts:
        assessment = assess(report)
    assert (1, 1) == (counts["score_report"], counts["audit"])
    assert assessment.findings is not None
    # Each period is computed at least once, each of its units resolved first; more only for
    # the audit's what-ifs (the bounds of a rounded input, another aggregation for a mismatched
    # office figure, both periods of a change under one method).
    assert counts["scored_period"] >= len(report.periods)
    units = sum(1 for _ in report.units())
    assert counts["resolve_unit"] >= counts["scored_period"] * units


@pytest.mark.parametrize(
    "output",
    [
        "render_html",
        "render_score_text",
        "render_findings",
        "score_to_dict",
        "as_rows",
        "to_arrow",
        "write_workbook",
        "notebook",
    ],
)
def test_every_output_reads_the_assessment_and_computes_nothing(
    output: str, tmp_path: Path
) -> None:
    """Given an assessment, no output scores a period or audits: zero calls of each."""
    assessment = assess(lakipcore.load_example(), source="banten-2019.toml")
    write = _outputs(tmp_path)[output]
    with counting() as counts:
        write(assessment)
    assert {} == dict(counts)


@pytest.mark.parametrize(
    ("command", "expected"),
    [
        (["report", "-o", "{tmp}/page.html"], (1, 1)),
        (["export", "{example}", "-o", "{tmp}/book.xlsx"], (1, 1)),
        (["audit"], (1, 1)),
        (["audit", "--format", "json"], (1, 1)),
        (["score"], (1, 0)),
        (["score", "--format", "json"], (1, 0)),
    ],
    ids=lambda v: " ".join(v) if isinstance(v, list) else None,
)
def test_each_command_scores_once_and_audits_at_most_once(
    command: list[str], expected: tuple[int, int], tmp_path: Path, capsys: Any
) -> None:
    """``lakip report`` and ``lakip export`` score and audit once; ``lakip score`` does not
    audit at all."""
    if "export" in command:
        from extras import require

        require("openpyxl")
    argv = [a.format(tmp=tmp_path, example=DATA / "banten-2019.toml") for a in command]
    with counting() as counts:
        status = main(argv)
    capsys.readouterr()
    assert status in (0, 1)
    assert expected == (counts["score_report"], counts["audit"])


def test_the_assessment_holds_the_scores_and_findings_of_its_parts() -> None:
    """``assess`` gives what ``score_report`` and ``audit`` give separately."""
    report = lakipcore.load_example()
    assessment = assess(report, source="banten-2019.toml")
    assert lakipcore.score_report(report) == assessment.scores
    assert audit(report, source="banten-2019.toml") == assessment.findings
    assert {"2018": "banten-2018", "2019": "banten-2019"} == {
        key: method.name for key, method in assessment.methods.items()
    }
    assert assessment.audited
    assert assessment.current.key == "2019"
    assert lakipcore.format_percent(assessment.current.performance) == "116,13%"


def test_an_assessment_without_the_audit_has_no_findings() -> None:
    """``audit=False`` skips the audit; an output of the findings then says how to get them."""
    from lakipcore.render.html import render_html
    from lakipcore.render.text import render_findings, render_score_text

    assessment = assess(lakipcore.load_example(), audit=False)
    assert assessment.findings is None
    assert not assessment.audited
    assert "116,13%" in render_score_text(assessment)
    for output in (render_html, render_findings):
        with pytest.raises(LakipValueError, match=r"lakipcore\.assess\(report\)"):
            output(assessment)
    assert "not audited" in repr(assessment)


def test_an_output_refuses_a_report_and_names_assess() -> None:
    """Writers read an assessment: a Report is refused with the call that makes one."""
    from lakipcore.render.html import render_html
    from lakipcore.render.json import score_to_dict

    for output in (render_html, score_to_dict):
        with pytest.raises(LakipTypeError, match=r"got Report; make one with lakipcore\.assess"):
            output(lakipcore.load_example())  # type: ignore[arg-type]


def test_an_unscorable_indicator_is_a_problem_not_an_exception() -> None:
    """A zero target leaves one indicator without a capaian and is a not-scorable finding; the
    assessment completes, and ``lakip score`` still refuses the file (exit 2)."""
    changed = example_text().replace(
        'target = "70"\nrealisation = "77,37"', 'target = "0"\nrealisation = "77,37"'
    )
    assessment = assess(lakipcore.loads_report(changed))
    (problem,) = assessment.problems
    assert ("sekjen", "sekjen-nilai-rb", "2019") == (
        problem.unit,
        problem.indicator,
        problem.period,
    )
    assert [problem.unit] == [
        f.subject.unit for f in assessment.findings or [] if f.code == "not-scorable"
    ]
    sekjen = assessment.current.unit("sekjen").indicator("sekjen-nilai-rb")
    assert sekjen.capaian is None
    assert sekjen.excluded is not None
    with pytest.raises(lakipcore.errors.ZeroTargetError):
        lakipcore.score_report(lakipcore.loads_report(changed))


def test_a_report_without_methods_is_assessed_with_inferred_ones() -> None:
    """A period that names no method gets the aggregation its printed office row shows, for
    the scores as for the audit: ``lakip score`` no longer stops at such a file."""
    text = re.sub(r'^method = "banten-201[89]"\n', "", example_text(), flags=re.MULTILINE)
    report = lakipcore.loads_report(text)
    assessment = assess(report)
    assert [True, True] == [p.inferred for p in assessment.scores.periods]
    assert lakipcore.format_percent(assessment.current.performance) == "116,13%"
    inferred = [f for f in assessment.findings or [] if f.code == "method-inferred"]
    assert ["2018", "2019"] == sorted(f.period or "" for f in inferred)
    with pytest.raises(lakipcore.errors.UnknownNameError, match="no scoring method for 2018"):
        lakipcore.score_report(report)  # the part stays strict


def test_the_audit_refuses_scores_with_a_method() -> None:
    """``audit(scores=...)`` reads the methods of the scores it is given; a ``method=`` beside
    them would be ignored, so it is refused."""
    report = lakipcore.load_example()
    scores = lakipcore.score_report(report, problems=[], infer=True)
    with pytest.raises(LakipValueError, match="do not pass method="):
        audit(report, scores=scores, method="banten-2019")
    with pytest.raises(LakipTypeError, match="expected the ReportScore"):
        audit(report, scores=object())  # type: ignore[arg-type]


def test_scores_of_another_report_are_refused() -> None:
    """An assessment, and the audit, refuse scores made from another report: a writer would
    otherwise show one report's figures under another's names."""
    from lakipcore.results.assessment import Assessment

    banten = lakipcore.load_example()
    other = lakipcore.load_report(
        Path(lakipcore.__file__).parent / "data" / "gunung-kaler-2020.toml"
    )
    scores = lakipcore.score_report(other, problems=[], infer=True)
    with pytest.raises(LakipValueError, match="the scores are not of this report"):
        Assessment(banten, scores)
    with pytest.raises(LakipValueError, match="the scores are not of this report"):
        audit(banten, scores=scores)


def test_checks_without_the_audit_are_refused() -> None:
    """``checks`` are the audit's: given with ``audit=False`` they would be ignored silently."""
    from lakipcore.audit import CHECKS

    with pytest.raises(LakipValueError, match="without audit=False") as caught:
        assess(lakipcore.load_example(), audit=False, checks=CHECKS)
    assert caught.value.field == "checks"
    only_first = assess(lakipcore.load_example(), checks=CHECKS[:1])
    assert only_first.findings is not None


@pytest.mark.parametrize("given", [False, True], ids=["the file's method", "method="])
def test_a_method_that_cannot_apply_is_a_finding_and_the_assessment_finishes(given: bool) -> None:
    """Banten's 2018 budgets are printed rates only: a method summing pagu and realisasi cannot
    compute the office's absorption. The assessment leaves it out with a warning at the
    period's method and audits the rest; score_report, the strict part, still raises."""
    text = example_text()
    if not given:
        text = text.replace('method = "banten-2018"', 'method = "pooled-sum"')
    report = lakipcore.loads_report(text, source="banten.toml")
    method = {"2018": "pooled-sum", "2019": "banten-2019"} if given else None
    assessment = assess(report, method=method)
    (problem,) = assessment.problems
    assert ("kanwil-banten", None, "2018") == (problem.unit, problem.indicator, problem.period)
    earlier = assessment.scores.periods[0]
    assert earlier.root.absorption is None
    assert any("known only as a printed absorption rate" in g for g in earlier.root.gaps)
    (finding,) = [f for f in assessment.findings or [] if f.code == "method-not-applicable"]
    assert "warning" == finding.severity.value
    assert finding.message_in("en").startswith(
        "its absorption is left out: method 'pooled-sum' sums"
    )
    if not given:
        assert "periods[0].method" == finding.location.field
        assert finding.location.line is not None
    printed = [
        f
        for f in assessment.findings or []
        if f.code == "not-recomputable" and f.period == "2018" and "97,75%" in f.message_in("en")
    ]
    assert "known only as a printed absorption rate" in printed[0].message_in("en")
    assert lakipcore.format_percent(assessment.current.performance) == "116,13%"
    with pytest.raises(lakipcore.errors.MethodNotApplicableError):
        lakipcore.score_report(report, method)
