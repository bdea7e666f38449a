"""Time reading a large LAKIP workbook against python-calamine reading the same cells.

Two workbooks of ``--rows`` indicators (100.000 by default) under 1.000 units:

* **foreign**: the layout of a LAKIP appendix table (sasaran, indikator, satuan, target,
  realisasi and a percent-formatted capaian), generated with openpyxl in write-only mode;
* **native**: lakipcore's own layout, written by ``write_workbook`` from the report read from
  the foreign one.

Each read runs in a fresh child process, so that imports, caches and memory start alike:
``read_workbook(path)`` (the report, every figure exact and located) against
python-calamine's ``to_python()`` of the sheets ``read_workbook`` reads (the cells alone). It
prints the seconds (best of ``--repeat``), the ratio, and each child's peak memory, read from
its own high-water mark (``VmHWM`` in ``/proc/self/status``: ``ru_maxrss`` after a fork can
report the parent's). It asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CHILD = r"""
import json, sys, time
from pathlib import Path

def peak():
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) * 1024
    return 0

kind, path = sys.argv[1], Path(sys.argv[2])
if kind == "lakipcore":
    from lakipcore.excel import choose_reader, read_workbook
    import lakipcore.formats.excel.layouts, lakipcore.formats.excel.native  # imports not timed
    start = time.perf_counter()
    report = read_workbook(path)
    seconds = time.perf_counter() - start
    count = sum(len(u.indicators) for u in report.units())
    print(json.dumps({"seconds": seconds, "peak": peak(), "count": count,
                      "reader": choose_reader(path)}))
else:
    from python_calamine import CalamineWorkbook
    from lakipcore.formats.excel import _layout
    start = time.perf_counter()
    book = CalamineWorkbook.from_path(str(path))
    native = _layout.REPORT in book.sheet_names  # then read_workbook reads its data sheets
    names = [n for n in book.sheet_names if not native or n in _layout.DATA_SHEETS]
    cells = 0
    for name in names:
        rows = book.get_sheet_by_name(name).to_python(skip_empty_area=False)
        cells += sum(len(row) for row in rows)
    seconds = time.perf_counter() - start
    print(json.dumps({"seconds": seconds, "peak": peak(), "count": cells}))
"""


def generate_foreign(path: Path, rows: int) -> None:
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


def generate_native(foreign: Path, path: Path) -> None:
    """Write the report read from ``foreign`` in lakipcore's own layout."""
    import lakipcore
    from lakipcore.excel import read_workbook, write_workbook

    write_workbook(lakipcore.assess(read_workbook(foreign)), path)


def child(kind: str, path: Path) -> dict[str, float]:
    """Run one read in a fresh interpreter; its seconds, peak memory and count."""
    done = subprocess.run(
        [sys.executable, "-c", CHILD, kind, str(path)],
        check=True,
        capture_output=True,
        text=True,
    )
    result: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def _mib(value: float) -> str:
    return f"{value / 2**20:,.0f} MiB".replace(",", ".")


def main() -> None:
    """Generate the workbooks, read each with lakipcore and with calamine, print the ratio."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=2, help="runs of each read (best kept)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        foreign, native = Path(folder) / "lampiran.xlsx", Path(folder) / "lakipcore.xlsx"
        started = time.perf_counter()
        generate_foreign(foreign, args.rows)
        generate_native(foreign, native)
        print(
            f"generated {args.rows:,} rows in {time.perf_counter() - started:.0f} s: foreign "
            f"{foreign.stat().st_size / 1e6:.1f} MB, native {native.stat().st_size / 1e6:.1f} MB"
        )
        print(f"{'layout':<9}{'read_workbook':>15}{'calamine':>10}{'ratio':>7}  peak memory")
        for layout, path in (("foreign", foreign), ("native", native)):
            ours = min((child("lakipcore", path) for _ in range(args.repeat)), key=_seconds)
            peer = min((child("calamine", path) for _ in range(args.repeat)), key=_seconds)
            print(
                f"{layout:<9}{ours['seconds']:>13.2f} s{peer['seconds']:>8.2f} s"
                f"{ours['seconds'] / peer['seconds']:>6.1f}×  {_mib(ours['peak'])} "
                f"(calamine {_mib(peer['peak'])}); {int(ours['count']):,} indicators, "
                f"reader {ours['reader']}"
            )


def _seconds(result: dict[str, float]) -> float:
    return result["seconds"]


if __name__ == "__main__":
    main()
