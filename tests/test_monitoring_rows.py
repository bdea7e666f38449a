"""Monitoring as rows, as an Arrow table and as notebook tables (lakipcore.monitoring.rows,
lakipcore.monitoring.notebook)."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

import pytest

import lakipcore
from extras import require
from lakipcore import monitoring
from lakipcore.errors import LakipTypeError
from lakipcore.i18n import translate
from lakipcore.monitoring.notebook import html, markdown
from lakipcore.monitoring.rows import FIGURES, PROGRESS_COLUMNS, progress_rows, to_arrow
from lakipcore.rounding import Rounding
from test_monitoring import COUNTS
from test_monitoring import report_text as _report_text

TWO_UNITS = """schema = 2

[report]
title = "t"

[[periods]]
key = "2024-tw1"
method = "banten-2019"

[[periods]]
key = "2024-tw2"
method = "banten-2019"

[office]
code = "kanwil"
name = "Kanwil <Banten> & co"

[[units]]
code = "a"
name = "Bidang <A>"

[[units.indicators]]
code = "laporan"
name = "Laporan <tepat> waktu & lengkap"
to-date = "cumulative"

[units.indicators.periods.2024-tw1]
target = "3 Laporan"
realisation = "2 Laporan"

[units.indicators.periods.2024-tw2]
target = "3 Laporan"
realisation = "2 Laporan"

[[units]]
code = "b"
name = "Bidang B"

[[units.indicators]]
code = "ikm"
name = "Indeks kepuasan"

[units.indicators.periods.2024-tw1]
target = "80%"
realisation = "70%"

[units.indicators.periods.2024-tw2]
target = "85%"
realisation = "n/a"
"""


def report_text(quarters: Mapping[str, tuple[str | None, str | None]], **options: Any) -> str:
    """test_monitoring's report of one indicator, for any mapping of quarters."""
    return _report_text(dict(quarters), **options)


def _monitored(text: str) -> monitoring.Monitoring:
    return monitoring.monitor(lakipcore.assess(lakipcore.loads_report(text)))


def test_a_row_per_indicator_with_exact_and_shown_figures() -> None:
    result = _monitored(report_text(COUNTS, annual="40 Laporan", planned=("2024-tw4",)))
    (row,) = progress_rows(result)
    assert PROGRESS_COLUMNS == tuple(row)
    assert {
        "year": 2024,
        "to": "2024-tw3",
        "unit": "u",
        "unit_name": "Unit",
        "indicator": "i",
        "method": "cumulative",
        "trajectory": "phased",
        "status": "behind",
        "used": ["2024-tw1", "2024-tw2", "2024-tw3"],
        "missing": [],
        "projection_method": "trajectory",
    }.items() <= row.items()
    item = result.unit("u").indicator("i")
    for name in FIGURES:  # the strings are the exact values, unrounded
        assert getattr(item, name) == Decimal(str(row[name]))
    assert ("30", "21", "28") == (row["target_to_date"], row["realised_to_date"], row["projection"])
    assert ("70,00", "70,00") == (row["capaian_shown"], row["projected_capaian_shown"])


def test_exact_strings_keep_every_digit_and_shown_rounds_by_the_mode() -> None:
    quarters = {
        "2024-tw1": ("85%", "84%"),
        "2024-tw2": ("88%", "86%"),
        "2024-tw3": ("90%", None),
    }
    result = _monitored(report_text(quarters, annual="90%", planned=("2024-tw3",)))
    (row,) = progress_rows(result, places=1, rounding=Rounding.TRUNCATE)
    item = result.unit("u").indicator("i")
    assert item.projection is not None
    assert format(item.projection, "f") == row["projection"]
    assert "87.954545454" in str(row["projection"])
    assert "87,9" == row["projection_shown"]  # truncated at 1 place
    (half_up,) = progress_rows(result, places=1)
    assert "88,0" == half_up["projection_shown"]


def test_rows_sum_exactly_to_the_units_figures() -> None:
    result = _monitored(TWO_UNITS)
    rows = progress_rows(result)
    assert [("a", "laporan"), ("b", "ikm")] == [(r["unit"], r["indicator"]) for r in rows]
    realised = sum(Decimal(str(r["realised_to_date"])) for r in rows)
    expected = sum(
        (i.realised_to_date for i in result.indicators() if i.realised_to_date is not None),
        Decimal(0),
    )
    assert expected == realised
    ikm = rows[1]
    assert (["2024-tw1"], ["2024-tw2"]) == (ikm["used"], ikm["missing"])
    assert "70" == ikm["realised_to_date"]
    assert ikm["projection"] is not None


def test_no_data_has_none_figures() -> None:
    quarters = {"2024-tw1": ("10 Laporan", None), "2024-tw2": ("10 Laporan", None)}
    text = report_text(quarters, planned=("2024-tw1", "2024-tw2"))
    (row,) = progress_rows(_monitored(text))
    assert "no-data" == row["status"]
    assert all(row[name] is None and row[f"{name}_shown"] is None for name in FIGURES[1:])
    assert ["2024-tw1", "2024-tw2"] == row["missing"]


def test_rows_refuse_what_is_not_a_monitoring() -> None:
    with pytest.raises(LakipTypeError, match="Monitoring"):
        progress_rows("monitoring")  # type: ignore[arg-type]


def test_the_arrow_table_keeps_exact_strings_and_decimal_columns() -> None:
    pa = require("pyarrow")
    result = _monitored(TWO_UNITS)
    table = to_arrow(result, scale=4)
    assert tuple(table.column_names[: len(PROGRESS_COLUMNS)]) == PROGRESS_COLUMNS
    assert pa.int32() == table.schema.field("year").type
    assert pa.list_(pa.string()) == table.schema.field("used").type
    assert pa.string() == table.schema.field("capaian").type
    for name in FIGURES:
        assert pa.decimal128(38, 4) == table.schema.field(f"{name}_value").type
    assert table.num_rows == 2
    rows = table.to_pylist()
    assert progress_rows(result) == [
        {k: v for k, v in row.items() if k in PROGRESS_COLUMNS} for row in rows
    ]
    capaian = result.unit("a").indicator("laporan").capaian
    assert capaian is not None
    assert round(capaian, 4) == rows[0]["capaian_value"]
    assert sum(r["realised_to_date_value"] for r in rows) == Decimal(74)


def test_notebook_tables_escape_text_and_speak_the_catalogue() -> None:
    result = _monitored(TWO_UNITS)
    page = html(result, lang="id")
    assert "<Bidang" not in page
    assert "Bidang &lt;A&gt; (a)" in page
    assert "Laporan &lt;tepat&gt; waktu &amp; lengkap" in page
    item = result.unit("a").indicator("laporan")
    assert translate(item.status.words, "id") in page
    english = html(result, lang="en")
    assert item.status.words in english
    assert "66,67" in english  # 4 of 6: the figures keep the Indonesian style
    text = markdown(result, lang="en")
    assert "| laporan | Laporan <tepat> waktu & lengkap |" in text
    assert "Bidang <A> (a)" in text
    assert text.count("| --- | --- | --- | ---: |") == 2


def test_notebook_tables_mark_the_projection() -> None:
    result = _monitored(report_text(COUNTS, annual="40 Laporan", planned=("2024-tw4",)))
    page = html(result, lang="en")
    assert "28,00 (projection, capaian 70,00 %)" in page
    assert "Monitored to 2024-tw3" in page
