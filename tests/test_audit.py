"""The audit: findings on the Banten report, properties on generated reports, the CLI."""

from __future__ import annotations

import json
import random
import re
import tomllib
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import lakipcore
from lakipcore import (
    BudgetLine,
    BudgetOutput,
    Indicator,
    IndicatorPeriod,
    LakipTypeError,
    MeasureKind,
    Realisation,
    Report,
    ReportPeriod,
    Target,
    Unit,
    UnitPeriod,
)
from lakipcore.audit import CODES, Finding, FindingCode, Location, Severity, Subject, audit
from lakipcore.cli import main
from lakipcore.formats.toml import example_text
from lakipcore.model import KANWIL_TABLES, Origin, PrintedFigure, Quantity, ReportedAbsorption
from strategies import reports

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs" / "audit.md"
EXAMPLE = ROOT / "src" / "lakipcore" / "data" / "banten-2019.toml"
SCHEMA1 = ROOT / "tests" / "data" / "banten-2019-schema1.toml"

# What the audit must say about the shipped Banten report: (code, field) of every finding.
BANTEN_FINDINGS = {
    ("figure-mismatch", "office.periods.2019.printed.performance-yoy.summary-yoy"),
    ("figure-mismatch", "office.periods.2019.printed.performance-yoy.prose"),
    ("figure-mismatch", "units[0].periods.2019.printed.achievement.unit-yoy"),
    (
        "figure-mismatch",
        "units[5].indicators[6].periods.2019.printed.realisation.summary-indicators",
    ),
    ("figure-mismatch", "units[5].indicators[6].periods.2019.printed.capaian.summary-indicators"),
    ("figure-mismatch", "units[7].periods.2019.printed.achievement-yoy.prose"),
    ("figure-mismatch", "units[8].indicators[1].periods.2019.printed.realisation.prose"),
    ("figure-mismatch", "units[8].indicators[2].periods.2019.printed.realisation.prose"),
    ("malformed-figure", "units[8].periods.2019.printed.performance.summary-dashboard"),
    ("method-change", "periods[1]"),
    ("table-omission", "units[8].indicators[5].periods.2019"),
    ("truncated", "units[0].periods.2019.budget.outputs[0].printed.absorption.unit-budget"),
    ("truncated", "units[0].periods.2019.budget.outputs[6].printed.absorption.unit-budget"),
    ("truncated", "units[7].indicators[2].periods.2019.printed.capaian.summary-indicators"),
    ("truncated", "units[0].periods.2019.evidence[0].totals[3].printed"),
    ("truncated", "units[0].indicators[2].periods.2019.printed.realisation.unit-indicators"),
    ("truncated", "units[0].indicators[2].periods.2019.printed.realisation.summary-indicators"),
    ("truncated", "units[0].indicators[2].periods.2019.printed.realisation.unit-yoy"),
    ("truncated", "units[0].indicators[2].periods.2019.printed.realisation.prose"),
    ("truncated", "units[0].indicators[2].periods.2019.printed.capaian.unit-indicators"),
    ("truncated", "units[0].indicators[2].periods.2019.printed.capaian.unit-yoy"),
    ("truncated", "units[0].indicators[2].periods.2019.printed.capaian.prose"),
    ("rounded-input", "units[2].periods.2019.printed.performance-yoy.summary-yoy"),
    ("printed-operands", "units[7].periods.2019.printed.performance-yoy.summary-yoy"),
    ("missing-percent-sign", "units[8].periods.2018.printed.performance.summary-yoy"),
}


@pytest.fixture(scope="module")
def banten() -> list[Finding]:
    """The findings on the shipped example."""
    return audit(lakipcore.load_example(), source="banten-2019.toml")


def _without_methods(text: str) -> str:
    """The example's text with the periods' declared methods removed."""
    stripped = re.sub(r'^method = "banten-201[89]"\n', "", text, flags=re.MULTILINE)
    assert stripped.count("\n") == text.count("\n") - 2
    return stripped


