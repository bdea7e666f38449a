"""Rows, Arrow tables and DataFrames of scores and findings."""

from __future__ import annotations

from decimal import Decimal

import pytest

import lakipcore
from extras import require
from lakipcore.arrow import ROW_COLUMNS, as_rows


def test_rows_need_no_extra_and_carry_each_indicator_period() -> None:
    """as_rows gives one plain dict per indicator and period with exact values."""
    report = lakipcore.load_example()
    rows = as_rows(lakipcore.assess(report))
    assert all(tuple(row) == ROW_COLUMNS for row in rows)
    ikm = next(r for r in rows if r["code"] == "sekjen-ikm-internal" and r["period"] == "2019")
    assert (ikm["unit"], ikm["kind"], ikm["scale"], ikm["polarity"]) == (
        "sekjen",
        "index",
        Decimal("10"),
        "higher",
    )
    assert (ikm["target"], ikm["realisation"]) == (Decimal("7.1"), Decimal("9.38"))
    assert lakipcore.format_percent(ikm["capaian"]) == "132,11%"
    assert ikm["method"] == "banten-2019"
    dropped = next(r for r in rows if r["code"] == "sekjen-ikm-internal" and r["period"] == "2018")
    assert (dropped["kind"], dropped["target"], dropped["capaian"]) == ("not-targeted", None, None)


def test_arrow_columns_are_decimal128_quantized_half_up() -> None:
    """capaian is decimal128(38, 2) rounded half-up from the exact value, never via float."""
    pa = require("pyarrow")
    from lakipcore.arrow import to_arrow

    table = to_arrow(lakipcore.assess(lakipcore.load_example()), scale=2)
    assert table.schema.field("capaian").type == pa.decimal128(38, 2)
    rows = table.to_pylist()
    ikm = next(r for r in rows if r["code"] == "sekjen-ikm-internal" and r["period"] == "2019")
    assert ikm["capaian"] == Decimal("132.11")
    assert ikm["realisation"] == Decimal("9.38")
    assert table.num_rows == len(as_rows(lakipcore.assess(lakipcore.load_example())))


def test_findings_to_arrow() -> None:
    """The audit's findings as a table: the Banten YoY mismatch with its recomputed value."""
    require("pyarrow")
    from lakipcore.arrow import findings_to_arrow
    from lakipcore.audit import audit

    table = findings_to_arrow(audit(lakipcore.load_example()), scale=4)
    found = [r for r in table.to_pylist() if r["published"] == "7,74%"]
    assert found
    assert found[0]["recomputed"] == Decimal("7.4646")
    assert found[0]["code"] == "figure-mismatch"


def test_pandas_and_polars_go_through_arrow() -> None:
    """to_pandas and to_polars give one row per indicator period with exact decimals."""
    require("pandas")
    pl = require("polars")
    from lakipcore.arrow import to_pandas, to_polars

    report = lakipcore.load_example()
    frame = to_pandas(lakipcore.assess(report), scale=2)
    assert len(frame) == len(as_rows(lakipcore.assess(report)))
    chosen = (frame["code"] == "sekjen-ikm-internal") & (frame["period"] == "2019")
    assert frame.loc[chosen, "capaian"].iloc[0] == Decimal("132.11")
    polars_frame = to_polars(lakipcore.assess(report), scale=2)
    assert polars_frame.schema["capaian"] == pl.Decimal(38, 2)


def test_a_bad_scale_is_refused() -> None:
    """The scale must be a whole number that decimal128 can hold."""
    require("pyarrow")
    from lakipcore.arrow import to_arrow

    with pytest.raises(lakipcore.LakipValueError):
        to_arrow(lakipcore.assess(lakipcore.load_example()), scale=-1)


def _nested() -> lakipcore.Report:
    """An office, a Divisi under it and a seksi under the Divisi, one indicator each, no
    budget: absorption and performance are gaps."""

    def indicator(code: str, target: int, realisation: int) -> lakipcore.Indicator:
        count = lakipcore.MeasureKind.COUNT
        entry = lakipcore.IndicatorPeriod(
            "2021",
            lakipcore.Target(count, Decimal(target)),
            lakipcore.Realisation(count, Decimal(realisation)),
        )
        return lakipcore.Indicator(code, f"Indikator {code}", [entry])

    seksi = lakipcore.Unit("seksi", "Seksi", [indicator("c", 4, 3)])
    divisi = lakipcore.Unit("divisi", "Divisi", [indicator("b", 10, 12)], units=[seksi])
    office = lakipcore.Unit("kanwil", "Kanwil", [indicator("a", 5, 5)], units=[divisi])
    return lakipcore.Report([lakipcore.ReportPeriod("2021", method="banten-2019")], office)


