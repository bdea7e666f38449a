"""Ratio and change rules: a realisation derived as ``of / to × 100`` or as the relative change
between two periods' evidence (issue 19, items 3 and 9), in the file, in scoring and in the
audit's supports.

Every report here is a small TOML text built in this file.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lakipcore import LakipError, ReportFileError, dump_report, loads_report, score_report
from lakipcore._exact import HUNDRED, div, mul, neg, sub
from lakipcore.audit import audit
from lakipcore.errors import InvalidValueError, ZeroDenominatorError
from lakipcore.model import (
    Column,
    ColumnKind,
    Comparison,
    Condition,
    Direction,
    EvidenceTable,
    Report,
    Rule,
    RuleOp,
)
from lakipcore.model.evidence import check_rule
from lakipcore.scoring.evidence import rule_value

SOURCE = "perubahan.toml"
INDICATORS = "units[0].indicators"

CHANGE = (
    'derive = { change = { from = { sum = ["jumlah"], table = "temuan", period = "2019" }, '
    'to = { sum = ["jumlah"], table = "temuan" } }, direction = "fall" }'
)
SUPPORT = (
    'supports = [{ ratio = { of = { sum = ["selesai"], table = "perkara" }, '
    'to = { sum = ["masuk"], table = "perkara" } } }]'
)
# Findings fell from 12 + 8 = 20 in 2019 to 9 + 6 = 15 in 2020: a fall of 25 %. Of 60 cases
# 55 were settled in 2020: 91,666… %.
DOC = """\
schema = 2

[report]
main = "2020"

[[periods]]
key = "2019"
method = "banten-2019"

[[periods]]
key = "2020"
method = "banten-2019"

[[tables]]
id = "unit-indicators"
kind = "indicators"
title = "REALISASI INDIKATOR KINERJA"

[[tables]]
id = "evidence"
kind = "evidence"
title = "Data dukung"

[office]
code = "kanwil"
name = "Kanwil Banten"

[[units]]
code = "pengawasan"
name = "Inspektorat"

[[units.periods.2019.evidence]]
id = "temuan"
title = "Temuan pemeriksaan 2019"
columns = [{ name = "bidang" }, { name = "jumlah", kind = "number" }]
rows = [["Keuangan", "12"], ["Kinerja", "8"]]

[[units.periods.2020.evidence]]
id = "temuan"
title = "Temuan pemeriksaan 2020"
columns = [{ name = "bidang" }, { name = "jumlah", kind = "number" }]
rows = [["Keuangan", "9"], ["Kinerja", "6"]]

[[units.periods.2020.evidence]]
id = "perkara"
title = "Perkara masuk dan diselesaikan"
columns = [
  { name = "jenis" },
  { name = "masuk", kind = "number" },
  { name = "selesai", kind = "number" },
]
rows = [["Perdata", "40", "38"], ["Pidana", "20", "17"]]
totals = [
  @TOTAL@,
]

[[units.indicators]]
code = "penurunan"
name = "Persentase penurunan temuan"

[units.indicators.periods.2020]
target = "20%"
@CHANGE@
printed.realisation = { unit-indicators = "25%" }

[[units.indicators]]
code = "perkara"
name = "Persentase perkara diselesaikan"

