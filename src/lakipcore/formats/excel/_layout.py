"""lakipcore's own workbook layout: its sheets and the headers of their columns.

The writer lays a report out in these sheets and the reader reads them back by header (so
columns may be moved). Sheets marked *shown* are computed (scores, findings) and never read;
the others hold the report's data, every exact value as text.
"""

from __future__ import annotations

from typing import Final

from lakipcore.formats import document

MARKER: Final = "lakipcore.workbook/1"
"""Cell A1 of the ``Laporan`` sheet: the workbook is in this layout."""

REPORT: Final = "Laporan"
PERIODS: Final = "Periode"
TABLES: Final = "Tabel"
UNITS: Final = "Unit"
INDICATORS: Final = "Indikator"
BUDGET: Final = "Anggaran"
PRINTED: Final = "Tercetak"
EVIDENCE: Final = "Data dukung"
DEFINITIONS: Final = "Definisi"
DASHBOARD: Final = "Dashboard"
CHANGES: Final = "Perubahan"
FINDINGS: Final = "Temuan"

DATA_SHEETS: Final = (
    REPORT,
    PERIODS,
    TABLES,
    UNITS,
    INDICATORS,
    BUDGET,
    PRINTED,
    EVIDENCE,
    DEFINITIONS,
)

# The Definisi sheet: a report's own methods, grade tables, what they grade, and its derived
# figures, one per row, each written as the TOML inline table the report file holds.
DEFINITION_COLUMNS: Final = (
    ("kind", "Jenis"),
    ("name", "Nama"),
    ("unit", "Kode unit"),
    ("period", "Periode"),
    ("spec", "Isi (TOML)"),
)
DEF_METHOD: Final = "metode"
DEF_GRADES: Final = "tabel predikat"
DEF_GRADING: Final = "penilaian"
DEF_DERIVED: Final = "turunan"

REPORT_FIELDS: Final = (
    ("title", "Judul"),
    ("source", "Sumber"),
    ("main", "Periode utama"),
    ("notation", "Notasi"),
)

# (key, header) of each sheet's columns; "shown:" keys are written for people and never read.
PERIOD_COLUMNS: Final = (
    ("key", "Kunci"),
    ("method", "Metode"),
    ("planned", "Rencana"),
    ("title", "Judul"),
)
TABLE_COLUMNS: Final = (
    ("id", "Id"),
    ("kind", "Jenis"),
    ("title", "Judul"),
    ("scope", "Cakupan"),
    ("notation", "Notasi"),
    ("columns", "Kolom"),  # the TOML inline table of the file's `columns`
)
UNIT_COLUMNS: Final = (
    ("code", "Kode"),
    ("name", "Nama"),
    ("parent", "Induk"),
    ("periods", "Periode"),
)
INDICATOR_COLUMNS: Final = (
    ("unit", "Kode unit"),
    ("shown:unit", "Unit"),
    ("code", "Kode indikator"),
    ("goal", "Sasaran"),
    ("name", "Indikator"),
    ("polarity", "Polaritas"),
    ("formula", "Rumus"),
    ("accumulation", "Akumulasi"),
    ("period", "Periode"),
    ("number:target", "Target"),
    ("number:realisation", "Realisasi"),
    ("label", "Satuan"),
    ("shown:capaian", "Capaian"),
    ("computed", "Realisasi dihitung"),
    ("target", "Target (teks)"),
    ("realisation", "Realisasi (teks)"),
    ("scale", "Skala"),
    ("derive", "Derive"),
    ("supports", "Supports"),
    ("accumulate", "Akumulasi periode"),
    # Last, so that the columns before it keep the letters earlier workbooks gave them.
    ("kind", "Jenis nilai"),
    ("baseline", "Kondisi awal"),
    ("end-of-plan", "Target akhir rencana"),
    ("ordinal", "Skala ordinal"),
    ("to-date", "Capaian s.d."),
    ("phasing", "Target periode"),
)
# The Realisasi dihitung column of the Indikator sheet: the Realisasi number beside it is the
# realisation scoring computed (the row derives or accumulates it), shown and never read back.
COMPUTED_DERIVED: Final = "dari data dukung"
COMPUTED_ACCUMULATED: Final = "akumulasi periode"
OUTPUT_PREFIX: Final = "output-"
"""Columns of the Anggaran sheet holding an output's own pagu awal, revisions and RPD (the
columns without it hold the programme's, on its first row)."""
BUDGET_COLUMNS: Final = (
    ("unit", "Kode unit"),
    ("shown:unit", "Unit"),
    ("period", "Periode"),
    ("programme", "Program"),
    ("code", "Kode output"),
    ("name", "Output"),
    ("number:pagu", "Pagu"),
    ("number:realisation", "Realisasi"),
    ("shown:absorption", "Penyerapan"),
    ("pagu", "Pagu (teks)"),
    ("realisation", "Realisasi (teks)"),
    ("absorption", "Penyerapan tercatat"),
    (document.ORIGINAL, "Pagu awal (teks)"),
    (document.REVISIONS, "Revisi"),
    (document.PLAN, "RPD (teks)"),
    # Added later, last: earlier workbooks keep their column letters.
    (document.TYPE, "Jenis belanja"),
    (OUTPUT_PREFIX + document.ORIGINAL, "Pagu awal output (teks)"),
    (OUTPUT_PREFIX + document.REVISIONS, "Revisi output"),
    (OUTPUT_PREFIX + document.PLAN, "RPD output (teks)"),
    (document.SUBTOTALS, "Subtotal jenis belanja"),
)
PRINTED_COLUMNS: Final = (
    ("unit", "Kode unit"),
    ("period", "Periode"),
    ("indicator", "Kode indikator"),
    ("item", "Bagian"),
    ("quantity", "Besaran"),
    ("place", "Tabel"),
    ("text", "Teks"),
    ("shown:recomputed", "Dihitung ulang"),
    ("shown:finding", "Temuan"),
    # Last, so that the columns before it keep their letters: the notation a figure states,
    # where it is not its table's (docs/format.md, "Numbers"), and the working printed
    # beside it ("169 / 169 × 100%").
    ("notation", "Notasi"),
    ("working", "Perhitungan"),
)
DASHBOARD_HEADERS: Final = (
    "Periode",
    "Metode",
    "Kode unit",
    "Unit",
    "Capaian kinerja",
    "Penyerapan anggaran",
    "Kinerja",
    "Pagu",
    "Realisasi",
)
CHANGE_HEADERS: Final = (
    "Dari",
    "Ke",
    "Kode unit",
    "Unit",
    "Δ capaian kinerja (poin)",
    "Δ penyerapan (poin)",
    "Δ kinerja (poin)",
)
FINDING_HEADERS: Final = (
    "Kode",
    "Tingkat",
    "Unit",
    "Bagian",
    "Periode",
    "Lokasi",
    "Tabel",
    "Tercetak",
    "Dihitung ulang",
    "Pesan",
)

# The Bagian column of the Tercetak sheet: what of a unit's period a figure is printed for.
BUDGET_ITEM: Final = "anggaran"
OUTPUT_ITEM: Final = "output"  # followed by the output's number in its budget, from 1
SUBTOTAL_ITEM: Final = "subtotal"  # followed by the type of spending (pegawai, barang, ...)

# Markers in column A of the Data dukung sheet.
EV_TABLE: Final = "#tabel"
EV_COLUMNS: Final = "#kolom"
EV_KINDS: Final = "#jenis"
EV_TOTAL: Final = "#total"
EV_ROW_CHECK: Final = "#cek-baris"
YES: Final = "ya"
