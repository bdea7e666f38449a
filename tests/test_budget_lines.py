"""Budget lines: plan-only programmes, pagu awal, revisions and RPD per output (an amount or a
percent of the pagu), and subtotals per type of spending (docs/format.md, "Budget fields")."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import lakipcore
from extras import require
from lakipcore.audit import Finding, audit
from lakipcore.errors import InvalidValueError, LakipError, ReportFileError
from lakipcore.model import (
    BudgetLine,
    BudgetOutput,
    PlannedBudget,
    PlannedOutput,
    Revision,
    RevisionKind,
    SpendingType,
    Subtotal,
)
from lakipcore.model.budget import planned_amount

D = Decimal

HEAD = """\
schema = 2

[report]
title = "Uji anggaran"
main = "2022"

[[periods]]
key = "2022"
method = "pooled-sum"

[[tables]]
id = "anggaran"
kind = "budget"

[office]
code = "kanwil"
name = "Kantor Uji"

[office.periods.2022.budget]
programme = "Dukungan Manajemen"
"""

# Two outputs with their own pagu awal and revisions, RPD as an amount and as a percent, and
# spending types; figures made up to be checked by hand:
#   a  1.000.000 - 100.000 = 900.000 pagu, realisasi 450.000, RPD 45 % = 405.000
#   b    500.000 +  50.000 = 550.000 pagu, realisasi 330.000, RPD 300.000
#   programme 1.450.000 pagu (pagu awal 1.500.000), realisasi 780.000
LINES = (
    HEAD
    + """\
printed.pagu = { anggaran = "1.450.000" }
printed.pagu-awal = { anggaran = "1.500.000" }

[[office.periods.2022.budget.outputs]]
code = "a"
name = "Layanan perkantoran"
type = "barang"
pagu = "900.000"
realisation = "450.000"
original = "1.000.000"
revisions = [{ kind = "penghematan", amount = "100.000" }]
plan = "45%"
printed.pagu-awal = { anggaran = "1.000.000" }
printed.rpd = { anggaran = "405.000" }
printed.absorption-rpd = { anggaran = "111,11%" }

[[office.periods.2022.budget.outputs]]
code = "b"
name = "Gaji dan tunjangan"
type = "pegawai"
pagu = "550.000"
realisation = "330.000"
original = "500.000"
revisions = [{ kind = "tambahan", amount = "50.000" }]
plan = "300.000"
printed.pagu-awal = { anggaran = "500.000" }
printed.rpd = { anggaran = "300.000" }

[[office.periods.2022.budget.subtotals]]
type = "pegawai"
printed.pagu = { anggaran = "550.000" }
printed.realisation = { anggaran = "330.000" }
printed.absorption = { anggaran = "60,00%" }

[[office.periods.2022.budget.subtotals]]
type = "barang"
printed.pagu = { anggaran = "900.000" }
printed.absorption = { anggaran = "50,00%" }
"""
)

PLANNED = (
    HEAD
    + """\
plan = "25%"
printed.pagu = { anggaran = "2.000.000" }
printed.rpd = { anggaran = "500.000" }

