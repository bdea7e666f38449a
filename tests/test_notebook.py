"""Notebook display: short reprs, HTML and Markdown of reports, scores and the audit's findings."""

from __future__ import annotations

import re
import subprocess
import sys
from html import escape as html_escape
from html.parser import HTMLParser
from pathlib import Path

import attrs
import pytest

import lakipcore
from lakipcore.audit import Findings, Severity, audit
from lakipcore.render.notebook import SEVERITY_COLOURS
from strategies import hostile_context


@pytest.fixture(scope="module")
def report() -> lakipcore.Report:
    """The shipped Banten 2019 report."""
    return lakipcore.load_example()


@pytest.fixture(scope="module")
def scored(report: lakipcore.Report) -> lakipcore.ReportScore:
    """The Banten report scored with the methods its file names."""
    return lakipcore.score_report(report)


class _Cells(HTMLParser):
    """The text of every table cell of an HTML fragment, row by row; checks tags balance."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[list[str]] = []
        self.open: list[str] = []
        self.in_cell = False

    def handle_starttag(self, tag: str, attrs: object) -> None:
        self.open.append(tag)
        if tag == "tr":
            self.rows.append([])
        elif tag in ("td", "th"):
            self.rows[-1].append("")
            self.in_cell = True

    def handle_endtag(self, tag: str) -> None:
        assert self.open.pop() == tag
        if tag in ("td", "th"):
            self.in_cell = False

    def handle_data(self, data: str) -> None:
        if self.in_cell:
            self.rows[-1][-1] += data


def _cells(html: str) -> list[list[str]]:
    parser = _Cells()
    parser.feed(html)
    parser.close()
    assert [] == parser.open
    return parser.rows


def test_short_reprs(report: lakipcore.Report, scored: lakipcore.ReportScore) -> None:
    """Reports and scores print one line with their main figures, not the attrs dump."""
    assert "<ReportScore 2 periods, main 2019: performance 116,13%>" == repr(scored)
    assert "<PeriodScore 2019 (banten-2019): performance 116,13%, 9 units>" == repr(scored.current)
    assert "<PeriodScore 2018 (banten-2018): performance 108,66%, 9 units>" == repr(
        scored.period("2018")
    )
    assert (
        "<UnitScore sekjen 2019: achievement 114,58%, absorption 98,77%, performance 106,68%>"
        == repr(scored.current.unit("sekjen"))
    )
    assert repr(report) == (
        "<Report 'Kantor Wilayah Kementerian Hukum dan HAM Banten' 2 periods (2018, 2019), "
        "10 units, 51 indicators>"
    )
    assert len(repr(scored)) < 100
    assert repr(scored.current.units[:1]) == f"({scored.current.unit('sekjen')!r},)"


def test_equality_is_kept(report: lakipcore.Report, scored: lakipcore.ReportScore) -> None:
    """The short repr leaves attrs' equality as it was: equal values, unequal changes."""
    assert lakipcore.score_report(report) == scored
    assert lakipcore.load_example() == report
    assert attrs.evolve(scored, main="2018") != scored
    sekjen = scored.current.unit("sekjen")
    assert attrs.evolve(sekjen, performance=None) != sekjen
    assert "<UnitScore sekjen 2019: achievement 114,58%, absorption 98,77%, performance -" in repr(
        attrs.evolve(sekjen, performance=None)
    )


@pytest.mark.usefixtures("indonesian")
def test_report_score_html_has_the_dashboard(scored: lakipcore.ReportScore) -> None:
    """The HTML shows the main period's dashboard and the change table in Indonesian format."""
    html = scored._repr_html_()
    rows = _cells(html)
    assert [
        "A",
        "Kantor Wilayah Kementerian Hukum dan HAM Banten",
        "133,51%",
        "98,75%",
        "116,13%",
    ] in rows
    assert ["1", "Sekjen - Divisi Administrasi", "114,58%", "98,77%", "106,68%"] in rows
    change = ["A", "Kantor Wilayah Kementerian Hukum dan HAM Banten", "108,66%", "116,13%", "7,46%"]
    assert change in rows
    assert "Tahun Anggaran 2019 (metode: banten-2019)" in html