[units.indicators.periods.2020]
target = "90%"
realisation = "91,67%"
@SUPPORT@
"""
TOTAL = (
    '{ rule = { ratio = { of = { sum = ["selesai"] }, to = { sum = ["masuk"] } } }, '
    'printed = "91,67%" }'
)
DOC = DOC.replace("@CHANGE@", CHANGE).replace("@SUPPORT@", SUPPORT).replace("@TOTAL@", TOTAL)

DERIVE = f"{INDICATORS}[0].periods.2020.derive"


def doc(*edits: tuple[str, str]) -> str:
    """DOC with each (old, new) edit applied; ``old`` must occur exactly once."""
    text = DOC
    for old, new in edits:
        assert 1 == text.count(old), f"edit target {old!r} is not unique"
        text = text.replace(old, new)
    return text


def load(*edits: tuple[str, str]) -> Report:
    """The report of DOC with ``edits``."""
    return loads_report(doc(*edits), source=SOURCE)


def derive(text: str) -> tuple[str, str]:
    """The edit replacing the change rule of ``penurunan`` with ``derive = text``."""
    return CHANGE, f"derive = {text}"


SUM_2019 = Rule(RuleOp.SUM, "temuan", ("jumlah",), period="2019")
SUM_2020 = Rule(RuleOp.SUM, "temuan", ("jumlah",))
SELESAI = Rule(RuleOp.SUM, "perkara", ("selesai",))
MASUK = Rule(RuleOp.SUM, "perkara", ("masuk",))

# --- the file forms -----------------------------------------------------------------------------

ACCEPTED = (
    ("fall", CHANGE.removeprefix("derive = "), Rule.change(SUM_2019, SUM_2020, Direction.FALL)),
    (
        "rise",
        '{ change = { from = { sum = ["jumlah"], table = "temuan", period = "2019" }, '
        'to = { sum = ["jumlah"], table = "temuan" } }, direction = "rise" }',
        Rule.change(SUM_2019, SUM_2020, Direction.RISE),
    ),
    (
        "ratio",
        '{ ratio = { of = { sum = ["selesai"], table = "perkara" }, '
        'to = { sum = ["masuk"], table = "perkara" } } }',
        Rule.ratio(SELESAI, MASUK),
    ),
    (
        "ratio-of-rows-where",
        '{ ratio = { of = { rows = true, table = "temuan", where = [{ column = "bidang", '
        'op = "=", value = "Kinerja" }] }, to = { rows = true, table = "temuan" } } }',
        Rule.ratio(
            Rule(
                RuleOp.ROWS,
                "temuan",
                where=[Condition("bidang", Comparison.EQ, "Kinerja")],
            ),
            Rule(RuleOp.ROWS, "temuan"),
        ),
    ),
)


@pytest.mark.parametrize(("text", "rule"), [c[1:] for c in ACCEPTED], ids=[c[0] for c in ACCEPTED])
def test_accepted_rule_forms(text: str, rule: Rule) -> None:
    """Each form reads into the rule it spells out and is written back the same."""
    report = load(derive(text))
    entry = report.unit("pengawasan").indicator("penurunan").at("2020")
    assert entry is not None
    assert rule == entry.derivation
    assert report == loads_report(dump_report(report))


REFUSED = (
    (
        "change-without-direction",
        CHANGE.removeprefix("derive = ").replace(', direction = "fall"', ""),
        f"{DERIVE}.direction",
        r'a change rule needs direction = "rise"',
    ),
    (
        "unknown-direction",
        CHANGE.removeprefix("derive = ").replace('"fall"', '"down"'),
        f"{DERIVE}.direction",
        r"unknown direction 'down'",
    ),
    (
        "unknown-period",
        CHANGE.removeprefix("derive = ").replace('"2019"', '"2018"'),
        f"{DERIVE}.change.from.table",
        r"no evidence table 'temuan' in this unit in 2018",
    ),
    (
        "table-of-a-change",
        CHANGE.removeprefix("derive = ").replace("{ change", '{ table = "temuan", change'),
        f"{DERIVE}.table",
        r"a change rule has no table of its own; give it to its operands",
    ),
    (
        "of-in-a-change",
        CHANGE.removeprefix("derive = ").replace("from = {", "of = {"),
        f"{DERIVE}.change.of",
        r"unknown field 'of'",
    ),
    (
        "period-outside-an-operand",
        '{ sum = ["jumlah"], table = "temuan", period = "2019" }',
        f"{DERIVE}.period",
        r"it belongs in an operand of a ratio or change rule",
    ),
    (
        "direction-of-a-sum",
        '{ sum = ["jumlah"], table = "temuan", direction = "fall" }',
        f"{DERIVE}.direction",
        r"only a change rule has a direction",
    ),
    (
        "direction-of-a-ratio",
        '{ ratio = { of = { rows = true, table = "temuan" }, to = { rows = true, '
        'table = "temuan" } }, direction = "rise" }',
        f"{DERIVE}.direction",
        r"only a change rule has a direction",
    ),
    (
        "nested-ratio",
        '{ ratio = { of = { ratio = { of = { rows = true, table = "temuan" }, to = { rows = true, '
        'table = "temuan" } } }, to = { rows = true, table = "temuan" } } }',
        f"{DERIVE}.ratio.of.ratio",
        r"the operands of a ratio or change are rows, sum or mean rules",
    ),
    (
        "ratio-without-to",
        '{ ratio = { of = { rows = true, table = "temuan" } } }',
        f"{DERIVE}.ratio.to",
        r"missing field: the to rule of the ratio",
    ),
    (
        "ratio-not-a-table",
        '{ ratio = "selesai / masuk" }',
        f"{DERIVE}.ratio",
        r"expected \{ of = \{ rule \}, to = \{ rule \} \}",
    ),
    (
        "operand-without-table",
        '{ ratio = { of = { rows = true }, to = { rows = true, table = "temuan" } } }',
        f"{DERIVE}.ratio.of.table",
        r"missing field: the evidence table's id",
    ),
    (
        "operand-unknown-column",
        '{ ratio = { of = { sum = ["selesai"], table = "temuan" }, '
        'to = { rows = true, table = "temuan" } } }',
        f"{DERIVE}.ratio.of.columns",
        r"table 'temuan' has no column 'selesai'",
    ),
)


@pytest.mark.parametrize(
    ("text", "field", "message"), [c[1:] for c in REFUSED], ids=[c[0] for c in REFUSED]
)
def test_refused_rule_forms(text: str, field: str, message: str) -> None:
    """A malformed ratio or change is refused at the key that is wrong, saying why."""
    with pytest.raises(LakipError, match=message) as info:
        load(derive(text))
    error = info.value
    errors = error.errors if isinstance(error, ReportFileError) else [error]
    assert field in [e.field for e in errors]


def test_a_totals_rule_cannot_read_another_period() -> None:
    """A table's own total has no other period to read: an operand naming one is refused."""
    old = '{ sum = ["selesai"] }, to = { sum = ["masuk"] }'
    new = '{ sum = ["selesai"], period = "2019" }, to = { sum = ["masuk"] }'
    with pytest.raises(LakipError, match="belongs to an indicator's derive or supports"):
        load((old, new))