def test_banten_findings(banten: list[Finding]) -> None:
    """The audit reports exactly the report's inconsistencies and notable readings."""
    assert BANTEN_FINDINGS == {(f.code, f.location.field) for f in banten}
    assert len(BANTEN_FINDINGS) == len(banten)


def test_banten_error_count(banten: list[Finding]) -> None:
    """Nine printed figures are wrong; every error is a mismatch or a malformed figure."""
    errors = [f for f in banten if f.severity is Severity.ERROR]
    assert 9 == len(errors)
    assert {"figure-mismatch", "malformed-figure"} == {f.code for f in errors}


def test_banten_subjects_and_periods(banten: list[Finding]) -> None:
    """Office findings name the office's unit code; every finding names its period's key."""
    office = [f for f in banten if (f.location.field or "").startswith("office.")]
    assert {Subject("kanwil-banten")} == {f.subject for f in office}
    assert {"2018", "2019"} == {f.period for f in banten}
    percent = next(f for f in banten if f.code == "missing-percent-sign")
    assert (Subject("pas"), "2018") == (percent.subject, percent.period)


def test_mismatch_message_states_both_values(banten: list[Finding], indonesian: None) -> None:
    """A mismatch names the published text, the recomputed value and by how much it is off."""
    field = "units[0].periods.2019.printed.achievement.unit-yoy"
    finding = next(f for f in banten if f.location.field == field)
    assert "published 114,48% but the inputs give 114,58" in finding.message_in("en")
    assert finding.message_in("en").endswith("0,10 too low")
    assert "114,48%" == finding.published
    assert Decimal("114.58") == lakipcore.round_to(finding.recomputed or Decimal(0), 2)
    assert 2 == finding.places
    assert "unit-yoy" == finding.location.place
    assert Subject("sekjen") == finding.subject
    assert "sekjen" == str(finding.subject)
    assert "2019" == finding.period
    # One line for editors and logs: file:line first, then where it is in words.
    assert str(finding).startswith(
        "banten-2019.toml:103: kesalahan figure-mismatch: dicetak 114,48%"
    )
    assert finding.describe("en").endswith(
        "0,10 too low (Table REALISASI INDIKATOR KINERJA (YoY), Sekjen - Divisi Administrasi, "
        "performance achievement 2019; line 103)"
    )


def test_item_subject_reads_unit_slash_item(banten: list[Finding]) -> None:
    """A finding on an indicator names the unit and the indicator."""
    field = "units[5].indicators[6].periods.2019.printed.capaian.summary-indicators"
    finding = next(f for f in banten if f.location.field == field)
    assert Subject("bphn", "bphn-pelatihan-obh-paralegal") == finding.subject
    assert "bphn / bphn-pelatihan-obh-paralegal" == str(finding.subject)


def test_yoy_mismatch_shows_the_printed_operands(banten: list[Finding]) -> None:
    """The transposed office YoY shows the difference of the printed figures beside it."""
    field = "office.periods.2019.printed.performance-yoy.summary-yoy"
    finding = next(f for f in banten if f.location.field == field)
    assert "the printed 116,13 − 108,66 = 7,47" in finding.message_in("en")


def test_method_change_gives_the_yoy_under_one_method(banten: list[Finding]) -> None:
    """The method-change warning states the YoY under a single method."""
    finding = next(f for f in banten if f.code == "method-change")
    assert "under banten-2018 for both periods the office performance change is 8,21 points" in (
        finding.message_in("en")
    )
    assert "banten-2019 cannot score both periods" in finding.message_in("en")
    assert ("2019", Subject("kanwil-banten")) == (finding.period, finding.subject)


def test_methods_are_inferred_when_not_declared() -> None:
    """Without declared methods, the audit infers each period's method from its office row."""
    report = lakipcore.loads_report(_without_methods(example_text()))
    assert [None, None] == [p.method for p in report.periods]
    findings = audit(report)
    inferred = {
        f.period: f.message_in("en").split("; ")[1].split(" ")[0]
        for f in findings
        if f.code == "method-inferred"
    }
    assert {
        "2019": "pooled-indicators/total-amounts",
        "2018": "mean-of-unit-means/mean-of-unit-rates",
    } == inferred
    assert 9 == sum(f.severity is Severity.ERROR for f in findings)