@pytest.mark.usefixtures("indonesian")
def test_markdown_tables(scored: lakipcore.ReportScore, report: lakipcore.Report) -> None:
    """The Markdown forms are pipe tables with the same figures."""
    text = scored._repr_markdown_()
    assert (
        "| A | Kantor Wilayah Kementerian Hukum dan HAM Banten | 133,51% | 98,75% | 116,13% |"
        in text
    )
    assert "| 4 | Ditjen Kekayaan Intelektual | 133,14% | 111,52% | -21,62% |" in text
    period = scored.period("2018")._repr_markdown_()
    assert (
        "| A | Kantor Wilayah Kementerian Hukum dan HAM Banten | 119,58% | 97,75% | 108,66% |"
        in period
    )
    unit = scored.current.unit("sekjen")._repr_markdown_()
    assert "| sekjen-ikm-internal | " in unit
    assert "| 7,1 | 9,38 | 132,11% |" in unit
    assert "| Tidak ditargetkan | - | not targeted |" in unit
    assert "| sekjen | Sekjen - Divisi Administrasi | 2018, 2019 | 9 |" in report._repr_markdown_()


def test_unit_score_html_lists_indicators(scored: lakipcore.ReportScore) -> None:
    """A unit's HTML gives its figures and each indicator's target, realisasi and capaian."""
    rows = _cells(scored.current.unit("sekjen")._repr_html_())
    assert ["Sekjen - Divisi Administrasi", "114,58%", "98,77%", "106,68%"] in rows
    ikm = next(row for row in rows if row[0] == "sekjen-ikm-internal")
    assert ["7,1", "9,38", "132,11%"] == ikm[2:]
    # A derived realisation (90,9977…) is shown at two places, never its 60 digits.
    akip = next(row for row in rows if row[0] == "sekjen-nilai-akip")
    assert ["90", "91,00", "101,11%"] == akip[2:]
    office = _cells(scored.current.root._repr_html_())
    assert ["Ditjen Imigrasi", "197,55%", "99,79%", "148,67%"] in office


def test_report_html_lists_periods_and_units(report: lakipcore.Report) -> None:
    """A report shows its periods with their methods and its tree of units, unscored."""
    rows = _cells(report._repr_html_())
    assert ["2019", "Tahun Anggaran 2019", "banten-2019", ""] in rows
    assert ["pas", "Ditjen Pemasyarakatan", "2018, 2019", "10"] in rows


def test_text_is_escaped() -> None:
    """Names are escaped: markup in a report file cannot reach the notebook as markup."""
    text = """schema = 2
[report]
[[periods]]
key = "2021"
[office]
name = "UPT <script>alert(1)</script> & Co | x"
[[office.indicators]]
code = "a"
name = "Jumlah <b>laporan</b>"
[office.indicators.periods.2021]
target = "12 Laporan"
realisation = "9 Laporan"
"""
    report = lakipcore.loads_report(text)
    scored = lakipcore.score_report(report, "banten-2019")
    for html in (report._repr_html_(), scored._repr_html_(), scored.current.root._repr_html_()):
        assert "<script>" not in html
        assert "<b>" not in html
        assert "&lt;script&gt;" in html
    assert "UPT <script>alert(1)</script> & Co \\| x" in scored._repr_markdown_()
    rows = _cells(scored.current.root._repr_html_())
    assert ["a", "Jumlah <b>laporan</b>", "12", "9", "75,00%"] in rows


def test_audit_returns_findings_that_are_a_list(report: lakipcore.Report) -> None:
    """The audit's result is a list of findings (equal to a list) with views and counts."""
    findings = audit(report)
    assert isinstance(findings, Findings)
    assert isinstance(findings, list)
    assert list(findings) == findings
    assert findings == list(findings)
    assert {"error": 9, "warning": 2, "info": 14} == findings.summary()
    assert 9 == len(findings.errors)
    assert all(f.severity is Severity.ERROR for f in findings.errors)
    assert 2 == len(findings.warnings)
    assert 14 == len(findings.notes)
    groups = findings.by_unit()
    first_seen = list(dict.fromkeys(f.subject.unit for f in findings))
    assert first_seen == list(groups)
    assert 3 == len(groups["kanwil-banten"])
    assert sum(len(g) for g in groups.values()) == len(findings)
    assert all(f.subject.unit == code for code, g in groups.items() for f in g)
    assert findings.to_dict(source="banten-2019.toml")["summary"] == findings.summary()
    assert Findings() == []


