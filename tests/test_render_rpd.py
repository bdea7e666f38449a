"""The RPD (rencana penarikan dana) and the pagu awal on the HTML page, checked in its text.

A programme that states its RPD gets, in Realisasi Anggaran, an RPD column and realisasi
against it (Realisasi thd RPD), and the absorption chart a second bar per unit; a programme that
states its pagu awal gets a Pagu Awal column. A report stating neither has the page it had.
Expected figures are worked out by hand from the inputs of tests/data/rpd-2021.toml (its
comment shows the sums), never read from the renderer.
"""

from __future__ import annotations

import re
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path

import pytest

import lakipcore
from lakipcore.render import render_html

RPD = Path(__file__).parent / "data" / "rpd-2021.toml"
DATA = Path(lakipcore.__file__).parent / "data"

# The page in its default language, Indonesian, as a user who sets nothing reads it (the suite
# runs in English otherwise).
pytestmark = pytest.mark.usefixtures("indonesian")
HEAD = ["No", "Unit Kerja / Keluaran", "Pagu (Rp)", "Realisasi (Rp)", "Penyerapan"]
RPD_HEAD = [
    "No",
    "Unit Kerja / Keluaran",
    "Pagu Awal (Rp)",
    "Pagu (Rp)",
    "Realisasi (Rp)",
    "Penyerapan",
    "RPD (Rp)",
    "Realisasi thd RPD",
]