def test_per_period_methods_replace_the_declared_ones(banten: list[Finding]) -> None:
    """A mapping from period keys to methods scores each period with its own method: naming the
    example's methods for an undeclared report gives the example's findings, none inferred."""
    report = lakipcore.loads_report(_without_methods(example_text()))
    findings = audit(
        report, method={"2018": "banten-2018", "2019": "banten-2019"}, source="banten-2019.toml"
    )
    assert not [f for f in findings if f.code == "method-inferred"]
    assert {(f.code, f.location.field) for f in banten} == {
        (f.code, f.location.field) for f in findings
    }


def test_one_method_for_every_period_has_no_method_change() -> None:
    """Scoring both periods with banten-2018 (which can score both) leaves no method-change."""
    findings = audit(lakipcore.load_example(), method="banten-2018")
    assert [] == [f for f in findings if f.code == "method-change"]
    mapped = audit(lakipcore.load_example(), method={"2018": "banten-2018", "2019": "banten-2018"})
    assert [str(f) for f in findings] == [str(f) for f in mapped]


def test_unscorable_indicator_in_the_example_is_a_finding(banten: list[Finding]) -> None:
    """A zero target (the default error policy) makes one not-scorable finding; the audit goes
    on, and the findings on the other units are unchanged."""
    text = example_text()
    changed = text.replace(
        'target = "70"\nrealisation = "77,37"', 'target = "0"\nrealisation = "77,37"'
    )
    assert 1 == text.count('target = "70"\nrealisation = "77,37"')
    findings = audit(lakipcore.loads_report(changed), source="banten-2019.toml")
    unscorable = [f for f in findings if f.code == "not-scorable"]
    assert 1 == len(unscorable)
    (finding,) = unscorable
    assert Severity.ERROR is finding.severity
    assert (Subject("sekjen", "sekjen-nilai-rb"), "2019") == (finding.subject, finding.period)
    assert "units[0].indicators[1].periods.2019.target" == finding.location.field
    assert finding.location.line is not None
    assert "zero" in finding.message_in("en").lower()

    def elsewhere(items: list[Finding]) -> set[tuple[str, str | None, str | None]]:
        return {
            (f.code, f.location.field, f.published)
            for f in items
            if f.subject.unit not in ("sekjen", "kanwil-banten")
        }

    assert elsewhere(banten) == elsewhere(findings)


def test_zero_pagu_output_is_audited_at_its_place_in_the_file() -> None:
    """An output with pagu 0 has no absorption (undefined, so absent): the audit goes on, warns
    that its realisasi exceeds the pagu at the output's place and line, and says its printed
    rate cannot be recomputed."""
    text = example_text().replace('pagu = "145.296.000"', 'pagu = "0"', 1)
    findings = audit(lakipcore.loads_report(text, source="banten-2019.toml"))
    at_output = [
        f
        for f in findings
        if (f.location.field or "").startswith("units[0].periods.2019.budget.outputs[0]")
    ]
    codes = {f.code.value for f in at_output}
    assert {"overspent", "not-recomputable"} <= codes
    assert all(f.location.line is not None for f in at_output)
    assert any(f.code == "figure-mismatch" for f in findings)  # the rest of the audit still ran


def _walk_toml(document: dict[str, Any], path: str) -> object:
    """The value at ``path`` (keys joined by dots, ``[n]`` indexing a list) in a parsed TOML."""
    node: object = document
    for part in path.split("."):
        match = re.fullmatch(r"([^\[\]]+)((?:\[\d+\])*)", part)
        assert match is not None, (path, part)
        assert isinstance(node, dict), (path, part)
        node = node[match.group(1)]
        for index in re.findall(r"\[(\d+)\]", match.group(2)):
            assert isinstance(node, list), (path, part)
            node = node[int(index)]
    return node


