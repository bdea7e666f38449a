"""The HTML report (lakipcore.render.render_html, ``lakip report``), checked as parsed HTML.

Expected figures come from the report file (the figures it prints) or from the audit, never from
the renderer: the page must show what the report's inputs give and mark what the report gets
wrong.
"""

from __future__ import annotations

import decimal
import itertools
import re
from collections.abc import Iterator
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path

import pytest

import lakipcore
from lakipcore.audit import Severity, audit
from lakipcore.cli import main
from lakipcore.i18n import speaking
from lakipcore.render import render_html

DATA = Path(lakipcore.__file__).parent / "data"
EXAMPLES = sorted(DATA.glob("*.toml"))
MAX_BYTES = 300_000
VOID = {"meta", "br", "img", "input", "link", "hr", "wbr", "col", "source"}

# The page in its default language, Indonesian, as a user who sets nothing reads it (the suite
# runs in English otherwise); the English page is tested in its own tests, with lang="en".
pytestmark = pytest.mark.usefixtures("indonesian")


class Element:
    """A parsed element: tag, attributes, children and text."""

    def __init__(self, tag: str, attrs: dict[str, str], parent: Element | None) -> None:
        self.tag, self.attrs, self.parent = tag, attrs, parent
        self.children: list[Element | str] = []

    @property
    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text for c in self.children)

    @property
    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())

    def iter(self) -> Iterator[Element]:
        for child in self.children:
            if isinstance(child, Element):
                yield child
                yield from child.iter()

    def find_all(self, tag: str, **attrs: str) -> list[Element]:
        return [
            e
            for e in self.iter()
            if e.tag == tag and all(e.attrs.get(k.rstrip("_")) == v for k, v in attrs.items())
        ]


class _Builder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#document", {}, None)
        self.current = self.root

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, {k: v or "" for k, v in attrs}, self.current)
        self.current.children.append(element)
        if tag not in VOID:
            self.current = element

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.current.children.append(Element(tag, {k: v or "" for k, v in attrs}, self.current))

    def handle_endtag(self, tag: str) -> None:
        node: Element | None = self.current
        while node is not None and node.tag != tag:
            node = node.parent
        assert node is not None, f"stray </{tag}>"
        assert node.parent is not None
        self.current = node.parent

    def handle_data(self, data: str) -> None:
        self.current.children.append(data)


def parse(page: str) -> Element:
    builder = _Builder()
    builder.feed(page)
    builder.close()
    assert builder.current is builder.root, f"unclosed <{builder.current.tag}>"
    return builder.root


@pytest.fixture(scope="module")
def banten() -> lakipcore.Report:
    return lakipcore.load_example()


@pytest.fixture(scope="module")
def page(banten: lakipcore.Report) -> str:
    # A module's fixture is made before any test's fixture: it asks for Indonesian itself.
    return render_html(lakipcore.assess(banten), lang="id")


@pytest.fixture(scope="module")
def doc(page: str) -> Element:
    return parse(page)


def _printed(report: lakipcore.Report, code: str, quantity: str, place: str) -> str:
    block = report.unit(code).at("2019")
    assert block is not None
    texts = [p.text for p in block.printed if p.quantity.value == quantity and p.place == place]
    assert len(texts) == 1, (code, quantity, place)
    return texts[0]


def _dashboard_rows(doc: Element) -> dict[str, Element]:
    (table,) = [t for t in doc.find_all("table") if "dashboard" in t.classes]
    return {row.attrs["data-unit"]: row for row in table.find_all("tr") if "data-unit" in row.attrs}


def _value(text: str) -> Decimal:
    return lakipcore.parse_figure(text.strip().lstrip("+")).value


def test_office_performance_is_the_reports(banten: lakipcore.Report, doc: Element) -> None:
    """The office row of the Dashboard Performance shows 116,13%, the report's printed figure."""
    printed = _printed(banten, "kanwil-banten", "performance", "summary-dashboard")
    assert "116,13%" == printed
    office = _dashboard_rows(doc)["kanwil-banten"]
    assert printed in [td.text for td in office.find_all("td")]
    (summary,) = [dd for dd in doc.find_all("dd") if "performance" in dd.classes]
    assert printed == summary.text


