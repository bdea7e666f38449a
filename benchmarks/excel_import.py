"""Time reading a large LAKIP workbook: 100.000 pengukuran kinerja rows by default.

The workbook is generated (openpyxl, write-only mode) in the layout of a LAKIP appendix table:
sasaran, indikator, satuan, target, realisasi and a percent-formatted capaian, one indicator per
row under 1.000 units. It prints the rows, the seconds of ``read_workbook`` and the reader used.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from lakipcore.excel import choose_reader, read_workbook


def generate(path: Path, rows: int) -> None:
    """Write a ``rows``-row pengukuran kinerja workbook to ``path``."""
    import openpyxl

    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("Pengukuran Kinerja")
    sheet.append(
        [
            *("No", "Unit Kerja", "Sasaran", "Indikator Kinerja", "Satuan"),
            *("Target 2023", "Realisasi 2023", "Capaian 2023"),
        ]
    )
    for number in range(1, rows + 1):
        target = 10 + number % 90
        realisation = target + (number % 7) - 3
        capaian = openpyxl.cell.WriteOnlyCell(sheet, realisation / target)
        capaian.number_format = "0.00%"
        sheet.append(
            [
                number,
                f"Satker {number % 1000:03d}",
                f"Sasaran {number % 50}",
                f"Indikator {number}",
                "Laporan",
                target,
                realisation,
                capaian,
            ]
        )
    book.save(path)


def main() -> None:
    """Generate the workbook, read it, print the timing."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=100_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "lakip.xlsx"
        started = time.perf_counter()
        generate(path, args.rows)
        made = time.perf_counter() - started
        started = time.perf_counter()
        report = read_workbook(path)
        took = time.perf_counter() - started
        count = sum(len(u.indicators) for u in report.units())
        print(f"generated {args.rows:,} rows in {made:.1f} s ({path.stat().st_size / 1e6:.1f} MB)")
        print(f"read_workbook: {count:,} indicators in {took:.1f} s, reader {choose_reader(path)}")


if __name__ == "__main__":
    main()