def test_every_location_is_a_path_in_the_file(banten: list[Finding]) -> None:
    """Each finding's field names a path that exists in the shipped TOML, and its line is set."""
    document = tomllib.loads(EXAMPLE.read_text(encoding="utf-8"))
    for finding in banten:
        assert finding.location.field is not None, str(finding)
        assert _walk_toml(document, finding.location.field) is not None
        assert finding.location.line is not None, str(finding)
    lines = EXAMPLE.read_text(encoding="utf-8").splitlines()
    method = next(f for f in banten if f.code == "method-change")
    assert "[[periods]]" == lines[(method.location.line or 0) - 1]
    assert {"key": "2019", "method": "banten-2019"} == _walk_toml(document, "periods[1]")


def test_schema1_file_gives_the_same_findings() -> None:
    """The old schema-1 example gives the same codes and published texts, at schema-1 paths.

    Except one: schema 2 records the prose's 44,44 % growth as a derived figure, which the
    audit recomputes; schema 1 could only record it as a printed relative change it cannot."""
    new = audit(lakipcore.load_example(), source="banten-2019.toml")
    every_old = audit(lakipcore.load_report(SCHEMA1))
    growth = [f for f in every_old if f.code == "not-recomputable" and f.published == "44,44%"]
    assert ["units[3].indicators[0].years.2019.printed.relative-change.prose"] == [
        f.location.field for f in growth
    ]
    old = [f for f in every_old if f not in growth]

    def readings(items: list[Finding]) -> list[tuple[str, str | None, str | None, str | None]]:
        return sorted((f.code, f.period, f.location.place, f.published) for f in items)

    assert readings(new) == readings(old)
    method = [f.location.field for f in old if f.code == "method-change"]
    assert ["methods.2019"] == method
    others = {(f.code, f.location.field) for f in old if f.code != "method-change"}
    assert {
        (f.code, (f.location.field or "").replace(".periods.", ".years."))
        for f in new
        if f.code != "method-change"
    } == others
    assert all(".years." in (field or "") for _, field in others)
    assert all(f.location.line is not None for f in old)
    office = {f.subject for f in old if (f.location.field or "").startswith("office.")}
    assert {Subject("office")} == office
    document = tomllib.loads(SCHEMA1.read_text(encoding="utf-8"))
    for finding in old:
        assert _walk_toml(document, finding.location.field or "") is not None


def test_finding_codes_are_documented() -> None:
    """docs/audit.md documents exactly the codes the audit can emit."""
    text = DOCS.read_text(encoding="utf-8")
    documented = set(
        re.findall(r"^\| `([a-z-]+)` \| (?:error|warning|info) \|", text, flags=re.MULTILINE)
    )
    assert set(CODES) == documented


def test_codes_compare_equal_to_their_names(indonesian: None) -> None:
    """A FindingCode is its name, carries its severity, and CODES lists every one."""
    code: str = FindingCode.FIGURE_MISMATCH
    assert "figure-mismatch" == code
    assert (Severity.ERROR, FindingCode.NOT_SCORABLE.meaning_in("en")) == CODES["not-scorable"]
    assert FindingCode.NOT_SCORABLE.meaning.startswith("indikator yang tidak dapat dinilai")
    assert {c.value for c in FindingCode} == set(CODES)


def test_unknown_code_is_a_programming_error() -> None:
    """A Finding's code must be a FindingCode member: no unregistered code can be built."""
    with pytest.raises(ValueError, match="not a valid FindingCode"):
        FindingCode("nope")
    with pytest.raises(LakipTypeError, match="expected a FindingCode member"):
        Finding("nope", Subject("office"), "2019", Location(), "message")  # type: ignore[arg-type]


def test_overspending_is_a_warning() -> None:
    """Realisasi above pagu is allowed by the model and reported by the audit."""
    report = _report([[(10, 10)]], [[(100, 120)]])
    findings = audit(report)
    overspent = [f for f in findings if f.code == "overspent"]
    assert 2 == len(overspent)  # the output and its programme
    assert "realisasi 120 exceeds pagu 100 by 20" == overspent[0].message_in("en")
    assert {"u0"} == {f.subject.unit for f in overspent}
    assert {"2019"} == {f.period for f in overspent}
    assert not [f for f in findings if f.severity is Severity.ERROR]