def test_every_unit_has_its_printed_dashboard_row(banten: lakipcore.Report, doc: Element) -> None:
    """Every unit has a dashboard row showing the three figures the report prints for it (the
    malformed '104.30%' of Ditjen Pemasyarakatan, a notation slip, is shown as 104,30% with the
    printed text above it, not struck out)."""
    rows = _dashboard_rows(doc)
    assert [u.code for u in banten.units()] == list(rows)
    for unit in banten.units():
        cells = rows[unit.code].find_all("td")[1:]
        assert unit.name == rows[unit.code].find_all("th")[0].text
        for cell, quantity in zip(cells, ("achievement", "absorption", "performance"), strict=True):
            printed = _printed(banten, unit.code, quantity, "summary-dashboard")
            if printed == "104.30%":
                assert {"slip"} <= cell.classes - {"flagged"}
                assert cell.text.startswith("dicetak 104.30% 104,30% [")
                assert not cell.find_all("s")
            else:
                assert printed == cell.text


def _bars(doc: Element, chart: str) -> list[Element]:
    (svg,) = doc.find_all("svg", **{"data-chart": chart})
    return [r for r in svg.find_all("rect") if "bar" in r.classes]


def test_one_bar_per_unit_in_the_order_of_the_values(
    banten: lakipcore.Report, doc: Element
) -> None:
    """The capaian and absorption charts have one bar per unit, in report order, whose
    lengths follow the printed figures (the bars are horizontal: their length is the width)."""
    units = [u.code for u in banten.root.units]
    for chart, quantity in (("achievement", "achievement"), ("absorption", "absorption")):
        bars = _bars(doc, chart)
        assert units == [b.attrs["data-key"] for b in bars]
        printed = [_value(_printed(banten, code, quantity, "summary-dashboard")) for code in units]
        widths = [Decimal(b.attrs["width"]) for b in bars]
        ordered = sorted(zip(printed, widths, strict=True))
        for (low, narrow), (high, wide) in itertools.pairwise(ordered):
            assert narrow <= wide or low == high, (chart, low, high)


def test_the_hundred_percent_line_sits_at_100(doc: Element) -> None:
    """The dashed reference line of the capaian chart is where a bar of exactly 100 % ends."""
    (svg,) = doc.find_all("svg", **{"data-chart": "achievement"})
    (reference,) = [g for g in svg.find_all("g") if "reference" in g.classes]
    (line,) = reference.find_all("line")
    full = next(b for b in _bars(doc, "achievement") if b.attrs["data-key"] == "ahu")  # 100,00%
    end = Decimal(full.attrs["x"]) + Decimal(full.attrs["width"])
    assert abs(end - Decimal(line.attrs["x1"])) <= Decimal("0.02")


def test_change_chart_draws_the_fall_to_the_left(doc: Element) -> None:
    """The change chart has a bar per unit; Ditjen Kekayaan Intelektual's performance fell
    (111,52 % against 133,14 %) and is the one negative bar."""
    bars = _bars(doc, "change")
    assert 9 == len(bars)
    negative = [b.attrs["data-key"] for b in bars if "negative" in b.classes]
    assert ["ki"] == negative


def test_every_error_is_marked_beside_its_figure(banten: lakipcore.Report, doc: Element) -> None:
    """Each of the audit's 9 errors but the notation slip '104.30%' is marked in a table cell
    of its unit and period, whose title names the printed text and whose mark shows the
    recomputed value."""
    errors = [f for f in audit(banten) if f.severity is Severity.ERROR]
    assert 9 == len(errors)
    flagged = [td for td in doc.find_all("td") if "flagged" in td.classes]
    assert "104.30%" not in " ".join(td.attrs["title"] for td in flagged)
    for finding in errors:
        if finding.published == "104.30%":
            continue
        assert finding.published is not None
        assert finding.recomputed is not None
        cells = [
            td
            for td in flagged
            if td.attrs["data-unit"] == finding.subject.unit
            and td.attrs["data-period"] == finding.period
            and finding.published in td.attrs["title"]
        ]
        assert cells, finding
        for td in cells:
            (mark,) = td.find_all("mark")
            shown = _value(mark.text.removeprefix("seharusnya "))
            places = finding.places if finding.places is not None else 2
            assert lakipcore.round_to(finding.recomputed, places) == lakipcore.round_to(
                shown, places
            )
            assert finding.published in td.find_all("s")[0].text


def test_flagged_cells_only_for_errors(banten: lakipcore.Report, doc: Element) -> None:
    """Only errors are marked: the notes (a truncated 99,99%) are listed, not flagged."""
    findings = [f for f in audit(banten) if f.severity is Severity.ERROR]
    numbers = {
        n
        for td in doc.find_all("td")
        if "flagged" in td.classes
        for n in td.attrs["data-findings"].split()
    }
    items = {li.attrs["id"]: li for li in doc.find_all("li") if "finding" in li.classes}
    assert len(audit(banten)) == len(items)
    assert {f"temuan-{n}" for n in numbers} <= set(items)
    assert all("error" in items[f"temuan-{n}"].classes for n in numbers)
    assert len(findings) == sum("error" in li.classes for li in items.values())


