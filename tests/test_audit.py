"""The audit: findings on the Banten report, properties on generated reports, the CLI."""

from __future__ import annotations

import json
import random
import re
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import lakipcore
from lakipcore import (
    BudgetLine,
    BudgetOutput,
    Indicator,
    MeasureKind,
    OfficeYear,
    Place,
    PrintedFigure,
    Quantity,
    Realisation,
    Report,
    Target,
    UnitPerformance,
)
from lakipcore.audit import CODES, Finding, Location, Severity, audit
from lakipcore.cli import main

DOCS = Path(__file__).resolve().parent.parent / "docs" / "audit.md"

# What the audit must say about the shipped Banten report: (code, field) of every finding.
BANTEN_FINDINGS = {
    ("figure-mismatch", "office.years.2019.printed.performance-yoy.summary-yoy"),
    ("figure-mismatch", "office.years.2019.printed.performance-yoy.prose"),
    ("figure-mismatch", "units[0].years.2019.printed.achievement.unit-yoy"),
    ("figure-mismatch", "units[5].indicators[6].years.2019.printed.realisation.summary-indicators"),
    ("figure-mismatch", "units[5].indicators[6].years.2019.printed.capaian.summary-indicators"),
    ("figure-mismatch", "units[7].years.2019.printed.achievement-yoy.prose"),
    ("figure-mismatch", "units[8].indicators[1].years.2019.printed.realisation.prose"),
    ("figure-mismatch", "units[8].indicators[2].years.2019.printed.realisation.prose"),
    ("malformed-figure", "units[8].years.2019.printed.performance.summary-dashboard"),
    ("method-change", "methods"),
    ("table-omission", "units[8].indicators[5]"),
    ("truncated", "units[0].years.2019.budget.outputs[0].printed.absorption.unit-budget"),
    ("truncated", "units[0].years.2019.budget.outputs[6].printed.absorption.unit-budget"),
    ("truncated", "units[7].indicators[2].years.2019.printed.capaian.summary-indicators"),
    ("truncated", "units[0].years.2019.evidence[0].totals[3].printed"),
    ("truncated", "units[0].indicators[2].years.2019.printed.realisation.unit-indicators"),
    ("truncated", "units[0].indicators[2].years.2019.printed.realisation.summary-indicators"),
    ("truncated", "units[0].indicators[2].years.2019.printed.realisation.unit-yoy"),
    ("truncated", "units[0].indicators[2].years.2019.printed.realisation.prose"),
    ("truncated", "units[0].indicators[2].years.2019.printed.capaian.unit-indicators"),
    ("truncated", "units[0].indicators[2].years.2019.printed.capaian.unit-yoy"),
    ("truncated", "units[0].indicators[2].years.2019.printed.capaian.prose"),
    ("rounded-input", "units[2].years.2019.printed.performance-yoy.summary-yoy"),
    ("printed-operands", "units[7].years.2019.printed.performance-yoy.summary-yoy"),
    ("not-recomputable", "units[3].indicators[0].years.2019.printed.relative-change.prose"),
    ("missing-percent-sign", "units[8].years.2018.printed.performance.summary-yoy"),
}


@pytest.fixture(scope="module")
def banten() -> list[Finding]:
    """The findings on the shipped example."""
    return audit(lakipcore.load_example(), source="banten-2019.toml")


def test_banten_findings(banten: list[Finding]) -> None:
    """The audit reports exactly the report's inconsistencies and notable readings."""
    assert BANTEN_FINDINGS == {(f.code, f.location.field) for f in banten}
    assert len(BANTEN_FINDINGS) == len(banten)


def test_banten_error_count(banten: list[Finding]) -> None:
    """Nine printed figures are wrong; every error is a mismatch or a malformed figure."""
    errors = [f for f in banten if f.severity is Severity.ERROR]
    assert 9 == len(errors)
    assert {"figure-mismatch", "malformed-figure"} == {f.code for f in errors}


def test_mismatch_message_states_both_values(banten: list[Finding]) -> None:
    """A mismatch names the published text, the recomputed value and by how much it is off."""
    finding = next(
        f for f in banten if f.location.field == "units[0].years.2019.printed.achievement.unit-yoy"
    )
    assert "published 114,48% but the inputs give 114,58" in finding.message
    assert finding.message.endswith("0,10 too low")
    assert "114,48%" == finding.published
    assert Decimal("114.58") == lakipcore.round_to(finding.recomputed or Decimal(0), 2)
    assert 2 == finding.places
    assert Place.UNIT_YOY is finding.location.place
    assert str(finding).startswith(
        "banten-2019.toml:units[0].years.2019.printed.achievement.unit-yoy [unit-yoy]: error"
    )