# --- the model ----------------------------------------------------------------------------------

MODEL_REFUSED = (
    ("no-operands", lambda: Rule(RuleOp.RATIO, ""), "operands", "combines exactly two rules"),
    (
        "three-operands",
        lambda: Rule(RuleOp.RATIO, "", operands=(MASUK, MASUK, MASUK)),
        "operands",
        "combines exactly two rules",
    ),
    (
        "nested",
        lambda: Rule.ratio(Rule.ratio(MASUK, MASUK), MASUK),
        "operands[0]",
        "not ratio rules",
    ),
    (
        "change-without-direction",
        lambda: Rule(RuleOp.CHANGE, "", operands=(MASUK, MASUK)),
        "direction",
        "needs its direction",
    ),
    (
        "ratio-with-direction",
        lambda: Rule(RuleOp.RATIO, "", operands=(MASUK, MASUK), direction=Direction.RISE),
        "direction",
        "only a change has one",
    ),
    (
        "ratio-with-a-table",
        lambda: Rule(RuleOp.RATIO, "perkara", operands=(MASUK, MASUK)),
        "table",
        "no table of its own",
    ),
    (
        "sum-with-operands",
        lambda: Rule(RuleOp.SUM, "perkara", ("masuk",), operands=(MASUK, MASUK)),
        "operands",
        "no operands or direction",
    ),
)


@pytest.mark.parametrize(
    ("build", "field", "message"),
    [c[1:] for c in MODEL_REFUSED],
    ids=[c[0] for c in MODEL_REFUSED],
)
def test_model_refuses_malformed_combined_rules(build, field: str, message: str) -> None:
    """Built in Python, a malformed ratio or change is refused naming its field."""
    with pytest.raises(InvalidValueError, match=message) as info:
        build()
    assert field == info.value.field


def test_describe_names_both_operands_and_the_period() -> None:
    """describe() spells the combination out, with the period an operand reads."""
    rule = Rule.change(SUM_2019, SUM_2020, Direction.FALL)
    assert (
        "fall from (sum of jumlah in temuan of 2019) to (sum of jumlah in temuan)"
        == rule.describe()
    )
    assert "ratio of (sum of selesai in perkara) to (sum of masuk in perkara)" == (
        Rule.ratio(SELESAI, MASUK).describe()
    )


# --- scoring ------------------------------------------------------------------------------------


def _indicator(report: Report, code: str):
    return score_report(report).period("2020").unit("pengawasan").indicator(code)


def test_scoring_derives_the_fall_exactly() -> None:
    """(20 − 15) / 20 × 100 = 25 %, scored against a 20 % target: 125 %."""
    score = _indicator(load(), "penurunan")
    assert Decimal(25) == score.realisation
    assert Decimal(125) == score.capaian