def test_the_page_loads_nothing(page: str, doc: Element) -> None:
    """No URL, no script, no stylesheet link, no image or frame source: the page is one file."""
    assert "http://" not in page
    assert "https://" not in page
    assert "url(" not in page
    assert "@import" not in page
    assert not doc.find_all("script")
    assert not doc.find_all("link")
    assert not [e for e in doc.iter() if "src" in e.attrs]
    assert all(a.attrs.get("href", "#").startswith("#") for a in doc.find_all("a"))


def test_charts_are_accessible(doc: Element) -> None:
    """Every chart is an image with a title and a description that lists its values."""
    ids = {e.attrs["id"]: e for e in doc.iter() if "id" in e.attrs}
    charts = doc.find_all("svg")
    assert len(charts) >= 5
    for svg in charts:
        assert "img" == svg.attrs["role"]
        title, desc = (ids[i] for i in svg.attrs["aria-labelledby"].split())
        assert ("title", "desc") == (title.tag, desc.tag)
        assert title.text
        assert title.parent is svg
        for bar in svg.find_all("rect"):
            if "bar" in bar.classes:
                label = bar.attrs["aria-label"]
                assert label.split(": ")[-1] in desc.text


def test_the_method_is_stated_in_words(doc: Element) -> None:
    """The Metode Perhitungan section names both methods of the report and the rounding."""
    (section,) = doc.find_all("section", id="metode")
    words = section.text
    assert "banten-2018" in words
    assert "banten-2019" in words
    assert "setengah ke atas (half-up), 2 desimal" in words
    assert "Σ realisasi anggaran / Σ pagu" in words


def test_headings_are_those_of_a_lakip(doc: Element) -> None:
    """The sections carry the headings a LAKIP prints."""
    headings = [h.text for h in doc.find_all("h2")]
    for heading in ("Dashboard Performance", "Pengukuran Kinerja", "Realisasi Anggaran"):
        assert heading in headings
    assert "Hasil Audit" in headings
    assert "id" == doc.find_all("html")[0].attrs["lang"]


def test_banten_page_is_small(page: str) -> None:
    """The Banten page is well under 300 KB."""
    assert len(page.encode("utf-8")) < MAX_BYTES


def test_caller_decimal_context_is_ignored(banten: lakipcore.Report, page: str) -> None:
    """A caller's low-precision decimal context changes nothing on the page."""
    with decimal.localcontext() as ctx:
        ctx.prec = 3
        ctx.rounding = decimal.ROUND_DOWN
        assert page == render_html(lakipcore.assess(banten))


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_every_example_renders(path: Path) -> None:
    """Every shipped example renders to a well-formed page under 300 KB, with every unit, its
    achievement where it has one, a dash (never 'None') where a figure is absent, and one bar
    per unit in the capaian chart."""
    report = lakipcore.load_report(path)
    scored = lakipcore.score_report(report)
    page = render_html(lakipcore.assess(report))
    assert len(page.encode("utf-8")) < MAX_BYTES
    doc = parse(page)
    text = doc.text
    assert "None" not in text
    assert "NaN" not in text
    rows = _dashboard_rows(doc)
    assert [u.code for u in report.units()] == list(rows)
    office = scored.current.root
    if office.achievement is not None:
        assert lakipcore.format_percent(office.achievement) in rows[report.root.code].text
    if office.performance is None:
        assert "–" in rows[report.root.code].text
    # A unit without an achievement (a budget-only extract) has no bar: absent, never zero.
    period = scored.current
    units = [
        u.code
        for u in (report.root.units or (report.root,))
        if period.unit(u.code).achievement is not None
    ]
    assert units == [b.attrs["data-key"] for b in _bars(doc, "achievement")]


def test_python_built_report_marks_by_text(banten: lakipcore.Report) -> None:
    """Without origins (a report built in Python), findings are traced by unit, period, table
    and text: Ditjen Pemasyarakatan's '104.30%' is still marked."""
    import attrs

    def strip(unit: lakipcore.Unit) -> lakipcore.Unit:
        blocks = [
            attrs.evolve(
                block,
                printed=[attrs.evolve(p, origin=None) for p in block.printed],
                origin=None,
            )
            for block in unit.periods
        ]
        return attrs.evolve(unit, periods=blocks, units=[strip(u) for u in unit.units], origin=None)

    report = attrs.evolve(banten, root=strip(banten.root))
    doc = parse(render_html(lakipcore.assess(report)))
    marked = [
        td
        for td in _dashboard_rows(doc)["pas"].find_all("td")
        if "slip" in td.classes and "104.30%" in td.attrs["title"]
    ]
    assert 1 == len(marked)