def test_yoy_mismatch_shows_the_printed_operands(banten: list[Finding]) -> None:
    """The transposed office YoY shows the difference of the printed figures beside it."""
    finding = next(
        f
        for f in banten
        if f.location.field == "office.years.2019.printed.performance-yoy.summary-yoy"
    )
    assert "the printed 116,13 − 108,66 = 7,47" in finding.message


def test_method_change_gives_the_yoy_under_one_method(banten: list[Finding]) -> None:
    """The method-change warning states the YoY under a single method."""
    finding = next(f for f in banten if f.code == "method-change")
    assert "under banten-2018 for both years the office performance YoY is 8,21 points" in (
        finding.message
    )
    assert "banten-2019 cannot score both years" in finding.message


def test_methods_are_inferred_when_not_declared() -> None:
    """Without [methods], the audit infers each year's method from its office row."""
    text = lakipcore.reportfile.example_text()
    text = re.sub(r"\[methods\]\n2019 = \"banten-2019\"\n2018 = \"banten-2018\"\n", "", text)
    report = lakipcore.loads_report(text)
    assert report.current.method is None
    findings = audit(report)
    inferred = [f for f in findings if f.code == "method-inferred"]
    assert ["pooled-indicators/total-amounts", "mean-of-unit-means/mean-of-unit-rates"] == [
        f.message.split("; ")[1].split(" ")[0] for f in inferred
    ]
    assert 9 == sum(f.severity is Severity.ERROR for f in findings)


def test_finding_codes_are_documented() -> None:
    """docs/audit.md documents exactly the codes the audit can emit."""
    text = DOCS.read_text(encoding="utf-8")
    documented = set(
        re.findall(r"^\| `([a-z-]+)` \| (?:error|warning|info) \|", text, flags=re.MULTILINE)
    )
    assert set(CODES) == documented


def test_unknown_code_is_a_programming_error() -> None:
    """A Finding with a code that is not registered cannot be built."""
    with pytest.raises(ValueError, match="unknown finding code"):
        Finding("nope", "office", 2019, Location(), "message")


def test_overspending_is_a_warning() -> None:
    """Realisasi above pagu is allowed by the model and reported by the audit."""
    report = _report([[(10, 10)]], [[(100, 120)]])
    findings = audit(report)
    overspent = [f for f in findings if f.code == "overspent"]
    assert 2 == len(overspent)  # the output and its programme
    assert "realisasi 120 exceeds pagu 100 by 20" == overspent[0].message
    assert not [f for f in findings if f.severity is Severity.ERROR]


# --- generated, self-consistent reports -----------------------------------------------------

METHOD = lakipcore.get_method("banten-2019")


def _p(quantity: Quantity, place: Place, text: str, field: str) -> PrintedFigure:
    return PrintedFigure(quantity, place, text, field)


def _pct(value: Decimal, places: int = 2) -> str:
    return lakipcore.format_percent(value, places)


def _report(
    indicators: list[list[tuple[int, int]]],
    outputs: list[list[tuple[int, int]]],
    *,
    printed: bool = False,
) -> Report:
    """A one-year report; with ``printed``, every figure printed as the inputs give it."""
    units = []
    for n, (caps, outs) in enumerate(zip(indicators, outputs, strict=True)):
        units.append(
            UnitPerformance(
                f"u{n}",
                f"Unit {n}",
                2019,
                [
                    Indicator(
                        f"u{n}-i{k}",
                        f"indicator {k}",
                        Target(MeasureKind.COUNT, Decimal(t)),
                        Realisation(MeasureKind.COUNT, Decimal(r)),
                    )
                    for k, (t, r) in enumerate(caps)
                ],
                BudgetLine(
                    "programme",
                    [
                        BudgetOutput(f"o{k}", Decimal(p), Decimal(s))
                        for k, (p, s) in enumerate(outs)
                    ],
                ),
            )
        )
    report = Report("Office", OfficeYear(2019, units, method=METHOD.name))
    return _with_printed(report) if printed else report