def test_scoring_derives_the_ratio_exactly() -> None:
    """55 / 60 × 100, exact to the private context's 60 digits (no float on the way)."""
    text = (
        '{ ratio = { of = { sum = ["selesai"], table = "perkara" }, '
        'to = { sum = ["masuk"], table = "perkara" } } }'
    )
    score = _indicator(load(derive(text)), "penurunan")
    assert div(mul(Decimal(55), HUNDRED), Decimal(60)) == score.realisation
    assert isinstance(score.realisation, Decimal)


def test_a_zero_denominator_is_not_scorable_at_the_derive_key() -> None:
    """A ratio over zero cases is a ZeroDenominatorError at derive; the audit reports it."""
    text = (
        '{ ratio = { of = { sum = ["selesai"], table = "perkara" }, '
        'to = { sum = ["masuk"], table = "perkara", where = [{ column = "jenis", op = "=", '
        'value = "TUN" }] } } }'
    )
    report = load(derive(text))
    problems: list = []
    score = score_report(report, problems=problems).period("2020").unit("pengawasan")
    (problem,) = problems
    assert isinstance(problem.error, ZeroDenominatorError)
    assert DERIVE == problem.error.field
    assert SOURCE == problem.error.source
    assert "the denominator is zero" in problem.error.message
    assert score.indicator("penurunan").capaian is None
    findings = [f for f in audit(report) if f.code == "not-scorable"]
    assert [DERIVE] == [f.location.field for f in findings]


def test_a_change_from_zero_is_a_zero_denominator() -> None:
    """A relative change from a period with nothing is undefined, not infinite."""
    report = load(('rows = [["Keuangan", "12"], ["Kinerja", "8"]]', 'rows = [["Keuangan", "0"]]'))
    problems: list = []
    score_report(report, problems=problems)
    (problem,) = problems
    assert isinstance(problem.error, ZeroDenominatorError)


def test_a_negative_change_is_allowed_for_a_percent_indicator() -> None:
    """Counted as a rise, a fall of findings is −25 %: a percentage may be negative."""
    report = load(('direction = "fall"', 'direction = "rise"'))
    score = _indicator(report, "penurunan")
    assert Decimal(-25) == score.realisation


def test_a_negative_change_is_refused_for_a_count_indicator() -> None:
    """A count cannot be negative: the derived −25 is not scorable, with the reason."""
    report = load(('direction = "fall"', 'direction = "rise"'), ('target = "20%"', 'target = "5"'))
    problems: list = []
    score_report(report, problems=problems)
    (problem,) = problems
    assert "negative realisation (-25)" in problem.error.message
    assert "of kind count cannot be negative" in problem.error.message
    assert DERIVE == problem.error.field


def test_a_positive_change_of_a_count_indicator_scores() -> None:
    """The refusal is of the sign, not of the rule: a fall of 25 against 20 scores."""
    report = load(('target = "20%"', 'target = "20"'))
    assert Decimal(25) == _indicator(report, "penurunan").realisation


# --- supports and the audit ---------------------------------------------------------------------


def test_the_document_audits_clean() -> None:
    """The derived fall, the ratio support and the ratio total all agree with their rows."""
    assert [] == [(f.code, f.location.field) for f in audit(load())]


def test_a_ratio_support_that_disagrees_is_an_evidence_mismatch() -> None:
    """A stated 95 % against 55 / 60: the finding names the ratio and both operands' rows."""
    report = load(('realisation = "91,67%"', 'realisation = "95%"'))
    (finding,) = [f for f in audit(report) if f.code == "evidence-mismatch"]
    assert f"{INDICATORS}[1].periods.2020.realisation" == finding.location.field
    text = str(finding.text)
    assert "the ratio of (sum of selesai in perkara) to (sum of masuk in perkara)" in text
    assert "all 2 rows of perkara; all 2 rows of perkara" in text
    assert div(mul(Decimal(55), HUNDRED), Decimal(60)) == finding.recomputed


def test_a_change_support_reads_the_previous_period() -> None:
    """A stated fall of 25 % is checked against both years' rows; 30 % is a mismatch."""
    support = (
        'supports = [{ change = { from = { sum = ["jumlah"], table = "temuan", period = "2019" },'
        ' to = { sum = ["jumlah"], table = "temuan" } }, direction = "fall" }]'
    )
    for value, found in (("25%", []), ("30%", ["evidence-mismatch"])):
        report = load((CHANGE, f'realisation = "{value}"\n{support}'))
        findings = audit(report)
        assert found == [f.code for f in findings if f.code == "evidence-mismatch"]
        if found:
            (finding,) = [f for f in findings if f.code == "evidence-mismatch"]
            assert "in 2019" in str(finding.text)
            assert "the fall from (sum of jumlah in temuan of 2019)" in str(finding.text)