def test_cli_writes_the_page(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """``lakip report -o FILE`` writes the page; without -o it goes to stdout; an unknown method
    is refused with status 2."""
    out = tmp_path / "report.html"
    assert 0 == main(["report", "-o", str(out)])
    written = out.read_text(encoding="utf-8")
    assert written.startswith("<!DOCTYPE html>")
    assert "116,13%" in written
    assert 0 == main(["report", str(EXAMPLES[-1])])
    assert capsys.readouterr().out.startswith("<!DOCTYPE html>")
    assert 2 == main(["report", "--method", "no-such-method"])
    assert "no-such-method" in capsys.readouterr().err


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_chart_text_is_plain_text(path: Path) -> None:
    # A unit without a value is drawn with a plain dash: the tables' dash markup printed as
    # literal "<span class=...>" in the charts and their descriptions (PPPOMN's achievement
    # chart did).
    page = render_html(lakipcore.assess(lakipcore.load_report(path)))
    for svg in page.split("<svg")[1:]:
        drawing = svg.split("</svg>", 1)[0]
        assert "&lt;span" not in drawing
        assert "<span" not in drawing


def _derived_cell(page: str, key: str) -> str:
    row = page.split(f'data-derived="{key}">', 1)[1].split("</tr>", 1)[0]
    return row.rsplit("<td", 1)[1]


def test_derived_figures_are_recomputed_on_the_page() -> None:
    """Nilai Turunan: Banten's KI growth (169 against 117 permohonan, printed 44,44%) and
    Puslatbang's NKA (printed 87.93) as recomputed, listed in the contents."""
    banten = render_html(lakipcore.assess(lakipcore.load_example()))
    assert '<a href="#turunan">Nilai Turunan</a>' in banten
    assert ">44,44%" in _derived_cell(banten, "ki-permohonan-growth")
    puslatbang = render_html(
        lakipcore.assess(lakipcore.load_report(DATA / "puslatbang-kmp-2021.toml"))
    )
    assert ">87,93" in _derived_cell(puslatbang, "nka")
    gunung_kaler = render_html(
        lakipcore.assess(lakipcore.load_report(DATA / "gunung-kaler-2020.toml"))
    )
    assert 'id="turunan"' not in gunung_kaler
    assert "#turunan" not in gunung_kaler


def test_a_wrong_derived_figure_is_marked_in_its_cell() -> None:
    text = (DATA / "puslatbang-kmp-2021.toml").read_text(encoding="utf-8")
    printed = 'printed = { prose = "87.93" }'
    wrong = lakipcore.loads_report(text.replace(printed, printed.replace("87.93", "87.94")))
    cell = _derived_cell(render_html(lakipcore.assess(wrong)), "nka")
    assert "flagged" in cell
    assert "<s>87.94</s>" in cell
    assert "seharusnya 87,93" in cell


# --- Notation slips: the right value in the other notation, counted apart ---------------------


def _errors_shown(doc: Element) -> str:
    (dd,) = [dd for dd in doc.find_all("dd") if "errors" in dd.classes]
    return dd.text


def test_a_notation_slip_is_counted_apart_from_the_wrong_values(
    banten: lakipcore.Report, doc: Element
) -> None:
    """Ditjen Pemasyarakatan's performance printed '104.30%' (the inputs give 104,2977…) is a
    notation slip: the header counts the 8 wrong values and, apart, 1 kesalahan notasi; Hasil
    Audit lists it last, under Kesalahan notasi, with a badge of its own; its cell links to it."""
    errors = [f for f in audit(banten) if f.severity is Severity.ERROR]
    (slip,) = [f for f in errors if f.published == "104.30%"]
    assert slip.recomputed is not None
    assert Decimal("104.30") == lakipcore.round_to(slip.recomputed, 2)
    wrong = len(errors) - 1
    assert f"{wrong} kesalahan 1 kesalahan notasi" == _errors_shown(doc)
    (section,) = doc.find_all("section", id="audit")
    assert f"{wrong} kesalahan, 1 kesalahan notasi, " in section.text
    assert ["Kesalahan notasi"] == [h.text for h in section.find_all("h3", id="kesalahan-notasi")]
    (listed,) = [ol for ol in section.find_all("ol") if "slips" in ol.classes]
    (item,) = listed.find_all("li")
    assert {"finding", "slip"} <= item.classes
    assert ["Kesalahan notasi"] == [s.text for s in item.find_all("span") if "badge" in s.classes]
    assert "104.30%" in item.text
    # Numbered last: the wrong values keep the numbers before it.
    items = [li for li in section.find_all("li") if "finding" in li.classes]
    assert item is items[-1]
    assert str(len(items)) == item.attrs["value"]
    (cell,) = [td for td in doc.find_all("td") if "slip" in td.classes]
    assert f"temuan-{cell.attrs['data-findings']}" == item.attrs["id"]
    assert ("pas", "2019", "performance") == (
        cell.attrs["data-unit"],
        cell.attrs["data-period"],
        cell.attrs["data-quantity"],
    )


def test_a_malformed_wrong_value_is_a_wrong_value() -> None:
    """'105.30%' where the inputs give 104,30: malformed, and in the other notation not the
    value either, so it is one more wrong value, struck out in its cell; no slip is counted."""
    source = (DATA / "banten-2019.toml").read_text(encoding="utf-8")
    printed = 'summary-dashboard = "104.30%"'
    assert printed in source
    wrong = lakipcore.loads_report(source.replace(printed, 'summary-dashboard = "105.30%"'))
    errors = [f for f in audit(wrong) if f.severity is Severity.ERROR]
    assert "malformed-figure" in [f.code for f in errors if f.published == "105.30%"]
    doc = parse(render_html(lakipcore.assess(wrong)))
    assert f"{len(errors)} kesalahan" == _errors_shown(doc)
    assert not doc.find_all("h3", id="kesalahan-notasi")
    assert not [td for td in doc.find_all("td") if "slip" in td.classes]
    (cell,) = [
        td
        for td in _dashboard_rows(doc)["pas"].find_all("td")
        if "flagged" in td.classes and "105.30%" in td.attrs["title"]
    ]
    assert "105.30%" == cell.find_all("s")[0].text
    assert "seharusnya 104,30%" == cell.find_all("mark")[0].text


def test_a_slip_is_told_from_the_findings_fields(banten: lakipcore.Report) -> None:
    """notation_slip reads the finding alone: its code, the printed text read in the other
    notation, and the recomputed value rounded at the places of that text."""
    import attrs

    from lakipcore.notation import Notation
    from lakipcore.render.marks import notation_slip

    findings = audit(banten)
    (slip,) = [f for f in findings if f.code == "malformed-figure"]
    assert notation_slip(slip, Notation.INDONESIAN)
    # Read in the report's own notation ("104.30%" is Indonesian for nothing): no slip.
    assert not notation_slip(slip, Notation.DECIMAL_POINT)
    assert not notation_slip(attrs.evolve(slip, recomputed=Decimal("104.31")), Notation.INDONESIAN)
    assert not notation_slip(attrs.evolve(slip, published="1O4.30%"), Notation.INDONESIAN)
    assert not notation_slip(attrs.evolve(slip, recomputed=None), Notation.INDONESIAN)
    # At the finding's own places when it has them: 104,2977… is 104,3 at one place.
    one_place = attrs.evolve(slip, published="104.3%", places=1)
    assert notation_slip(one_place, Notation.INDONESIAN)
    assert not notation_slip(attrs.evolve(one_place, places=0), Notation.INDONESIAN)
    # Any other finding, wrong figure or note, is never a slip.
    assert [slip] == [f for f in findings if notation_slip(f, Notation.INDONESIAN)]


def test_pppomn_has_no_wrong_value_and_one_slip() -> None:
    """PPPOMN prints its absorption '23.03%' in an Indonesian report (the inputs give
    23,0250…): 0 kesalahan, 1 kesalahan notasi."""
    report = lakipcore.load_report(DATA / "pppomn-2021-tw2.toml")
    (error,) = [f for f in audit(report) if f.severity is Severity.ERROR]
    assert ("malformed-figure", "23.03%") == (error.code, error.published)
    doc = parse(render_html(lakipcore.assess(report)))
    assert "0 kesalahan 1 kesalahan notasi" == _errors_shown(doc)


# --- One axis for the charts of a section ---------------------------------------------------


def _ticks(svg: Element) -> list[tuple[Decimal, Decimal]]:
    """(value, x or y) of each tick of a chart's axis."""
    ticks = []
    for label in svg.find_all("text"):
        if "tick" in label.classes:
            where = label.attrs.get("x") if svg.attrs["data-chart"] != "periods" else None
            ticks.append((_value(label.text), Decimal(where or label.attrs["y"])))
    return ticks


def _reference_x(svg: Element) -> str:
    (group,) = [g for g in svg.find_all("g") if "reference" in g.classes]
    return group.find_all("line")[0].attrs["x1"]


def test_the_unit_charts_of_pengukuran_share_one_axis(
    banten: lakipcore.Report, doc: Element
) -> None:
    """Every unit's indicator chart has the same axis, made once from every unit's capaian (it
    reaches past the highest of them all), so that a bar's length is the same multiple of its
    capaian in every chart and the 100 % line stands at the same place."""
    scored = lakipcore.score_report(banten).current
    charted = [
        [i.capaian for i in unit.indicators if i.capaian is not None] for unit in scored.root.walk()
    ]
    charted = [values for values in charted if values]
    charts = doc.find_all("svg", **{"data-chart": "indicators"})
    assert len(charted) == len(charts) > 1
    axes = {tuple(_ticks(svg)) for svg in charts}
    assert 1 == len(axes)
    (axis,) = axes
    highest = max(max(values) for values in charted)
    # The unit with the highest capaian alone would need this axis; the others share it.
    assert axis[-2][0] < highest <= axis[-1][0]
    assert 1 == len({_reference_x(svg) for svg in charts})
    (low, start), (high, end) = axis[0], axis[-1]
    per_point = (end - start) / (high - low)
    for svg in charts:
        for bar in svg.find_all("rect"):
            if "bar" in bar.classes:
                drawn = Decimal(bar.attrs["width"])
                assert abs(drawn - Decimal(bar.attrs["data-value"]).copy_abs() * per_point) <= (
                    Decimal("0.02")
                )


def test_the_change_charts_share_one_axis() -> None:
    """Three periods, two changes: +150 and +10 points, then -10 and -20. Both change charts
    have the axis from -50 to 150, so the falls are drawn on the rises' scale."""
    report = lakipcore.loads_report(_THREE_PERIODS)
    doc = parse(render_html(lakipcore.assess(report)))
    charts = doc.find_all("svg", **{"data-chart": "change"})
    assert 2 == len(charts)
    axes = {tuple(_ticks(svg)) for svg in charts}
    assert 1 == len(axes)
    (axis,) = axes
    assert [Decimal(v) for v in ("-50", "0", "50", "100", "150")] == [v for v, _ in axis]


def test_a_chart_on_a_given_axis_refuses_a_value_outside_it() -> None:
    """bar_chart(axis=...) draws on that axis, whatever its own values; a value outside the
    axis is refused, never drawn past the plot."""
    from lakipcore.render.svg import Axis, Bar, bar_chart

    axis = Axis.over([Decimal(0), Decimal(180)])
    assert (Decimal(0), Decimal(200), Decimal(50)) == (axis.low, axis.high, axis.step)
    bars = [Bar("a", "A", Decimal(40), "40%")]
    shared = parse(bar_chart("c", "indicators", "Uji", bars, axis=axis)).find_all("svg")[0]
    own = parse(bar_chart("c", "indicators", "Uji", bars)).find_all("svg")[0]
    assert [Decimal(v) for v in (0, 50, 100, 150, 200)] == [v for v, _ in _ticks(shared)]
    assert Decimal(40) == _ticks(own)[-1][0]
    with pytest.raises(ValueError, match="outside the axis"):
        bar_chart("c", "indicators", "Uji", [Bar("a", "A", Decimal(201), "201%")], axis=axis)


_THREE_PERIODS = """
schema = 2

[report]
title = "Tiga periode"
main = "2020"

[[periods]]
key = "2018"
title = "Tahun 2018"

[[periods]]
key = "2019"
title = "Tahun 2019"

[[periods]]
key = "2020"
title = "Tahun 2020"

[office]
code = "uji"
name = "Kantor Uji"

[[office.indicators]]
code = "a"
name = "Indikator A"
periods.2018 = { target = "10", realisation = "10" }
periods.2019 = { target = "10", realisation = "25" }
periods.2020 = { target = "10", realisation = "24" }

[[office.indicators]]
code = "b"
name = "Indikator B"
periods.2018 = { target = "10", realisation = "10" }
periods.2019 = { target = "10", realisation = "11" }
periods.2020 = { target = "10", realisation = "9" }
"""


# --- Metode Perhitungan: the report's own method and shape -----------------------------------


def _method_text(report: lakipcore.Report) -> str:
    doc = parse(render_html(lakipcore.assess(report)))
    (section,) = doc.find_all("section", id="metode")
    assert not [e for e in section.iter() if e.attrs.get("lang") not in (None, "id")]
    return section.text


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_the_method_text_names_only_the_reports_own(path: Path) -> None:
    """Metode Perhitungan names no office, unit, year or place but the report's own: with the
    report's office and unit names, period labels and method names taken out, no year and none
    of Banten, Kanwil, Kemenkumham is left (a Kecamatan's page spoke of the Kanwil's 2019 row)."""
    report = lakipcore.load_report(path)
    words = _method_text(report)
    scored = lakipcore.score_report(report)
    own = [report.office, *(u.name for u in report.units())]
    own += [p.period.label for p in scored.periods] + [p.method.name for p in scored.periods]
    for name in sorted(own, key=len, reverse=True):
        words = words.replace(name, "")
    for foreign in ("Banten", "Kanwil", "Kemenkumham", "office row"):
        assert foreign not in words
    assert not re.search(r"\b(19|20)\d\d\b", words), words


def test_the_method_text_follows_the_reports_shape(banten: lakipcore.Report) -> None:
    """An office over units says how the office aggregates them, with their number, per
    method; a single unit says it has no sub-units and no aggregation; a report without a
    budget or without indicators says that figure is not available; a lower-is-better
    indicator is counted; planned periods are named so."""
    words = _method_text(banten)
    assert "9 unit di bawahnya" in words
    assert "setiap unit berbobot sama" in words  # banten-2018: the mean of the units
    assert "unit dengan lebih banyak indikator berbobot lebih besar" in words  # banten-2019
    assert "bila makin rendah makin baik (1 indikator)" in words
    assert "Tahun Anggaran 2018 → Tahun Anggaran 2019 (metode banten-2018 dan banten-2019)" in (
        words
    )
    kecamatan = _method_text(lakipcore.load_report(DATA / "gunung-kaler-2020.toml"))
    assert "satu unit kerja tanpa sub-unit, Kecamatan Gunung Kaler" in kecamatan
    assert "unit di bawahnya" not in kecamatan
    assert "Σ" not in kecamatan
    assert "tidak memuat anggaran" in kecamatan
    assert "Performance tidak tersedia" in kecamatan
    assert "tidak ada indikator yang makin rendah makin baik" in kecamatan
    pppomn = _method_text(lakipcore.load_report(DATA / "pppomn-2021-tw2.toml"))
    assert "tidak memuat capaian indikator" in pppomn
    assert "Penyerapan anggaran = realisasi / pagu (setelah revisi) × 100%." in pppomn
    tanah_datar = _method_text(lakipcore.load_report(DATA / "tanah-datar-2011-2015.toml"))
    assert "5 periode (Tahun 2011 (direncanakan)," in tanah_datar
    inferred = _method_text(lakipcore.loads_report(_THREE_PERIODS))
    assert "Laporan tidak menyatakan metode untuk Tahun 2018, Tahun 2019, Tahun 2020" in inferred


# --- the page in English (issue 20, item 1) ---------------------------------------------------

# Words of today's Indonesian page that are the page's own (no report prints them in a name,
# a title or a label): each is on the Indonesian page and none on the English one.
INDONESIAN_LABELS = (
    "Pengukuran Kinerja",
    "Realisasi Anggaran",
    "Kinerja Antar Periode",
    "Nilai Turunan",
    "Hasil Audit",
    "Metode Perhitungan",
    "Dashboard Performance",
    "Daftar isi",
    "Unit Kerja",
    "Indikator Kinerja",
    "Penyerapan Anggaran",
    "Capaian 2019",
    "Perubahan (poin)",
    "Tidak ditargetkan",
    "tidak tersedia",
    "Kesalahan",
    "Peringatan",
    "Catatan",
    "kesalahan notasi",
    "dicetak",
    "seharusnya",
    "hitung ulang",
    "Ditandai di",
    "garis putus-putus",
    "batang merah",
    "rata-rata",
    "data dukung",
    "Laporan Akuntabilitas Kinerja",
    "Sumber:",
    "Dibuat dengan",
    "setengah ke atas",
    "makin tinggi makin baik",
    "Laporan ini memuat",
    "di bawahnya",
    "Realisasi (Rp)",
    "Hasil Hitung",
    "Rumus",
)


def _without_style(page: str) -> str:
    """The page without its style sheet (whose comments are the same in every language)."""
    return re.sub(r"<style>.*?</style>", "", page, flags=re.S)


def _page_number_rule(page: str) -> str:
    """The ``content`` of the printed pages' numbers, from the page's style sheet."""
    (found,) = re.findall(r"@bottom-center \{ content: ([^;]*);", page)
    return found


@pytest.fixture(scope="module")
def english(banten: lakipcore.Report) -> str:
    return render_html(lakipcore.assess(banten), lang="en")


def test_the_page_speaks_english_on_request(
    banten: lakipcore.Report, page: str, english: str
) -> None:
    """``render_html(assessment, lang="en")``: ``<html lang="en">``, the headings, the table
    heads and the summary in English, the findings' messages and places in English, the
    printed pages numbered "Page n of N", and none of the Indonesian page's own words; the
    figures are the same, in the report's notation."""
    doc = parse(english)
    assert "en" == doc.find_all("html")[0].attrs["lang"]
    assert [
        "Performance dashboard",
        "Performance measurement",
        "Budget realisation",
        "Derived figures",
        "Performance across periods",
        "Audit results",
        "Calculation method",
    ] == [h.text for h in doc.find_all("h2")]
    (nav,) = doc.find_all("nav")
    assert "Contents" == nav.attrs["aria-label"]
    (dashboard,) = [t for t in doc.find_all("table") if "dashboard" in t.classes]
    assert ["No.", "Unit", "Performance indicators", "Budget absorption", "Performance"] == [
        th.text for th in dashboard.find_all("thead")[0].find_all("th")
    ]
    summary = [dt.text for dt in doc.find_all("dt")]
    assert ["Performance indicator achievement", "Budget absorption", "Performance"] == (
        summary[:3]
    )
    assert '"Page " counter(page) " of " counter(pages)' == _page_number_rule(english)
    findings = lakipcore.assess(banten).findings
    assert findings is not None
    messages = [p.text for p in doc.find_all("p", class_="message")]
    assert sorted(f.message_in("en") for f in findings) == sorted(messages)
    assert sorted(f.message_in("id") for f in findings) == sorted(
        p.text for p in parse(page).find_all("p", class_="message")
    )
    assert any(f.location.said("en") in english for f in findings if f.location.words)
    indonesian, shown = _without_style(page), _without_style(english)
    for label in INDONESIAN_LABELS:
        assert label in indonesian, label
        assert label not in shown, label
    # The figures are the report's, in its notation, in both languages.
    for figure in ("116,13%", "133,51%", "98,75%", "20.142.047.000", "114,58%"):
        assert figure in english


def test_the_default_page_is_indonesian(banten: lakipcore.Report, page: str) -> None:
    """With no language asked for (no ``lang``, no ``LAKIP_LANG``), the page is the
    Indonesian one, numbered "Halaman n dari N" when printed, the same as ``lang="id"``."""
    assert page == render_html(lakipcore.assess(banten))
    assert '<html lang="id">' in page
    assert '"Halaman " counter(page) " dari " counter(pages)' == _page_number_rule(page)
    assert "Page " not in _without_style(page)


def test_the_page_follows_the_language_in_force(
    banten: lakipcore.Report, page: str, english: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without ``lang``, the page speaks the language of an enclosing ``speaking()`` block
    (how ``lakip report --lang en`` asks for it), else ``LAKIP_LANG``; ``lang`` wins over
    both; a language lakipcore does not speak is refused."""
    assessment = lakipcore.assess(banten)
    with speaking("en"):
        assert english == render_html(assessment)
        assert page == render_html(assessment, lang="id")
    monkeypatch.setenv("LAKIP_LANG", "en_GB.UTF-8")
    assert english == render_html(assessment)
    with speaking("id"):
        assert page == render_html(assessment)
    with pytest.raises(lakipcore.LakipError, match="unknown language 'fr'"):
        render_html(assessment, lang="fr")


def test_lakip_report_lang_en_writes_the_english_page(
    tmp_path: Path, english: str, page: str
) -> None:
    """``lakip report --lang en`` writes the English page (``--lang`` before the command
    too); without it, the Indonesian one."""
    out = tmp_path / "report.html"
    assert 0 == main(["report", "--lang", "en", "-o", str(out)])
    written = out.read_text(encoding="utf-8")
    assert '<html lang="en">' in written
    assert "<h2>Audit results</h2>" in written
    assert "Hasil Audit" not in written
    assert (
        _without_style(english).split("<footer>")[0] == _without_style(written).split("<footer>")[0]
    )
    assert 0 == main(["--lang", "en", "report", "-o", str(out)])
    assert '<html lang="en">' in out.read_text(encoding="utf-8")
    assert 0 == main(["report", "-o", str(out)])
    written = out.read_text(encoding="utf-8")
    assert '<html lang="id">' in written
    assert "<h2>Hasil Audit</h2>" in written


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_every_example_renders_in_english(path: Path) -> None:
    """Every shipped example's English page parses, says ``lang="en"``, keeps every figure
    of its Indonesian page (the same cells, the same text), and has none of the Indonesian
    page's own section titles."""
    assessment = lakipcore.assess(lakipcore.load_report(path))
    english, indonesian = (
        parse(render_html(assessment, lang="en")),
        parse(render_html(assessment, lang="id")),
    )
    assert "en" == english.find_all("html")[0].attrs["lang"]
    cells = [
        [
            td.text
            for td in doc.find_all("td")
            if "num" in td.classes and not td.attrs.get("id") and re.search(r"\d", td.text)
        ]
        for doc in (english, indonesian)
    ]
    assert cells[0] == cells[1]
    headings = " ".join(h.text for h in english.find_all("h2"))
    for title in ("Pengukuran Kinerja", "Realisasi Anggaran", "Hasil Audit", "Metode"):
        assert title not in headings