def _with_printed(report: Report) -> Report:
    import attrs

    scored = lakipcore.score_year(report.current, METHOD)
    units = []
    for n, (unit, score) in enumerate(zip(report.current.units, scored.units, strict=True)):
        base = f"units[{n}]"
        indicators = []
        for k, (indicator, item) in enumerate(zip(unit.indicators, score.indicators, strict=True)):
            assert item.capaian is not None
            field = f"{base}.indicators[{k}].years.2019.printed.capaian"
            indicators.append(
                attrs.evolve(
                    indicator,
                    printed=(
                        _p(
                            Quantity.CAPAIAN,
                            Place.UNIT_INDICATORS,
                            _pct(item.capaian),
                            f"{field}.u",
                        ),
                        _p(
                            Quantity.CAPAIAN,
                            Place.SUMMARY_INDICATORS,
                            _pct(item.capaian, 0),
                            f"{field}.s",
                        ),
                    ),
                )
            )
        assert isinstance(unit.budget, BudgetLine)
        outputs = [
            attrs.evolve(
                output,
                printed=(
                    _p(
                        Quantity.ABSORPTION,
                        Place.UNIT_BUDGET,
                        _pct(o.absorption),
                        f"{base}.budget.outputs[{k}].absorption",
                    ),
                ),
            )
            for k, (output, o) in enumerate(zip(unit.budget.outputs, score.outputs, strict=True))
        ]
        assert score.pagu is not None
        assert score.realisation is not None
        budget = attrs.evolve(
            unit.budget,
            outputs=outputs,
            printed=(
                _p(
                    Quantity.PAGU,
                    Place.UNIT_BUDGET,
                    lakipcore.format_number(score.pagu),
                    f"{base}.pagu",
                ),
                _p(
                    Quantity.REALISATION,
                    Place.SUMMARY_BUDGET,
                    lakipcore.format_rupiah(score.realisation),
                    f"{base}.realisation",
                ),
            ),
        )
        units.append(
            attrs.evolve(
                unit,
                indicators=indicators,
                budget=budget,
                printed=(
                    _p(
                        Quantity.ACHIEVEMENT,
                        Place.UNIT_DASHBOARD,
                        _pct(score.achievement),
                        f"{base}.a",
                    ),
                    _p(
                        Quantity.ABSORPTION,
                        Place.UNIT_DASHBOARD,
                        _pct(score.absorption),
                        f"{base}.b",
                    ),
                    _p(
                        Quantity.PERFORMANCE,
                        Place.UNIT_DASHBOARD,
                        _pct(score.performance),
                        f"{base}.p",
                    ),
                ),
            )
        )
    office = attrs.evolve(
        report.current,
        units=units,
        printed=(
            _p(Quantity.ACHIEVEMENT, Place.SUMMARY_DASHBOARD, _pct(scored.achievement), "office.a"),
            _p(Quantity.ABSORPTION, Place.SUMMARY_DASHBOARD, _pct(scored.absorption), "office.b"),
            _p(Quantity.PERFORMANCE, Place.SUMMARY_DASHBOARD, _pct(scored.performance), "office.p"),
        ),
    )
    return attrs.evolve(report, current=office)


generated = st.integers(1, 4).flatmap(
    lambda n: st.tuples(
        st.lists(
            st.lists(st.tuples(st.integers(1, 500), st.integers(0, 1000)), min_size=1, max_size=4),
            min_size=n,
            max_size=n,
        ),
        st.lists(
            st.lists(
                st.integers(1, 10**10).flatmap(lambda p: st.tuples(st.just(p), st.integers(0, p))),
                min_size=1,
                max_size=3,
            ),
            min_size=n,
            max_size=n,
        ),
    )
)


def _printed_fields(report: Report) -> list[PrintedFigure]:
    figures = list(report.current.printed)
    for unit in report.current.units:
        figures += unit.printed
        assert isinstance(unit.budget, BudgetLine)
        figures += unit.budget.printed
        for output in unit.budget.outputs:
            figures += output.printed
        for indicator in unit.indicators:
            figures += indicator.printed
    return figures


@given(data=generated)
def test_consistent_report_has_no_errors(
    data: tuple[list[list[tuple[int, int]]], list[list[tuple[int, int]]]],
) -> None:
    """A report whose printed figures are the inputs' half-up roundings audits with no error."""
    report = _report(*data, printed=True)
    findings = audit(report)
    assert [] == [str(f) for f in findings if f.severity is Severity.ERROR]