@pytest.mark.usefixtures("indonesian")
def test_findings_html_is_coloured_by_severity(report: lakipcore.Report) -> None:
    """Each finding is a row in its severity's colour; the published and recomputed figures are
    in Indonesian format."""
    findings = audit(report)
    html = findings._repr_html_()
    rows = _cells(html)
    assert "Audit: 9 kesalahan (error), 2 peringatan (warning), 14 catatan (info)" in html
    yoy = next(r for r in rows if r[1] == "figure-mismatch" and r[4] == "7,74%")
    assert ["error", "figure-mismatch", "kanwil-banten", "2019", "7,74%", "7,46"] == yoy[:6]
    colour, background = SEVERITY_COLOURS[Severity.ERROR]
    row_styles = re.findall(r'<tr style="color:([^;]+);background:([^"]+)">', html)
    assert len(findings) == len(row_styles)
    assert 9 == row_styles.count((colour, background))
    assert 14 == row_styles.count(SEVERITY_COLOURS[Severity.INFO])
    assert "| error | figure-mismatch | kanwil-banten | 2019 | 7,74% | 7,46 |" in (
        findings._repr_markdown_()
    )
    assert "Audit: 0 kesalahan" in Findings()._repr_html_()


def test_display_ignores_a_hostile_context(scored: lakipcore.ReportScore) -> None:
    """Rendering reads no decimal context: the same HTML inside a hostile one."""
    html, markdown = scored._repr_html_(), scored._repr_markdown_()
    with hostile_context() as context:
        assert html == scored._repr_html_()
        assert markdown == scored._repr_markdown_()
        assert "<ReportScore 2 periods, main 2019: performance 116,13%>" == repr(scored)
        flags = [flag for flag, raised in context.flags.items() if raised]
    assert [] == flags