[[office.periods.2022.budget.outputs]]
name = "Pembangunan gedung"
type = "modal"
pagu = "2.000.000"
"""
)


def _load(text: str) -> lakipcore.Report:
    return lakipcore.loads_report(text, source="uji.toml")


def _budget(text: str) -> BudgetLine | PlannedBudget:
    budget = _load(text).root.budget("2022")
    assert isinstance(budget, BudgetLine | PlannedBudget)
    return budget


def _mismatches(findings: list[Finding]) -> dict[str, str | None]:
    """The figure mismatches, by the field of the file they are at, with their printed text."""
    return {
        f.location.field or "": f.published
        for f in findings
        if f.code == "figure-mismatch" and f.location is not None
    }


# --- the file form ---------------------------------------------------------------------------

ACCEPTED = [
    ("output-type", 'type = "modal"', "type", SpendingType.MODAL),
    ("output-original", 'original = "100.000"', "original", D(100000)),
    ("percent-plan", 'plan = "40%"', "plan", D(40000)),
    ("percent-plan-decimal", 'plan = "12,5%"', "plan", D(12500)),
    ("amount-plan", 'plan = "Rp 40.000"', "plan", D(40000)),
    (
        "revisions",
        'original = "90.000"\nrevisions = [{ kind = "tambahan", amount = "10.000" }]',
        "original",
        D(90000),
    ),
]


@pytest.mark.parametrize(
    ("added", "attribute", "value"),
    [case[1:] for case in ACCEPTED],
    ids=[case[0] for case in ACCEPTED],
)
def test_an_outputs_budget_keys_are_read(added: str, attribute: str, value: object) -> None:
    text = HEAD + '[[office.periods.2022.budget.outputs]]\nname = "x"\npagu = "100.000"\n'
    text += f'realisation = "50.000"\n{added}\n'
    (output,) = _budget(text).outputs
    assert getattr(output, attribute) == value


REFUSED = [
    (
        "unknown-type",
        'type = "belanja"',
        "outputs[0].type",
        "unknown spending type 'belanja'",
    ),
    (
        "revisions-without-original",
        'revisions = [{ kind = "tambahan", amount = "10.000" }]',
        "outputs[0].original",
        "revisions need the pagu awal",
    ),
    (
        "revisions-not-adding-up",
        'original = "80.000"\nrevisions = [{ kind = "tambahan", amount = "10.000" }]',
        "outputs[0].revisions",
        "gives 90000, but the output's pagu is 100000",
    ),
    (
        "revision-below-zero",
        'original = "5.000"\nrevisions = [{ kind = "blokir", amount = "10.000" }]',
        "outputs[0].revisions[0].amount",
        "makes the pagu negative",
    ),
    ("plan-above-the-pagu", 'plan = "120%"', "outputs[0].plan", "more than the whole pagu"),
    ("plan-negative", 'plan = "-5.000"', "outputs[0].plan", "plan must not be negative"),
    ("plan-not-an-amount", 'plan = "5 Laporan"', "outputs[0].plan", "an amount in Rupiah"),
    (
        "plan-absorption-on-planned",
        'printed.absorption = { anggaran = "0%" }',
        "outputs[0].printed.absorption",
        "'absorption' is not printed here",
    ),
]


@pytest.mark.parametrize(
    ("added", "field", "message"),
    [case[1:] for case in REFUSED],
    ids=[case[0] for case in REFUSED],
)
def test_an_outputs_budget_keys_are_refused_by_name(added: str, field: str, message: str) -> None:
    realised = "" if "on-planned" in field or "absorption" in added else 'realisation = "1"\n'
    text = HEAD + '[[office.periods.2022.budget.outputs]]\nname = "x"\npagu = "100.000"\n'
    text += f"{realised}{added}\n"
    with pytest.raises(LakipError) as refused:  # the reader's or the model's, placed
        _load(text)
    assert refused.value.field == f"office.periods.2022.budget.{field}"
    assert message in str(refused.value)


def test_a_programme_realised_in_some_outputs_only_is_refused_at_the_output() -> None:
    text = HEAD + (
        '[[office.periods.2022.budget.outputs]]\nname = "a"\npagu = "10"\nrealisation = "5"\n'
        '[[office.periods.2022.budget.outputs]]\nname = "b"\npagu = "10"\n'
    )
    with pytest.raises(ReportFileError) as refused:
        _load(text)
    assert refused.value.field == "office.periods.2022.budget.outputs[1]"
    assert "realisation is missing" in str(refused.value)


@pytest.mark.parametrize(
    ("subtotals", "field", "message"),
    [
        ('[{ type = "pegawai" }]', "outputs[0].type", "needs a type"),
        ('[{ type = "modal" }, { type = "modal" }]', "subtotals[1].type", "duplicate subtotal"),
        ('[{ type = "gaji" }]', "subtotals[0].type", "unknown spending type 'gaji'"),
        ('[{ type = "modal", total = "1" }]', "subtotals[0].total", "unknown field 'total'"),
    ],
    ids=["untyped-output", "duplicate", "unknown-type", "unknown-key"],
)
def test_subtotals_are_refused_by_name(subtotals: str, field: str, message: str) -> None:
    typed = "" if field == "outputs[0].type" else 'type = "modal"\n'
    text = HEAD + f"subtotals = {subtotals}\n"
    text += f'[[office.periods.2022.budget.outputs]]\nname = "x"\npagu = "1"\n{typed}'
    with pytest.raises(LakipError) as refused:  # the reader's or the model's, placed
        _load(text)
    assert refused.value.field == f"office.periods.2022.budget.{field}"
    assert message in str(refused.value)


# --- a programme planned only --------------------------------------------------------------


def test_a_planned_programme_loads_without_realisation() -> None:
    budget = _budget(PLANNED)
    assert isinstance(budget, PlannedBudget)
    assert budget.pagu == D(2000000)
    assert budget.plan == D(500000)  # 25 % of the pagu, exactly
    assert budget.rate is None
    (output,) = budget.outputs
    assert isinstance(output, PlannedOutput)
    assert not hasattr(output, "realisation")


def test_a_planned_programme_has_no_absorption_never_zero() -> None:
    scored = lakipcore.score_report(_load(PLANNED))
    office = scored.period("2022").root
    assert office.absorption is None
    assert office.performance is None
    # The unit's score says why: the programme has no realisation yet.
    assert any(gap.startswith("absorption: no realisation yet of ") for gap in office.gaps)


def test_a_planned_programme_is_a_note_in_a_past_period_and_nothing_when_planned() -> None:
    findings = audit(_load(PLANNED), source="uji.toml")
    (note,) = [f for f in findings if f.code == "not-reported"]
    assert note.location.field == "office.periods.2022.budget"
    assert "no realisation yet" in note.message
    assert "2.000.000" in note.message
    assert not _mismatches(findings)  # the printed pagu and RPD are right
    planned = PLANNED.replace('method = "pooled-sum"', 'method = "pooled-sum"\nplanned = true')
    assert not [f for f in audit(_load(planned)) if f.code == "not-reported"]


def test_a_wrong_printed_figure_of_a_planned_programme_is_found() -> None:
    text = PLANNED.replace(
        'printed.rpd = { anggaran = "500.000" }', 'printed.rpd = { anggaran = "5.000" }'
    )
    findings = audit(_load(text), source="uji.toml")
    assert _mismatches(findings) == {"office.periods.2022.budget.printed.rpd.anggaran": "5.000"}


def test_a_planned_programme_refuses_a_printed_realisation() -> None:
    text = PLANNED.replace(
        "printed.pagu =", 'printed.realisation = { anggaran = "0" }\nprinted.pagu ='
    )
    with pytest.raises(ReportFileError, match="'realisation' is not printed here"):
        _load(text)


# --- per output: pagu awal, revisions, RPD; subtotals -----------------------------------------


def test_outputs_state_their_own_pagu_awal_revisions_and_rpd() -> None:
    budget = _budget(LINES)
    assert isinstance(budget, BudgetLine)
    a, b = budget.outputs
    assert (a.original, a.plan, a.plan_percent) == (D(1000000), D(405000), D(45))
    assert (b.original, b.plan, b.plan_percent) == (D(500000), D(300000), None)
    assert a.type is SpendingType.BARANG
    assert b.type is SpendingType.PEGAWAI
    assert budget.original is None
    assert budget.plan is None


def test_printed_output_and_subtotal_figures_are_audited_at_their_place() -> None:
    findings = audit(_load(LINES), source="uji.toml")
    # Output a: 450.000 against its RPD 405.000 is 111,11 %: printed right. Everything else
    # is right but the barang subtotal's rate: 450.000 / 900.000 is 50 %, printed right too.
    assert _mismatches(findings) == {}
    wrong = LINES.replace(
        'printed.rpd = { anggaran = "405.000" }', 'printed.rpd = { anggaran = "450.000" }'
    )
    wrong = wrong.replace('"60,00%"', '"66,00%"')
    mismatches = _mismatches(audit(_load(wrong), source="uji.toml"))
    assert mismatches == {
        "office.periods.2022.budget.outputs[0].printed.rpd.anggaran": "450.000",
        "office.periods.2022.budget.subtotals[0].printed.absorption.anggaran": "66,00%",
    }


def test_a_subtotal_that_does_not_add_up_is_a_finding_not_a_refusal() -> None:
    text = LINES.replace(
        'printed.pagu = { anggaran = "550.000" }', 'printed.pagu = { anggaran = "650.000" }'
    )
    findings = audit(_load(text), source="uji.toml")
    (finding,) = [f for f in findings if f.code == "figure-mismatch"]
    assert finding.location.field == "office.periods.2022.budget.subtotals[0].printed.pagu.anggaran"
    assert finding.subject.item == "subtotal pegawai"
    assert finding.recomputed == D(550000)
    assert finding.location.line is not None


def test_the_programme_pagu_awal_is_the_sum_of_its_outputs_when_it_states_none() -> None:
    text = LINES.replace(
        'printed.pagu-awal = { anggaran = "1.500.000" }',
        'printed.pagu-awal = { anggaran = "1.400.000" }',
    )
    mismatches = _mismatches(audit(_load(text), source="uji.toml"))
    assert mismatches == {"office.periods.2022.budget.printed.pagu-awal.anggaran": "1.400.000"}


def test_the_new_keys_round_trip_through_the_writer() -> None:
    for text in (LINES, PLANNED):
        report = _load(text)
        again = lakipcore.loads_report(lakipcore.dump_report(report))
        assert again == report
    assert 'plan = "45%"' in lakipcore.dump_report(_load(LINES))  # as the file gave it


def test_the_new_keys_round_trip_through_the_workbook(tmp_path: Path) -> None:
    require("openpyxl")
    from lakipcore.excel import read_workbook, write_workbook

    for name, text in (("lines", LINES), ("planned", PLANNED)):
        report = _load(text)
        path = tmp_path / f"{name}.xlsx"
        write_workbook(lakipcore.assess(report), path)
        assert read_workbook(path) == report


# --- the model and its arithmetic ----------------------------------------------------------

amounts = st.integers(min_value=0, max_value=10**15).map(Decimal)
changes = st.lists(
    st.tuples(st.sampled_from(list(RevisionKind)), st.integers(min_value=0, max_value=10**12)),
    max_size=4,
)


@given(st.lists(st.tuples(amounts, changes), min_size=1, max_size=5))
def test_a_programmes_pagu_is_its_outputs_pagu_awal_with_their_revisions(
    lines: list[tuple[Decimal, list[tuple[RevisionKind, int]]]],
) -> None:
    outputs = []
    for index, (original, revisions) in enumerate(lines):
        pagu = original
        kept = []
        for kind, amount in revisions:
            change = Decimal(amount)
            if not kind.adds and change > pagu:
                continue  # the model refuses a pagu going below zero (tested above)
            pagu = pagu + change if kind.adds else pagu - change
            kept.append(Revision(kind, change))
        outputs.append(
            BudgetOutput(f"o{index}", pagu, D(0), original=original, revisions=tuple(kept))
        )
    line = BudgetLine("p", outputs)
    expected = sum(
        (
            o.original + sum((r.amount if r.kind.adds else -r.amount for r in o.revisions), D(0))
            for o in line.outputs
            if o.original is not None
        ),
        D(0),
    )
    assert line.pagu == expected


@given(
    amounts,
    st.decimals(min_value=0, max_value=100, places=2, allow_nan=False, allow_infinity=False),
)
def test_a_percent_rpd_times_the_pagu_is_the_amount_rpd_exactly(
    pagu: Decimal, percent: Decimal
) -> None:
    output = BudgetOutput("o", pagu, D(0), plan_percent=percent)
    assert output.plan == pagu * percent / 100  # exact: both sides keep every digit
    assert output.plan * 100 == pagu * percent
    assert output.plan == planned_amount(pagu, percent)
    # The amount stated beside the percent must be it (attrs.evolve passes both).
    with pytest.raises(InvalidValueError, match="is not"):
        BudgetOutput("o", pagu, D(0), plan=output.plan + 1, plan_percent=percent)


def test_a_subtotal_needs_a_spending_type_member() -> None:
    with pytest.raises(TypeError):
        Subtotal("pegawai")  # type: ignore[arg-type]
    assert Subtotal(SpendingType.from_name("bansos")).type is SpendingType.BANSOS