def test_unscorable_indicator_does_not_stop_the_audit() -> None:
    """A zero target under the default error policy is a not-scorable finding at the indicator,
    and the audit still reports the other findings (here a mismatch and an overspending)."""
    report = _report([[(0, 5), (10, 10)], [(10, 8)]], [[(100, 120)], [(50, 40)]], printed=True)
    wrong = next(
        p
        for p in _printed_fields(report)
        if p.origin is not None and p.origin.path == "units[1].periods.2019.printed.achievement"
    )
    changed = _map_printed(
        report, lambda figures: tuple(_retext(p, "70,00%") if p is wrong else p for p in figures)
    )
    findings = audit(changed)
    unscorable = [f for f in findings if f.code == "not-scorable"]
    assert [(Subject("u0", "u0-i0"), "2019")] == [(f.subject, f.period) for f in unscorable]
    assert Severity.ERROR is unscorable[0].severity
    assert "units[u0].indicators[u0-i0].periods.2019.target" == unscorable[0].location.field
    mismatches = [f.location.field for f in findings if f.code == "figure-mismatch"]
    assert ["units[1].periods.2019.printed.achievement"] == mismatches
    assert 2 == sum(f.code == "overspent" for f in findings)


# --- generated, self-consistent reports -----------------------------------------------------

METHOD = lakipcore.get_method("banten-2019")
KEY = "2019"


def _p(quantity: Quantity, place: str, text: str, path: str) -> PrintedFigure:
    return PrintedFigure(quantity, place, text, Origin(path=path))


def _retext(figure: PrintedFigure, text: str) -> PrintedFigure:
    return attrs.evolve(figure, text=text)


def _pct(value: Decimal | None, places: int = 2) -> str:
    assert value is not None
    return lakipcore.format_percent(value, places)


def _report(
    indicators: list[list[tuple[int, int]]],
    outputs: list[list[tuple[int, int]]],
    *,
    printed: bool = False,
) -> Report:
    """A one-period report; with ``printed``, every figure printed as the inputs give it."""
    units = []
    for n, (caps, outs) in enumerate(zip(indicators, outputs, strict=True)):
        units.append(
            Unit(
                f"u{n}",
                f"Unit {n}",
                [
                    Indicator(
                        f"u{n}-i{k}",
                        f"indicator {k}",
                        [
                            IndicatorPeriod(
                                KEY,
                                Target(MeasureKind.COUNT, Decimal(t)),
                                Realisation(MeasureKind.COUNT, Decimal(r)),
                            )
                        ],
                    )
                    for k, (t, r) in enumerate(caps)
                ],
                [
                    UnitPeriod(
                        KEY,
                        BudgetLine(
                            "programme",
                            [
                                BudgetOutput(f"o{k}", Decimal(p), Decimal(s))
                                for k, (p, s) in enumerate(outs)
                            ],
                        ),
                    )
                ],
            )
        )
    report = Report(
        [ReportPeriod(KEY, method=METHOD.name)],
        Unit("office", "Office", units=units),
        KANWIL_TABLES,
    )
    return _with_printed(report) if printed else report