def test_display_imports_no_dataframe_library() -> None:
    """Showing a score imports neither pandas, numpy nor pyarrow (checked in a fresh
    interpreter, whatever this test run has imported)."""
    code = (
        "import sys, lakipcore\n"
        "scored = lakipcore.score_report(lakipcore.load_example())\n"
        "html = scored._repr_html_(); scored._repr_markdown_(); repr(scored)\n"
        "from lakipcore.audit import audit\n"
        "audit(lakipcore.load_example())._repr_html_()\n"
        "assert '116,13%' in html\n"
        "print(' '.join(m for m in ('pandas', 'numpy', 'pyarrow', 'polars') if m in sys.modules))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    assert "" == result.stdout.strip()


def test_ipython_display_formatter(scored: lakipcore.ReportScore) -> None:
    """IPython's HTML formatter renders a score with the office performance (IPython is not a
    test dependency: skipped without it)."""
    formatters = pytest.importorskip("IPython.core.formatters")
    html = formatters.HTMLFormatter()(scored)
    assert "116,13%" in html
    markdown = formatters.MarkdownFormatter()(scored)
    assert "116,13%" in markdown


@pytest.mark.usefixtures("indonesian")
@pytest.mark.parametrize(
    "module", ["lakipcore.render.notebook", "lakipcore.render.text", "lakipcore.results.findings"]
)
def test_module_examples(module: str) -> None:
    """The examples in the display and export modules' docstrings give the output shown, in
    the default language (Indonesian), as a user who sets none sees it."""
    import doctest
    import importlib

    result = doctest.testmod(importlib.import_module(module))
    assert (0, True) == (result.failed, result.attempted > 0)


def test_findings_come_errors_first(report: lakipcore.Report) -> None:
    """The findings table lists the errors, then the warnings, then the notes, each in the
    audit's order; so does its Markdown."""
    findings = audit(report)
    rows = _cells(findings._repr_html_())[1:]
    severities = [row[0] for row in rows]
    assert ["error"] * 9 + ["warning"] * 2 + ["info"] * 14 == severities
    errors = [f for f in findings if f.severity is Severity.ERROR]
    assert [f.code.value for f in errors] == [row[1] for row in rows[:9]]
    assert [str(f.subject) for f in errors] == [row[2] for row in rows[:9]]
    lines = findings._repr_markdown_().splitlines()
    table = [line for line in lines if line.startswith("| ") and "---" not in line][1:]
    assert ["error"] * 9 + ["warning"] * 2 + ["info"] * 14 == [
        line.split(" | ")[0].removeprefix("| ") for line in table
    ]
    # The assessment's page shows the same order.
    assessment = lakipcore.assess(report)
    tail = _cells(assessment._repr_html_())[-25:]
    assert severities == [row[0] for row in tail]


@pytest.mark.usefixtures("indonesian")
def test_findings_message_wraps_beside_a_narrow_location(report: lakipcore.Report) -> None:
    """The message column has a minimum width and wraps; the location column is narrow, its
    cells small type that breaks anywhere (a long table title or cell reference). Widths are
    set once, on the headings; the browser test measures the result."""
    findings = audit(report)
    html = findings._repr_html_()
    headings = {
        text: style for style, text in re.findall(r'<th style="([^"]*)">([^<]*)</th>', html)
    }
    assert "min-width:24em" in headings["Pesan"]
    assert "width:10em" in headings["Letak"]
    cells = re.findall(r'<td style="([^"]*)">([^<]*)</td>', html)
    small = [text for style, text in cells if "word-break:break-all" in style]
    assert all("font-size:0.78em" in style for style, _ in cells if "break-all" in style)
    first = next(f for f in findings if f.severity is Severity.ERROR)
    assert len(findings) == len(small)
    assert html_escape(first.location.said()) == small[0]  # in words, no directory
    assert html_escape(first.message) in html
    # The cells are aligned to the top, once for the whole body.
    assert 1 == html.count('<tbody style="vertical-align:top">')


@pytest.mark.usefixtures("indonesian")
def test_tables_show_at_most_max_rows(
    report: lakipcore.Report, scored: lakipcore.ReportScore, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A table longer than MAX_ROWS shows that many rows and says how many it leaves out;
    only the rows shown are made."""
    from lakipcore.render import notebook

    findings = audit(report)
    monkeypatch.setattr(notebook, "MAX_ROWS", 5)
    rows = _cells(findings._repr_html_())
    assert 1 + 5 + 1 == len(rows)
    assert ["error"] * 5 == [row[0] for row in rows[1:6]]
    assert "… dan 20 baris lain tidak ditampilkan (semua baris: lakipcore.arrow)" == rows[-1][0]
    markdown = findings._repr_markdown_()
    assert "… dan 20 baris lain tidak ditampilkan" in markdown
    assert 5 == markdown.count("| error |")
    dashboard = _cells(scored.current._repr_html_())
    assert ["A", "1", "2", "3", "4"] == [row[0] for row in dashboard[1:6]]
    assert "… dan 5 baris lain" in dashboard[-1][0]
    assert "… dan 5 baris lain" in report._repr_html_()
    monkeypatch.setattr(notebook, "MAX_ROWS", 100)
    assert "baris lain" not in findings._repr_html_()
    assert "baris lain" not in scored._repr_html_()


# --- the notebook tables in both languages (issue 20, item 1) ---------------------------------

_DASHBOARD_ID = ["No", "Unit Kerja", "Indikator Kinerja", "Penyerapan Anggaran", "Performance"]
_DASHBOARD_EN = ["No.", "Unit", "Performance indicators", "Budget absorption", "Performance"]
_FINDINGS_ID = ["Tingkat", "Kode", "Subjek", "Periode", "Tercetak", "Dihitung", "Letak", "Pesan"]
_FINDINGS_EN = [
    "Severity",
    "Code",
    "Subject",
    "Period",
    "Printed",
    "Computed",
    "Location",
    "Message",
]


def _counts(findings: Findings) -> list[int]:
    return [sum(f.severity is s for f in findings) for s in Severity]


@pytest.mark.usefixtures("indonesian")
def test_notebook_tables_are_indonesian_by_default(
    report: lakipcore.Report, scored: lakipcore.ReportScore
) -> None:
    """With no language asked for, headings and captions are Indonesian (the page's words),
    the findings' messages and places too; figures in the report's notation."""
    html = scored._repr_html_()
    rows = _cells(html)
    assert _DASHBOARD_ID == rows[0]
    assert "Dashboard Performance Tahun Anggaran 2019 (metode: banten-2019)" in html
    assert "(utama 2019)" in html
    assert ["No", "Unit Kerja", "2018", "2019", "Perubahan"] in rows
    unit = _cells(scored.current.unit("sekjen")._repr_html_())
    assert ["Kode", "Indikator Kinerja", "Target", "Realisasi", "Capaian"] in unit
    assert "Realisasi Indikator Kinerja" in scored.current.unit("sekjen")._repr_html_()
    findings = audit(report)
    shown = findings._repr_html_()
    assert _FINDINGS_ID == _cells(shown)[0]
    errors, warnings, notes = _counts(findings)
    assert (
        f"Audit: {errors} kesalahan (error), {warnings} peringatan (warning), "
        f"{notes} catatan (info)"
    ) in shown
    assert html_escape(findings[0].message_in("id")) in shown
    assert ["Kunci", "Periode", "Metode", "Rencana"] == _cells(report._repr_html_())[0]
    markdown = report._repr_markdown_()
    assert "| Kode | Unit Kerja | Periode | Indikator |" in markdown


def test_notebook_tables_speak_english_on_request(
    report: lakipcore.Report, scored: lakipcore.ReportScore, monkeypatch: pytest.MonkeyPatch
) -> None:
    """In English (``LAKIP_LANG=en``, a ``speaking("en")`` block, or ``lang="en"`` given to
    the display functions) the headings, captions and findings are English and the figures
    the same; ``lang="id"`` wins over the language in force."""
    from lakipcore.i18n import speaking
    from lakipcore.render import notebook

    html = scored._repr_html_()  # the suite's LAKIP_LANG=en
    rows = _cells(html)
    assert _DASHBOARD_EN == rows[0]
    assert ["A", "Kantor Wilayah Kementerian Hukum dan HAM Banten", "133,51%", "98,75%"] == rows[1][
        :4
    ]
    assert "Performance dashboard Tahun Anggaran 2019 (method: banten-2019)" in html
    assert "(main 2019)" in html
    assert ["No.", "Unit", "2018", "2019", "Change"] in rows
    sekjen = scored.current.unit("sekjen")
    assert ["Code", "Performance indicator", "Target", "Realisation", "Achievement"] in _cells(
        sekjen._repr_html_()
    )
    assert "| Not targeted | - | not targeted |" in sekjen._repr_markdown_()
    assert "Sub-units" in scored.current.root._repr_html_()
    findings = audit(report)
    shown = findings._repr_html_()
    assert _FINDINGS_EN == _cells(shown)[0]
    errors, warnings, notes = _counts(findings)
    assert f"Audit: {errors} errors, {warnings} warnings, {notes} notes (info)" in shown
    assert f"**Audit: {errors} errors, " in findings._repr_markdown_()
    assert html_escape(findings[0].message_in("en")) in shown
    assert ["Key", "Period", "Method", "Planned"] == _cells(report._repr_html_())[0]
    assert "| Code | Unit | Periods | Indicators |" in report._repr_markdown_()
    # A planned period says so in the reader's language.
    planned = lakipcore.load_report(
        Path(lakipcore.__file__).parent / "data" / "tanah-datar-2011-2015.toml"
    )
    assert any(row[-1] == "yes" for row in _cells(planned._repr_html_()))
    assert any(row[-1] == "ya" for row in _cells(notebook.report_html(planned, lang="id")))
    # lang= wins over the language in force; a speaking() block over LAKIP_LANG.
    assert _DASHBOARD_ID == _cells(notebook.report_score_html(scored, lang="id"))[0]
    assert "| No | Unit Kerja |" in notebook.period_score_markdown(scored.current, lang="id")
    assert _FINDINGS_ID == _cells(notebook.findings_html(findings, lang="id"))[0]
    monkeypatch.delenv("LAKIP_LANG")
    with speaking("en"):
        assert _DASHBOARD_EN == _cells(scored._repr_html_())[0]
    assert _DASHBOARD_ID == _cells(scored._repr_html_())[0]


def test_the_rows_left_out_are_counted_in_english(
    scored: lakipcore.ReportScore, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The note on the rows a table leaves out speaks the reader's language, one row or
    several."""
    from lakipcore.render import notebook

    monkeypatch.setattr(notebook, "MAX_ROWS", 9)
    rows = _cells(scored._repr_html_())
    assert "… and 1 more row not shown (every row: lakipcore.arrow)" in [r[0] for r in rows]
    monkeypatch.setattr(notebook, "MAX_ROWS", 5)
    rows = _cells(scored._repr_html_())
    assert "… and 5 more rows not shown (every row: lakipcore.arrow)" in [r[0] for r in rows]
