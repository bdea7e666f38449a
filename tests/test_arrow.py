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