class _Budget(HTMLParser):
    """The budget table's heading and rows (each row's cell texts, keyed by data-unit, or by
    ``output N`` for output rows), and the absorption chart's bars and values."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.head: list[str] = []
        self.rows: dict[str, list[str]] = {}
        self.bars: list[dict[str, str]] = []
        self.values: list[str] = []
        self.desc = ""
        self.legend: list[str] = []
        self._table = self._chart = self._in_value = self._in_desc = self._in_legend = False
        self._row: list[str] | None = None
        self._cell: list[str] | None = None
        self._outputs = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "table" and "budget" in a.get("class", "").split():
            self._table = True
        elif self._table and tag == "tr":
            self._row = []
            if "data-unit" in a:
                key = a["data-unit"]
            elif a.get("class") == "output":
                self._outputs += 1
                key = f"output {self._outputs}"
            else:
                key = "head"
            self.rows[key] = self._row
        elif self._table and tag in ("td", "th") and self._row is not None:
            self._cell = []
        elif tag == "svg" and a.get("data-chart") == "absorption":
            self._chart = True
        elif self._chart and tag == "rect" and "bar" in a.get("class", "").split():
            self.bars.append(a)
        elif self._chart and tag == "text" and a.get("class") == "value":
            self._in_value = True
            self.values.append("")
        elif self._chart and tag == "desc":
            self._in_desc = True
        elif self._chart and tag == "g" and a.get("class") == "legend":
            self._in_legend = True

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag == "table":
            self._table = False
        elif tag in ("td", "th") and self._cell is not None and self._row is not None:
            self._row.append("".join(self._cell).strip())
            self._cell = None
        elif tag == "svg":
            self._chart = False
        elif tag == "text":
            self._in_value = False
        elif tag == "desc":
            self._in_desc = False
        elif tag == "g":
            self._in_legend = False

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)
        if self._in_value:
            self.values[-1] += data
        if self._in_desc:
            self.desc += data
        if self._in_legend and data.strip():
            self.legend.append(data.strip())


def budget_of(page: str) -> _Budget:
    parsed = _Budget()
    parsed.feed(page)
    parsed.close()
    parsed.head = parsed.rows.pop("head")
    return parsed


def _rpd_text() -> str:
    return RPD.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def report() -> lakipcore.Report:
    return lakipcore.load_report(RPD)


@pytest.fixture(scope="module")
def page(report: lakipcore.Report) -> str:
    # A module's fixture is made before any test's fixture: it asks for Indonesian itself.
    return render_html(lakipcore.assess(report), lang="id")


@pytest.fixture(scope="module")
def budget(page: str) -> _Budget:
    return budget_of(page)


def test_the_budget_table_has_the_rpd_and_pagu_awal_columns(budget: _Budget) -> None:
    """Pagu Awal before the pagu; RPD and realisasi against it after Penyerapan."""
    assert RPD_HEAD == budget.head


def test_each_row_shows_its_rpd_and_realisasi_against_it(budget: _Budget) -> None:
    """Each programme's RPD and realisasi / RPD; the office's Σ realisasi / Σ RPD (the method
    sums amounts); a pagu awal only where the programme states one."""
    rows = budget.rows
    assert ["1", "Bagian UmumDukungan Manajemen"] == rows["umum"][:2]
    assert [
        "1.200.000.000",
        "1.000.000.000",
        "760.000.000",
        "76,00%",
        "800.000.000",
        "95,00%",
    ] == rows["umum"][2:]
    assert ["–", "500.000.000", "250.000.000", "50,00%", "400.000.000"] == rows["hukum"][2:7]
    assert ["–", "300.000.000", "210.000.000", "70,00%", "200.000.000", "105,00%"] == rows["ham"][
        2:
    ]
    # The office: no pagu awal (two programmes state none), RPD 1.400.000.000, 1220 / 1400.
    assert ["–", "1.800.000.000", "1.220.000.000", "67,78%", "1.400.000.000", "87,14%"] == (
        rows["kanwil"][2:]
    )


def test_outputs_leave_the_programme_columns_empty(budget: _Budget) -> None:
    """An output has no pagu awal nor RPD: its row has the cells, empty, so columns line up."""
    for key in ("output 1", "output 2", "output 3"):
        row = budget.rows[key]
        assert len(RPD_HEAD) == len(row)
        assert "" == row[2]
        assert ["", ""] == row[-2:]
    assert ["1.000.000.000", "760.000.000", "76,00%"] == budget.rows["output 1"][3:6]


def test_a_wrong_printed_rpd_rate_is_marked_in_its_cell(page: str, budget: _Budget) -> None:
    """The printed 81,25 % of hukum is struck in the Realisasi thd RPD cell, beside 62,50 %."""
    assert "dicetak 81,25% seharusnya 62,50% [1]" == budget.rows["hukum"][7]
    assert 'data-quantity="absorption-rpd"' in page
    assert "Angka ini tidak tampil di tabel halaman ini" not in page


def test_the_absorption_chart_pairs_each_unit_with_its_rpd_bar(budget: _Budget) -> None:
    """Two bars per unit: realisasi against the pagu (series 0) and against the RPD (series 1,
    keyed ``unit:rpd``), with the exact values, their figures and a legend."""
    bars = {bar["data-key"]: bar for bar in budget.bars}
    assert {"umum", "hukum", "ham", "umum:rpd", "hukum:rpd", "ham:rpd"} == set(bars)
    expected = {
        "umum": "76",
        "hukum": "50",
        "ham": "70",
        "umum:rpd": "95",
        "hukum:rpd": "62.5",
        "ham:rpd": "105",
    }
    for key, value in expected.items():
        assert Decimal(value) == Decimal(bars[key]["data-value"]), key
        assert ("1" if key.endswith(":rpd") else "0") == bars[key]["data-series"]
    assert ["76,00%", "95,00%", "50,00%", "62,50%", "70,00%", "105,00%"] == budget.values
    assert ["Realisasi thd pagu", "Realisasi thd RPD"] == budget.legend
    assert "Bidang Hukum: Realisasi thd pagu 50,00%, Realisasi thd RPD 62,50%" in budget.desc
    # Longer bars for larger values, across both series.
    ranked = sorted(bars, key=lambda key: Decimal(bars[key]["data-value"]))
    widths = [Decimal(bars[key]["width"]) for key in ranked]
    assert widths == sorted(widths)


def test_the_office_rate_follows_the_methods_aggregation() -> None:
    """Under mean-of-units the office's realisasi thd RPD is the mean of the units' rates,
    (95 + 62,5 + 105) / 3 = 87,5 %, as its absorption is the mean of theirs."""
    text = _rpd_text().replace('method = "pooled-sum"', 'method = "mean-of-units"')
    office = budget_of(render_html(lakipcore.assess(lakipcore.loads_report(text)))).rows["kanwil"]
    assert ["65,33%", "1.400.000.000", "87,50%"] == office[5:]


def test_a_programme_without_rpd_has_a_dash_and_so_has_the_office() -> None:
    """A programme stating no RPD shows –, and so does every row that needs it (the office);
    its chart row has the pagu bar and the dash, no RPD bar."""
    text = _rpd_text().replace('plan = "200.000.000"\n', "")
    parsed = budget_of(render_html(lakipcore.assess(lakipcore.loads_report(text))))
    assert ["–", "–"] == parsed.rows["ham"][6:]
    assert ["–", "–"] == parsed.rows["kanwil"][6:]
    assert ["800.000.000", "95,00%"] == parsed.rows["umum"][6:]
    keys = {bar["data-key"] for bar in parsed.bars}
    assert {"umum", "hukum", "ham", "umum:rpd", "hukum:rpd"} == keys
    assert ["76,00%", "95,00%", "50,00%", "62,50%", "70,00%", "–"] == parsed.values


def test_a_zero_rpd_has_no_rate() -> None:
    """Realisasi against an RPD of zero is undefined: –, never zero or infinite."""
    text = _rpd_text().replace('plan = "200.000.000"', 'plan = "0"')
    rows = budget_of(render_html(lakipcore.assess(lakipcore.loads_report(text)))).rows
    assert ["0", "–"] == rows["ham"][6:]
    assert ["1.200.000.000", "–"] == rows["kanwil"][6:]


def test_sub_units_add_up_in_their_parents_row() -> None:
    """A unit with sub-units shows the Σ RPD of its own programme and theirs, and realisasi
    against it: ham 210 + 90 = 300 against 200 + 100 = 300, so 100 %."""
    child = (
        '\n[[units]]\ncode = "ham-daerah"\nname = "Seksi HAM Daerah"\nparent = "ham"\n\n'
        '[units.periods.2021.budget]\nprogramme = "Pelayanan HAM"\nplan = "100.000.000"\n\n'
        '[[units.periods.2021.budget.outputs]]\nname = "Layanan komunikasi HAM"\n'
        'pagu = "150.000.000"\nrealisation = "90.000.000"\n'
    )
    parsed = budget_of(render_html(lakipcore.assess(lakipcore.loads_report(_rpd_text() + child))))
    assert ["450.000.000", "300.000.000", "66,67%", "300.000.000", "100,00%"] == parsed.rows["ham"][
        3:
    ]
    assert ["150.000.000", "90.000.000", "60,00%", "100.000.000", "90,00%"] == parsed.rows[
        "ham-daerah"
    ][3:]
    # The office: 1.310.000.000 / 1.500.000.000.
    assert ["1.500.000.000", "87,33%"] == parsed.rows["kanwil"][6:]


def test_without_rpd_or_pagu_awal_the_table_and_chart_are_as_before() -> None:
    """No RPD and no pagu awal anywhere: the five columns of old and one bar per unit."""
    text = _rpd_text()
    for line in (
        'original = "1.200.000.000"\n',
        'revisions = [{ kind = "penghematan", amount = "200.000.000" }]\n',
        'plan = "800.000.000"\n',
        'plan = "400.000.000"\n',
        'plan = "200.000.000"\n',
        'printed.pagu-awal = { anggaran = "1.200.000.000" }\n',
        'printed.rpd = { anggaran = "800.000.000" }\n',
        'printed.absorption-rpd = { anggaran = "95,00%" }\n',
        'printed.absorption-rpd = { anggaran = "81,25%" }\n',
    ):
        assert line in text
        text = text.replace(line, "")
    page = render_html(lakipcore.assess(lakipcore.loads_report(text)))
    parsed = budget_of(page)
    assert HEAD == parsed.head
    assert all(len(HEAD) == len(row) for row in parsed.rows.values())
    assert {"umum", "hukum", "ham"} == {bar["data-key"] for bar in parsed.bars}
    assert not any("data-series" in bar for bar in parsed.bars)
    assert [] == parsed.legend
    assert "thd RPD" not in page  # (the report's title has "RPD" in it)
    assert "Rencana Penarikan Dana" not in page
    assert "Pagu Awal" not in page


@pytest.mark.parametrize("path", sorted(DATA.glob("*.toml")), ids=lambda p: p.stem)
def test_shipped_examples_have_no_rpd_columns(path: Path) -> None:
    """No shipped example states an RPD; only PPPOMN, revised, has the pagu awal, beside its
    revised pagu."""
    report = lakipcore.load_report(path)
    page = render_html(lakipcore.assess(report))
    assert "Realisasi thd RPD" not in page
    if path.stem == "bua-ma-2019":  # a pagu awal per type of spending: the column has its sum
        cells = budget_of(page).rows["bua-ma"][2:5]  # each flagged: the JUMLAH row is off
        assert ["3.600.947.000", "3.049.075.000", "3.026.087.867"] == [
            cell.split("seharusnya ")[1].split()[0] for cell in cells
        ]
        return
    if path.stem != "pppomn-2021-tw2":
        assert "Pagu Awal" not in page
        return
    parsed = budget_of(page)
    assert ["No", "Unit Kerja / Keluaran", "Pagu Awal (Rp)", *HEAD[2:]] == parsed.head
    assert ["105.370.538.000", "103.826.538.000", "23.906.077.655"] == parsed.rows["pppomn"][2:5]
    (output,) = (row for key, row in parsed.rows.items() if key.startswith("output"))
    assert ["", "103.826.538.000", "23.906.077.655", "23,03%"] == output[2:]


def test_pagu_column_is_the_revised_pagu_under_the_pagu_awal_method() -> None:
    """Under a method measuring absorption against the pagu awal, the Pagu column still shows
    the revised pagu (the score's pagu is then the pagu awal) and Penyerapan the rate against
    the pagu awal: 23.906.077.655 / 105.370.538.000 = 22,69 %."""
    text = (DATA / "pppomn-2021-tw2.toml").read_text(encoding="utf-8")
    own = '[methods.awal]\nbase = "pooled-sum"\nabsorption-base = "original"\n\n[[periods]]'
    text = text.replace("[[periods]]", own, 1).replace('method = "pooled-sum"', 'method = "awal"')
    parsed = budget_of(render_html(lakipcore.assess(lakipcore.loads_report(text))))
    row = parsed.rows["pppomn"]
    assert ["105.370.538.000", "103.826.538.000", "23.906.077.655"] == row[2:5]
    assert row[5].endswith("seharusnya 22,69% [1]")  # the report's 23.03% is against the pagu


def test_the_budget_speaks_english_on_request(report: lakipcore.Report) -> None:
    """With ``lang="en"`` the budget table's heading, the RPD's expansion, the note and the
    chart's legend are English; the amounts and rates are those of the Indonesian page."""
    assessment = lakipcore.assess(report)
    page = render_html(assessment, lang="en")
    english, indonesian = budget_of(page), budget_of(render_html(assessment, lang="id"))
    assert [
        "No.",
        "Unit / output",
        "Original pagu (Rp)",
        "Pagu (Rp)",
        "Realisation (Rp)",
        "Absorption",
        "RPD (Rp)",
        "Realisation against RPD",
    ] == english.head
    figures = [
        {
            key: [re.findall(r"\d[\d.,]*%?|–", cell) for cell in row]
            for key, row in parsed.rows.items()
        }
        for parsed in (english, indonesian)
    ]
    assert figures[0] == figures[1]
    assert indonesian.values == english.values
    assert ["Realisation against pagu", "Realisation against RPD"] == english.legend
    assert '<abbr title="Disbursement plan">RPD</abbr>' in page
    assert "RPD: the disbursement plan up to the end of the period" in page
    assert "Rencana Penarikan Dana" not in page
    assert "thd" not in page