def _with_printed(report: Report) -> Report:
    """``report`` with its scores printed: indicator capaian, budgets, dashboards, office row."""
    scored = lakipcore.score_period(report, KEY, METHOD, problems=[])
    units = []
    for n, (unit, score) in enumerate(zip(report.root.units, scored.units, strict=True)):
        base = f"units[{n}]"
        indicators = []
        for k, (indicator, item) in enumerate(zip(unit.indicators, score.indicators, strict=True)):
            field = f"{base}.indicators[{k}].periods.{KEY}.printed.capaian"
            if item.capaian is None:  # not scorable: nothing printed for it
                indicators.append(indicator)
                continue
            printed = (
                _p(Quantity.CAPAIAN, "unit-indicators", _pct(item.capaian), f"{field}.u"),
                _p(Quantity.CAPAIAN, "summary-indicators", _pct(item.capaian, 0), f"{field}.s"),
            )
            (entry,) = indicator.periods
            indicators.append(
                attrs.evolve(indicator, periods=[attrs.evolve(entry, printed=printed)])
            )
        (block,) = unit.periods
        budget = block.budget
        assert isinstance(budget, BudgetLine)
        where = f"{base}.periods.{KEY}"
        outputs = [
            attrs.evolve(
                output,
                printed=(
                    _p(
                        Quantity.ABSORPTION,
                        "unit-budget",
                        _pct(o.absorption),
                        f"{where}.budget.outputs[{k}].printed.absorption",
                    ),
                ),
            )
            for k, (output, o) in enumerate(zip(budget.outputs, score.outputs, strict=True))
        ]
        assert score.pagu is not None
        assert score.realisation is not None
        budget = attrs.evolve(
            budget,
            outputs=outputs,
            printed=(
                _p(
                    Quantity.PAGU,
                    "unit-budget",
                    lakipcore.format_number(score.pagu),
                    f"{where}.budget.printed.pagu",
                ),
                _p(
                    Quantity.REALISATION,
                    "summary-budget",
                    lakipcore.format_rupiah(score.realisation),
                    f"{where}.budget.printed.realisation",
                ),
            ),
        )
        unit_row = tuple(
            _p(quantity, "unit-dashboard", _pct(value), f"{where}.printed.{quantity.value}")
            for quantity, value in (
                (Quantity.ACHIEVEMENT, score.achievement),
                (Quantity.ABSORPTION, score.absorption),
                (Quantity.PERFORMANCE, score.performance),
            )
        )
        units.append(
            attrs.evolve(
                unit,
                indicators=indicators,
                periods=[attrs.evolve(block, budget=budget, printed=unit_row)],
            )
        )
    office_row = tuple(
        _p(quantity, "summary-dashboard", _pct(value), f"office.periods.{KEY}.printed.{name}")
        for quantity, value, name in (
            (Quantity.ACHIEVEMENT, scored.achievement, "achievement"),
            (Quantity.ABSORPTION, scored.absorption, "absorption"),
            (Quantity.PERFORMANCE, scored.performance, "performance"),
        )
    )
    root = attrs.evolve(report.root, periods=[UnitPeriod(KEY, printed=office_row)], units=units)
    return attrs.evolve(report, root=root)


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
    """Every printed figure of ``report``, the office's first."""
    figures: list[PrintedFigure] = []
    for unit in report.units():
        for block in unit.periods:
            figures += block.printed
            if block.budget is not None:
                figures += block.budget.printed
            if isinstance(block.budget, BudgetLine):
                for output in block.budget.outputs:
                    figures += output.printed
        for indicator in unit.indicators:
            for entry in indicator.periods:
                figures += entry.printed
    return figures


def _outputs(report: Report) -> list[BudgetOutput]:
    """Every budget output of ``report``, in every period."""
    return [
        output
        for unit in report.units()
        for block in unit.periods
        if isinstance(block.budget, BudgetLine)
        for output in block.budget.outputs
    ]


Fix = Callable[[tuple[PrintedFigure, ...]], tuple[PrintedFigure, ...]]


def _map_block(block: UnitPeriod, fix: Fix) -> UnitPeriod:
    budget = block.budget
    if isinstance(budget, BudgetLine):
        budget = attrs.evolve(
            budget,
            printed=fix(budget.printed),
            outputs=[attrs.evolve(o, printed=fix(o.printed)) for o in budget.outputs],
        )
    elif isinstance(budget, ReportedAbsorption):
        budget = attrs.evolve(budget, printed=fix(budget.printed))
    return attrs.evolve(block, budget=budget, printed=fix(block.printed))