def test_unit_rows_are_the_dashboard_of_every_period() -> None:
    """units_as_rows: one row per unit and period, the office first as row A, each unit's
    exact figures as its score has them, its parent, its depth and its indicators."""
    from lakipcore.arrow import UNIT_COLUMNS, units_as_rows

    assessment = lakipcore.assess(lakipcore.load_example())
    rows = units_as_rows(assessment)
    assert all(tuple(row) == UNIT_COLUMNS for row in rows)
    assert 2 * 10 == len(rows)
    for period in assessment.scores.periods:
        mine = [r for r in rows if r["period"] == period.key]
        assert ["A", *map(str, range(1, 10))] == [r["number"] for r in mine]
        assert [u.code for u in period.root.walk()] == [r["unit"] for r in mine]
        assert (None, 0) == (mine[0]["parent"], mine[0]["depth"])
        assert {"kanwil-banten"} == {r["parent"] for r in mine[1:]}
        assert {period.method.name} == {r["method"] for r in mine}
    sekjen = next(r for r in rows if r["unit"] == "sekjen" and r["period"] == "2019")
    score = assessment.current.unit("sekjen")
    assert (score.achievement, score.absorption, score.performance) == (
        sekjen["achievement"],
        sekjen["absorption"],
        sekjen["performance"],
    )
    assert ("114,58%", "98,77%", "106,68%") == tuple(
        lakipcore.format_percent(sekjen[k]) for k in ("achievement", "absorption", "performance")
    )
    assert (score.pagu, score.realisation) == (sekjen["pagu"], sekjen["realisation"])
    assert sum(1 for i in score.indicators if i.counts) == sekjen["indicators"]
    office = next(r for r in rows if r["number"] == "A" and r["period"] == "2019")
    assert office["performance"] == assessment.current.performance
    assert office["indicators_total"] == sum(1 for _ in assessment.current.root.pooled())
    # 2018 budgets are printed as rates only: no amounts, and no gap either (absorption is known)
    assert {None} == {r["pagu"] for r in rows if r["period"] == "2018"}


def test_unit_rows_of_a_deeper_tree_name_each_parent() -> None:
    """Below a Divisi, a seksi has the Divisi as parent and depth 2; a missing figure is None
    and its gap is given."""
    from lakipcore.arrow import units_as_rows

    rows = units_as_rows(lakipcore.assess(_nested(), audit=False))
    assert [("A", 0, None), ("1", 1, "kanwil"), ("2", 2, "divisi")] == [
        (r["number"], r["depth"], r["parent"]) for r in rows
    ]
    assert [1, 1, 1] == [r["indicators"] for r in rows]
    assert [3, 2, 1] == [r["indicators_total"] for r in rows]
    assert [Decimal(75)] == [r["achievement"] for r in rows if r["unit"] == "seksi"]
    assert {None} == {r["performance"] for r in rows}
    assert all(r["gaps"] for r in rows)


def test_units_to_arrow_is_decimal128_at_the_scales_asked() -> None:
    """units_to_arrow: figures at ``scale``, amounts at ``amount_scale``, each rounded once
    half-up from the exact value; counts are int64."""
    pa = require("pyarrow")
    from lakipcore.arrow import UNIT_COLUMNS, units_as_rows, units_to_arrow

    assessment = lakipcore.assess(lakipcore.load_example())
    table = units_to_arrow(assessment, scale=2, amount_scale=0)
    assert UNIT_COLUMNS == tuple(table.schema.names)
    assert pa.decimal128(38, 2) == table.schema.field("performance").type
    assert pa.decimal128(38, 0) == table.schema.field("pagu").type
    assert pa.int64() == table.schema.field("depth").type
    exact = units_as_rows(assessment)
    got = table.to_pylist()
    assert len(exact) == len(got)
    for want, row in zip(exact, got, strict=True):
        for column in ("achievement", "absorption", "performance"):
            value = want[column]
            assert (None if value is None else lakipcore.round_to(value, 2)) == row[column]
    sekjen = next(r for r in got if r["unit"] == "sekjen" and r["period"] == "2019")
    assert Decimal("106.68") == sekjen["performance"]