def test_a_ratio_total_that_disagrees_is_a_figure_mismatch() -> None:
    """A table's printed ratio is recomputed from its own rows."""
    report = load(('printed = "91,67%"', 'printed = "92,67%"'))
    assert ["figure-mismatch"] == [f.code for f in audit(report)]


# --- writing ------------------------------------------------------------------------------------


def test_round_trip() -> None:
    """dump_report → loads_report is equal, and the rules are written inline as read."""
    report = load()
    text = dump_report(report)
    assert report == loads_report(text)
    assert CHANGE in text
    assert SUPPORT in text


def test_workbook_round_trip(tmp_path) -> None:
    """lakipcore's workbook carries the rules as inline TOML and reads them back equal."""
    pytest.importorskip("openpyxl")
    from lakipcore import assess
    from lakipcore.excel import read_workbook, write_workbook

    report = load()
    path = write_workbook(assess(report), tmp_path / "perubahan.xlsx")
    assert report == read_workbook(path)


# --- properties ---------------------------------------------------------------------------------

COUNTS = st.lists(st.integers(min_value=0, max_value=10**9), min_size=1, max_size=6)
TABLE = EvidenceTable(
    "t",
    "Jumlah",
    [Column("a", ColumnKind.NUMBER), Column("b", ColumnKind.NUMBER)],
    [],
)


def _table(pairs: list[tuple[int, int]]) -> EvidenceTable:
    return EvidenceTable(TABLE.id, TABLE.title, TABLE.columns, [[str(a), str(b)] for a, b in pairs])


@given(st.lists(st.tuples(st.integers(0, 10**9), st.integers(0, 10**9)), min_size=1, max_size=6))
def test_a_ratio_is_the_sum_of_one_over_the_sum_of_the_other(pairs: list[tuple[int, int]]) -> None:
    """ratio(of, to) = Σ of / Σ to × 100 exactly; a zero Σ to is a ZeroDenominatorError."""
    table = _table(pairs)
    rule = Rule.ratio(Rule(RuleOp.SUM, "t", ("a",)), Rule(RuleOp.SUM, "t", ("b",)))
    check_rule(rule, (table,))
    of, to = Decimal(sum(a for a, _ in pairs)), Decimal(sum(b for _, b in pairs))
    if to == 0:
        with pytest.raises(ZeroDenominatorError):
            rule_value(rule, (table,))
        return
    assert div(mul(of, HUNDRED), to) == rule_value(rule, (table,))


@given(st.integers(1, 10**9), st.integers(0, 10**9))
def test_a_rise_is_the_fall_negated(before: int, after: int) -> None:
    """change(a, b) rising = −(change(a, b) falling), and (b − a) / a × 100 exactly; read the
    other way round, the fall from b to a is (b − a) / b × 100."""
    periods = {"2019": (_table([(before, 0)]),), "2020": (_table([(after, 0)]),)}
    start = Rule(RuleOp.SUM, "t", ("a",), period="2019")
    end = Rule(RuleOp.SUM, "t", ("a",), period="2020")

    def value(rule: Rule) -> Decimal:
        return rule_value(rule, (), evidence=lambda key: periods[key])

    rise = value(Rule.change(start, end, Direction.RISE))
    fall = value(Rule.change(start, end, Direction.FALL))
    a, b = Decimal(before), Decimal(after)
    assert rise == neg(fall)
    assert div(mul(sub(b, a), HUNDRED), a) == rise
    if after:
        back = value(Rule.change(end, start, Direction.FALL))
        assert div(mul(sub(b, a), HUNDRED), b) == back


def test_an_operand_of_another_period_needs_the_units_evidence() -> None:
    """Outside a report the other period's tables are unknown: a clear error, not a crash."""
    rule = Rule.change(SUM_2019, SUM_2020, Direction.FALL)
    with pytest.raises(LakipError, match="known only within its report"):
        rule_value(rule, ())


def test_the_json_schema_describes_the_rule_forms() -> None:
    """The report schema accepts the document and refuses a change without its direction."""
    import tomllib

    jsonschema = pytest.importorskip("jsonschema")
    from lakipcore.schemas import load_schema

    validator = jsonschema.Draft202012Validator(load_schema("report"))
    assert [] == list(validator.iter_errors(tomllib.loads(DOC)))
    broken = doc(('}, direction = "fall" }', "} }"))
    assert list(validator.iter_errors(tomllib.loads(broken)))