def _map_unit(unit: Unit, fix: Fix) -> Unit:
    return attrs.evolve(
        unit,
        indicators=[
            attrs.evolve(i, periods=[attrs.evolve(e, printed=fix(e.printed)) for e in i.periods])
            for i in unit.indicators
        ],
        periods=[_map_block(b, fix) for b in unit.periods],
        units=[_map_unit(u, fix) for u in unit.units],
    )


def _map_printed(report: Report, fix: Fix) -> Report:
    """``report`` with ``fix`` applied to every tuple of printed figures in its tree."""
    return attrs.evolve(report, root=_map_unit(report.root, fix))


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
    target = _printed_fields(report)[index]
    value = target.figure()
    places = value.places
    step = Decimal((0, (1,), -places))
    shifted = lakipcore.format_number(value.value + 37 * step)
    new_text = target.text.replace(lakipcore.format_number(value.value), shifted, 1)
    assert new_text != target.text
    assert target.origin is not None

    def fix(figures: tuple[PrintedFigure, ...]) -> tuple[PrintedFigure, ...]:
        return tuple(_retext(p, new_text) if p.origin == target.origin else p for p in figures)

    return _map_printed(report, fix), str(target.origin.path)


@given(data=generated, choice=st.integers(min_value=0))
def test_one_changed_figure_gives_exactly_one_error(
    data: tuple[list[list[tuple[int, int]]], list[list[tuple[int, int]]]], choice: int
) -> None:
    """Moving one printed figure beyond its rounding interval yields one error, located there,
    unless the moved office figure is what another aggregation gives (an ``other-method``
    warning there instead; Hypothesis found such a report, where the mean of unit means lands
    on the moved figure)."""
    report = _report(*data, printed=True)
    index = choice % len(_printed_fields(report))
    changed, field = _shift_one(report, index)
    findings = audit(changed)
    errors = [f for f in findings if f.severity is Severity.ERROR]
    other = [f.location.field for f in findings if f.code is FindingCode.OTHER_METHOD]
    assert [field] == [f.location.field for f in errors] or ([] == errors and [field] == other)


@given(data=generated, seed=st.integers(0, 2**16))
def test_findings_do_not_depend_on_order(
    data: tuple[list[list[tuple[int, int]]], list[list[tuple[int, int]]]], seed: int
) -> None:
    """Shuffling units, indicators and outputs leaves the findings unchanged."""
    report = _report(*data, printed=True)
    changed, _ = _shift_one(report, seed % len(_printed_fields(report)))
    rng = random.Random(seed)
    units = []
    for unit in changed.root.units:
        (block,) = unit.periods
        assert isinstance(block.budget, BudgetLine)
        outputs = list(block.budget.outputs)
        indicators = list(unit.indicators)
        rng.shuffle(outputs)
        rng.shuffle(indicators)
        budget = attrs.evolve(block.budget, outputs=outputs)
        units.append(
            attrs.evolve(unit, indicators=indicators, periods=[attrs.evolve(block, budget=budget)])
        )
    rng.shuffle(units)
    shuffled = attrs.evolve(changed, root=attrs.evolve(changed.root, units=units))

    def key(findings: list[Finding]) -> set[tuple[object, ...]]:
        return {(f.code, f.subject, f.period, f.location.field, f.published) for f in findings}

    assert key(audit(changed)) == key(audit(shuffled))


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(report=reports(max_periods=2, max_units=2))
def test_audit_of_any_valid_report_returns_findings(report: Report) -> None:
    """Under a method that averages unit rates, any valid report without a zero pagu (an error,
    docs/methodology.md) audits without raising; every finding has a registered code, a unit of
    the report and one of its periods."""
    assume(not any(o.pagu == 0 for o in _outputs(report)))
    findings = audit(report, method="banten-2018")
    codes = {u.code for u in report.units()}
    keys = {p.key for p in report.periods}
    for finding in findings:
        assert finding.code.value in CODES
        assert finding.subject.unit in codes, str(finding)
        assert finding.period is None or finding.period in keys, str(finding)


# --- command line --------------------------------------------------------------------------