def _shift_one(report: Report, index: int) -> tuple[Report, str]:
    """The report with the index-th printed figure moved well beyond its rounding interval."""
    import attrs

    target = _printed_fields(report)[index]
    value = target.figure()
    places = value.places
    step = Decimal((0, (1,), -places))
    shifted = lakipcore.format_number(value.value + 37 * step)
    new_text = target.text.replace(lakipcore.format_number(value.value), shifted, 1)
    assert new_text != target.text

    def fix(figures: tuple[PrintedFigure, ...]) -> tuple[PrintedFigure, ...]:
        return tuple(
            attrs.evolve(p, text=new_text) if p.field == target.field else p for p in figures
        )

    units = []
    for unit in report.current.units:
        assert isinstance(unit.budget, BudgetLine)
        budget = attrs.evolve(
            unit.budget,
            printed=fix(unit.budget.printed),
            outputs=[attrs.evolve(o, printed=fix(o.printed)) for o in unit.budget.outputs],
        )
        units.append(
            attrs.evolve(
                unit,
                printed=fix(unit.printed),
                budget=budget,
                indicators=[attrs.evolve(i, printed=fix(i.printed)) for i in unit.indicators],
            )
        )
    office = attrs.evolve(report.current, units=units, printed=fix(report.current.printed))
    return attrs.evolve(report, current=office), str(target.field)


@given(data=generated, choice=st.integers(min_value=0))
def test_one_changed_figure_gives_exactly_one_error(
    data: tuple[list[list[tuple[int, int]]], list[list[tuple[int, int]]]], choice: int
) -> None:
    """Moving one printed figure beyond its rounding interval yields one error, located there."""
    report = _report(*data, printed=True)
    index = choice % len(_printed_fields(report))
    changed, field = _shift_one(report, index)
    errors = [f for f in audit(changed) if f.severity is Severity.ERROR]
    assert [field] == [f.location.field for f in errors]


@given(data=generated, seed=st.integers(0, 2**16))
def test_findings_do_not_depend_on_order(
    data: tuple[list[list[tuple[int, int]]], list[list[tuple[int, int]]]], seed: int
) -> None:
    """Shuffling units, indicators and outputs leaves the findings unchanged."""
    import attrs

    report = _report(*data, printed=True)
    changed, _ = _shift_one(report, seed % len(_printed_fields(report)))
    rng = random.Random(seed)
    units = []
    for unit in changed.current.units:
        assert isinstance(unit.budget, BudgetLine)
        outputs = list(unit.budget.outputs)
        indicators = list(unit.indicators)
        rng.shuffle(outputs)
        rng.shuffle(indicators)
        units.append(
            attrs.evolve(
                unit, indicators=indicators, budget=attrs.evolve(unit.budget, outputs=outputs)
            )
        )
    rng.shuffle(units)
    shuffled = attrs.evolve(changed, current=attrs.evolve(changed.current, units=units))

    def key(findings: list[Finding]) -> set[tuple[object, ...]]:
        return {(f.code, f.subject, f.year, f.location.field, f.published) for f in findings}

    assert key(audit(changed)) == key(audit(shuffled))


# --- command line --------------------------------------------------------------------------


def test_cli_audit_example_exits_1(capsys: pytest.CaptureFixture[str]) -> None:
    """Auditing the example finds errors: exit 1, findings grouped by unit."""
    assert 1 == main(["audit"])
    out = capsys.readouterr().out
    assert out.splitlines()[0].startswith("office (")
    assert "\nsekjen (Sekjen - Divisi Administrasi)\n" in out
    assert out.rstrip().endswith("9 errors, 2 warnings, 15 notes")


def test_cli_audit_json(capsys: pytest.CaptureFixture[str]) -> None:
    """JSON output has the schema, a summary and every finding with its location."""
    assert 1 == main(["audit", "--format", "json"])
    data = json.loads(capsys.readouterr().out)
    assert "lakipcore.audit/1" == data["schema"]
    assert {"error": 9, "warning": 2, "info": 15} == data["summary"]
    first = data["findings"][0]
    assert {"code", "severity", "location", "published", "recomputed", "message"} <= set(first)


def test_cli_audit_consistent_file_exits_0(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A self-consistent report file audits clean: exit 0."""
    path = tmp_path / "clean.toml"
    lakipcore.write_report(_report([[(10, 12)]], [[(100, 90)]], printed=True), path)
    assert 0 == main(["audit", str(path)])
    assert "0 errors" in capsys.readouterr().out


def test_cli_audit_unusable_input_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A file that cannot be used exits 2."""
    path = tmp_path / "broken.toml"
    path.write_text("schema = 1\n[report\n", encoding="utf-8")
    assert 2 == main(["audit", str(path)])
    assert "not valid TOML" in capsys.readouterr().err