def test_change_rows_give_both_periods_and_the_points() -> None:
    """changes_as_rows / changes_to_arrow: for 2018 → 2019, the office (A) and each unit with
    its performance in both periods and the changes in points, as the scores have them."""
    pa = require("pyarrow")
    from lakipcore.arrow import CHANGE_COLUMNS, changes_as_rows, changes_to_arrow

    assessment = lakipcore.assess(lakipcore.load_example())
    rows = changes_as_rows(assessment)
    assert all(tuple(row) == CHANGE_COLUMNS for row in rows)
    change = assessment.scores.changes[0]
    assert 1 + len(change.units) == len(rows)
    office = rows[0]
    assert ("2018", "2019", "A", "kanwil-banten") == (
        office["earlier"],
        office["later"],
        office["number"],
        office["unit"],
    )
    assert office["performance"] == change.office.performance
    assert office["later_performance"] == assessment.current.performance
    assert ["108,66%", "116,13%", "7,46%"] == [
        lakipcore.format_percent(office[k])
        for k in ("earlier_performance", "later_performance", "performance")
    ]
    ki = next(r for r in rows if r["unit"] == "ki")
    assert ki["performance"] == change.unit("ki").change.performance
    table = changes_to_arrow(assessment, scale=2)
    assert pa.decimal128(38, 2) == table.schema.field("earlier_performance").type
    assert (
        Decimal("-21.62") == next(r for r in table.to_pylist() if r["unit"] == "ki")["performance"]
    )


def test_dataframes_of_each_table() -> None:
    """to_pandas and to_polars make any of the tables (``table=``); an unknown table, or the
    findings of an assessment made without the audit, is refused by name."""
    require("pandas")
    pl = require("polars")
    from lakipcore.arrow import FRAMES, to_pandas, to_polars

    assessment = lakipcore.assess(lakipcore.load_example())
    assert ("indicators", "units", "changes", "findings") == FRAMES
    sizes = {name: len(to_pandas(assessment, table=name, scale=2)) for name in FRAMES}
    assert {"indicators": 102, "units": 20, "changes": 10, "findings": 25} == sizes
    units = to_polars(assessment, table="units", scale=2)
    assert pl.Decimal(38, 2) == units.schema["performance"]
    best = units.filter(pl.col("period") == "2019").sort("performance", descending=True)
    assert "imigrasi" == best["unit"][0]
    with pytest.raises(lakipcore.LakipValueError, match="table must be one of"):
        to_pandas(assessment, table="dashboard")
    with pytest.raises(lakipcore.LakipValueError, match="audit"):
        to_pandas(lakipcore.assess(lakipcore.load_example(), audit=False), table="findings")


def test_results_are_arrow_streams() -> None:
    """An assessment and its scores implement the Arrow PyCapsule stream: pyarrow, polars and
    DuckDB read them directly; the assessment is its indicators, the scores the dashboard of
    every period, a period's scores that period's dashboard."""
    pa = require("pyarrow")
    pl = require("polars")
    duckdb = require("duckdb")
    from lakipcore.arrow import to_arrow, units_to_arrow

    assessment = lakipcore.assess(lakipcore.load_example())
    assert to_arrow(assessment).equals(pa.table(assessment))
    scores = assessment.scores
    assert units_to_arrow(assessment).equals(pa.table(scores))
    current = pa.table(assessment.current)
    assert 10 == current.num_rows
    assert {"2019"} == set(current.column("period").to_pylist())
    frame = pl.DataFrame(scores)
    assert (20, len(frame.columns)) == frame.shape
    assert "sekjen-ikm-internal" in pl.DataFrame(assessment)["code"].to_list()
    office = duckdb.sql(
        "select performance from scores where period = '2019' and number = 'A'"
    ).fetchall()
    assert ["116,13%"] == [lakipcore.format_percent(value) for (value,) in office]
    # A consumer may ask for another schema; pyarrow casts to it.
    wanted = pa.table(scores).schema.set(2, pa.field("depth", pa.int32()))
    reader = pa.RecordBatchReader.from_stream(scores, schema=wanted)
    assert pa.int32() == reader.read_all().schema.field("depth").type


def test_a_stream_without_pyarrow_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without pyarrow, asking for the stream raises lakipcore's error naming the extra."""
    import sys

    assessment = lakipcore.assess(lakipcore.load_example(), audit=False)
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    for value in (assessment, assessment.scores, assessment.current):
        with pytest.raises(lakipcore.LakipError, match=r"pip install 'lakipcore\[arrow\]'"):
            value.__arrow_c_stream__()