def test_cli_audit_example_exits_1(capsys: pytest.CaptureFixture[str], indonesian: None) -> None:
    """Auditing the example finds errors: exit 1, findings grouped by unit."""
    assert 1 == main(["audit"])
    out = capsys.readouterr().out
    assert out.splitlines()[0].startswith("kanwil-banten (")
    assert "\nsekjen (Sekjen - Divisi Administrasi)\n" in out
    assert out.rstrip().endswith("9 kesalahan, 2 peringatan, 14 catatan")


def test_cli_audit_json(capsys: pytest.CaptureFixture[str], indonesian: None) -> None:
    """JSON output has the schema, a summary and every finding with its location."""
    assert 1 == main(["audit", "--format", "json"])
    data = json.loads(capsys.readouterr().out)
    assert "lakipcore.audit/2" == data["schema"]
    assert {"error": 9, "warning": 2, "info": 14} == data["summary"]
    assert 25 == len(data["findings"])
    first = data["findings"][0]
    assert {"code", "severity", "subject", "period", "location", "published", "recomputed"} | {
        "message"
    } <= set(first)
    assert {"source", "field", "line", "place", "words"} == set(first["location"])
    assert "id" == data["lang"]
    assert first["location"]["words"].endswith("; baris 1506")
    assert {"unit", "item"} == set(first["subject"])
    mismatch = next(f for f in data["findings"] if f["code"] == "figure-mismatch")
    assert {"unit": "kanwil-banten", "item": None} == mismatch["subject"]
    assert "2019" == mismatch["period"]
    assert 91 == mismatch["location"]["line"]


def test_cli_audit_consistent_file_exits_0(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], indonesian: None
) -> None:
    """A self-consistent report file audits clean: exit 0."""
    path = tmp_path / "clean.toml"
    lakipcore.write_report(_report([[(10, 12)]], [[(100, 90)]], printed=True), path)
    assert 0 == main(["audit", str(path)])
    assert "0 kesalahan" in capsys.readouterr().out


def test_cli_audit_unusable_input_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A file that cannot be used exits 2."""
    path = tmp_path / "broken.toml"
    path.write_text("schema = 2\n[report\n", encoding="utf-8")
    assert 2 == main(["audit", str(path)])
    assert "not valid TOML" in capsys.readouterr().err


def test_tables_of_one_indicator_each_raise_no_omission() -> None:
    """A pemda report prints one table per IKU; declared as one id of scope one-indicator, the
    indicators it does not hold are not omissions (issue 19, item 9). The same tables declared
    each-unit would be."""
    lines = [
        'schema = 2\n[report]\ntitle = "x"\nmain = "2023"\n',
        '[[tables]]\nid = "tabel-iku"\nkind = "indicators"\nscope = "SCOPE"\n',
        '[[tables]]\nid = "uraian"\nkind = "prose"\n',
        '[[periods]]\nkey = "2023"\nmethod = "banten-2019"\n',
        '[office]\ncode = "k"\nname = "K"\n',
    ]
    for code in ("a", "b", "c"):
        # Every capaian is printed in the prose; only c's table of its own is encoded.
        places = 'tabel-iku = "90%", uraian = "90%"' if code == "c" else 'uraian = "90%"'
        lines.append(
            f'[[office.indicators]]\ncode = "{code}"\nname = "IKU {code}"\n'
            '[office.indicators.periods.2023]\ntarget = "10"\nrealisation = "9"\n'
            f"printed.capaian = {{ {places} }}\n"
        )
    text = "".join(lines)
    one = lakipcore.loads_report(text.replace("SCOPE", "one-indicator"))
    assert [] == [f for f in audit(one) if f.code is FindingCode.TABLE_OMISSION]
    each = lakipcore.loads_report(text.replace("SCOPE", "each-unit"))
    omitted = [f.subject.item for f in audit(each) if f.code is FindingCode.TABLE_OMISSION]
    assert ["a", "b"] == omitted
    assert "one-indicator" in lakipcore.dump_report(one)
