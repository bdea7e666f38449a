"""The evaluation page (lakipcore.lke.page) as text: its figures, its words in both languages,
the rows it marks for the audit's findings, and that it is one self-contained, escaped file.

The browser's view of the page (bars to scale, anchors, phone and print) is in
tests/browser/test_browser_lke_page.py. Expected figures come from the evaluation itself, never from
the page.
"""

from __future__ import annotations

import random
import re
from fractions import Fraction
from html import escape
from html.parser import HTMLParser

import attrs
import pytest

from lakipcore import lke
from lakipcore.errors import LakipTypeError
from lakipcore.figures import format_number, parse_figure
from lakipcore.i18n import translate
from lakipcore.lke.page import evaluation_page
from lakipcore.lke.page import words as lke_page
from lakipcore.lke.render import SIMULATION_LABEL
from lakipcore.lke.scoring import EvaluationScore
from lakipcore.rounding import Rounding, round_fraction

ENGLISH_LABEL = (
    "Proposed score (simulation) computed by lakipcore: not the official evaluation result"
)


class _Elements(HTMLParser):
    """Every element of a page with its attributes, the ids, and the links' targets."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.elements: list[tuple[str, dict[str, str]]] = []
        self.ids: dict[str, tuple[str, dict[str, str]]] = {}
        self.links: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {name: value or "" for name, value in attrs}
        self.elements.append((tag, found))
        if "id" in found:
            assert found["id"] not in self.ids, f"id {found['id']} twice"
            self.ids[found["id"]] = (tag, found)
        if tag == "a":
            self.links.append(found.get("href", ""))


def _madiun(seed: int = 7) -> lke.Worksheet:
    """A worksheet of the wp-eval-sakip design answered at random in both layers (a few
    criteria left unanswered): rule breaches and unanswered criteria aplenty."""
    design = lke.get_design("wp-eval-sakip-madiun")
    rng = random.Random(seed)
    responses = [
        lke.Response(
            c.id, {"mandiri": rng.choice(c.scale.codes), "penilai": rng.choice(c.scale.codes)}
        )
        for c in design.criteria
        if rng.random() > 0.05
    ]
    return lke.Worksheet(design, "upt-acak", responses, name="UPT Acak", year=2024)


def _printed(text: str) -> lke.PrintedScore:
    return lke.PrintedScore(text, parse_figure(text))


@pytest.fixture(scope="module")
def example() -> lke.Evaluation:
    return lke.evaluate(lke.example_worksheet())


@pytest.fixture(scope="module")
def breached() -> lke.Evaluation:
    return lke.evaluate(_madiun(), policy=lke.UnansweredPolicy.ZERO)


def test_the_worked_example_shows_its_total_and_predikat(example: lke.Evaluation) -> None:
    """74,73 and BB (Sangat Baik), in the summary and the scores' table, in both languages."""
    score = example.score
    assert score is not None
    for lang in ("id", "en"):
        html = evaluation_page(example, lang=lang)
        assert "74,73" in html
        assert 'data-predikat="BB"' in html
        assert ">BB<" in html
        assert "Sangat Baik" in html
        elements = _Elements(html)
        (total,) = [a for t, a in elements.elements if t == "dd" and "total" in a.get("class", "")]
        assert "627769/8400" == total["data-exact"]


def test_every_component_and_sub_component_has_a_bar(example: lke.Evaluation) -> None:
    """A bar per component and sub-component, its fill as wide as the points of the weight
    (to a hundredth of a percent), with the exact figures beside it."""
    score = example.score
    assert score is not None
    html = evaluation_page(example, lang="id")
    bars = [(c.component.id, c.points, c.component.weight) for c in score.components]
    bars += [(p.part.id, p.points, p.part.weight) for p in score.parts]
    for key, points, weight in bars:
        match = re.search(
            rf'<span class="meter"[^>]*data-key="{re.escape(key)}"[^>]*>'
            r'<span class="fill" style="width: ([0-9.]+)%"',
            html,
        )
        assert match is not None, key
        assert points is not None
        share = round_fraction(points / Fraction(weight) * 100, 2, Rounding.HALF_UP)
        assert str(share) == match.group(1)


def test_the_simulation_label_in_english(example: lke.Evaluation) -> None:
    """The English page says, beside the predikat, that it is a proposed score, not the
    official result."""
    html = evaluation_page(example, lang="en")
    assert '<html lang="en">' in html
    assert escape(ENGLISH_LABEL) in html
    assert 'id="simulasi"' in html


def test_the_simulation_label_in_indonesian(example: lke.Evaluation) -> None:
    """The Indonesian page says it in Indonesian: a *nilai usulan* (simulasi)."""
    html = evaluation_page(example, lang="id")
    label = translate(SIMULATION_LABEL, "id")
    assert label != ENGLISH_LABEL
    assert "simulasi" in label.lower()
    assert escape(label) in html
    assert escape(ENGLISH_LABEL) not in html


@pytest.mark.usefixtures("indonesian")
def test_indonesian_is_the_default(example: lke.Evaluation) -> None:
    """Without ``lang`` (and no LAKIP_LANG) the page is Indonesian: its headings, its notice,
    its printed page numbers."""
    html = evaluation_page(example)
    assert '<html lang="id">' in html
    assert 'content: "Halaman " counter(page) " dari " counter(pages)' in html
    for msgid in (lke_page.SCORES, lke_page.NEXT, lke_page.POLICIES, lke_page.AUDIT):
        shown = translate(msgid, "id")
        assert shown != msgid, msgid  # the catalogue has it
        assert escape(shown) in html
    assert "Nilai per Komponen" in html


def test_the_english_page_has_no_indonesian_headings(example: lke.Evaluation) -> None:
    html = evaluation_page(example, lang="en")
    for msgid in (lke_page.SCORES, lke_page.NEXT, lke_page.BEST, lke_page.POLICIES):
        assert escape(msgid) in html
    assert 'content: "Halaman "' not in html
    assert 'content: "Page " counter(page) " of " counter(pages)' in html


def test_the_gap_to_the_next_predikat(example: lke.Evaluation) -> None:
    """The target band, the points short, the fewest steps grouped per criterion, linked to
    the criterion's row."""
    following = example.next
    assert following is not None
    assert following.target is not None
    html = evaluation_page(example, lang="en")
    section = html.split('<section id="predikat-berikutnya">', 1)[1].split("</section>", 1)[0]
    assert 'data-target="A"' in section
    assert format_number(round_fraction(following.total_after, 2)) in section
    assert f"<dd>{len(following.steps)}</dd>" in section
    criteria = {step.criterion.id for step in following.steps}
    rows = re.findall(r'<tr data-criterion="([^"]+)">', section)
    assert sorted(criteria) == sorted(rows)  # one row per criterion
    for identifier in criteria:
        assert f'href="#kriteria-{identifier}"' in section


def test_policies_and_layers(example: lke.Evaluation) -> None:
    """A row per unanswered-criterion policy (the one in force marked), and the differences
    of the two layers, component by component and criterion by criterion."""
    html = evaluation_page(example, lang="en")
    for effect in example.effects:
        assert f'data-policy="{effect.policy.value}"' in html
    assert f'<tr data-policy="{example.policy.value}" class="current">' in html
    (comparison,) = example.comparisons
    section = html.split('<section id="lapisan">', 1)[1].split("</section>", 1)[0]
    assert format_number(round_fraction(comparison.total, 2)) in section  # -5,43
    for difference in comparison.criteria:
        assert f'<tr data-criterion="{difference.criterion}">' in section


def test_one_layer_has_no_layer_section() -> None:
    """A worksheet answered in one layer has nothing to compare."""
    worksheet = lke.example_worksheet()
    single = attrs.evolve(
        worksheet,
        responses=[
            lke.Response(r.criterion, {"penilai": r.answers["penilai"]})
            for r in worksheet.responses.values()
        ],
    )
    evaluation = lke.evaluate(single)
    assert not evaluation.comparisons
    html = evaluation_page(evaluation, lang="en")
    assert 'id="lapisan"' not in html
    assert "74,73" in html


def test_a_criterion_with_a_finding_is_marked(breached: lke.Evaluation) -> None:
    """Each finding on a criterion marks the criterion's row (class ``flagged``, the finding's
    number in ``data-findings``, a link to it), and the finding links back to the row."""
    assert breached.findings
    html = evaluation_page(breached, lang="en")
    elements = _Elements(html)
    findings = [
        (tag, found)
        for tag, found in elements.elements
        if tag == "li" and "finding" in found.get("class", "")
    ]
    assert len(breached.findings) == len(findings)
    codes = set()
    for _, found in findings:
        number, item = found["id"].removeprefix("temuan-"), found["data-item"]
        codes.add(found["data-code"])
        assert breached.worksheet.design.has_criterion(item)
        tag, row = elements.ids[f"kriteria-{item}"]
        assert "tr" == tag
        assert "flagged" in row["class"].split()
        assert number in row["data-findings"].split()
        assert f"#temuan-{number}" in elements.links
        assert f"#kriteria-{item}" in elements.links
    assert {"logic-rule-breach", "unanswered-criterion"} <= codes
    # Every link of the page leads to an element of the page.
    for link in elements.links:
        assert link.startswith("#")
        assert link[1:] in elements.ids, link


def test_sub_components_with_findings_are_marked(breached: lke.Evaluation) -> None:
    """A sub-component whose criteria have findings says how many, linking to its criteria."""
    html = evaluation_page(breached, lang="en")
    score = breached.score
    assert score is not None
    for part in score.parts:
        count = sum(
            1
            for f in breached.findings
            if f.subject.item in {k.criterion.id for k in part.criteria}
        )
        row = re.search(rf'<tr class="part[^"]*" data-part="{re.escape(part.part.id)}"[^>]*>', html)
        assert row is not None
        if count:
            assert f'data-affected="{count}"' in row.group()
            assert f'href="#subkomponen-{part.part.id}"' in html
        else:
            assert "data-affected" not in row.group()


def test_printed_figures_beside_their_recomputation() -> None:
    """An LHE's printed figures, each beside its recomputation from the answers; a wrong one
    marked with its finding, both ways linked."""
    worksheet = lke.example_worksheet()
    printed = lke.PrintedEvaluation(
        "penilai",
        "LHE hal. 3",
        total=_printed("75,00"),
        predikat="A",
        components={"1": _printed("24,24"), "2": _printed("22,60")},
        parts={"1.a": _printed("5,31")},
    )
    evaluation = lke.evaluate(attrs.evolve(worksheet, printed=printed))
    html = evaluation_page(evaluation, lang="en")
    elements = _Elements(html)
    wrong = {f.subject.item for f in evaluation.findings}
    assert {"total", "predikat", "2"} == wrong
    for item in ("total", "predikat", "1", "2", "1.a"):
        _, row = elements.ids[f"tercetak-{item}"]
        flagged = "flagged" in row.get("class", "").split()
        assert flagged == (item in wrong), item
        if flagged:
            assert f"#tercetak-{item}" in elements.links
    section = html.split('<section id="tercetak">', 1)[1].split("</section>", 1)[0]
    assert "75,00" in section
    assert "74,73" in section  # recomputed
    assert "22,62" in section


@pytest.mark.parametrize("highest", ["B", "CC"])
def test_an_unreachable_predikat_says_so(highest: str) -> None:
    """With answers capped below what the next band needs, the page says the band cannot be
    reached and what the capped answers give, and lists no steps."""
    evaluation = lke.evaluate(lke.example_worksheet(), highest=highest)
    following = evaluation.next
    assert following is not None
    assert following.target is not None
    assert not following.reachable
    html = evaluation_page(evaluation, lang="en")
    section = html.split('<section id="predikat-berikutnya">', 1)[1].split("</section>", 1)[0]
    after = format_number(round_fraction(following.total_after, 2))
    assert (
        f"Predikat A cannot be reached with answers of at most {highest}: every answer raised "
        f"that far gives {after}."
    ) in section
    assert "<table" not in section


def test_a_capped_gap_says_the_cap() -> None:
    evaluation = lke.evaluate(lke.example_worksheet(), highest="BB")
    assert evaluation.next is not None
    assert evaluation.next.reachable
    html = evaluation_page(evaluation, lang="en")
    assert "Answers above BB are not counted on." in html


def test_a_layer_the_policy_cannot_score(breached: lke.Evaluation) -> None:
    """Under the design's policy (error) a layer with unanswered criteria has no score: the
    page says why, names them, and still shows the other policies' totals, as a simulation,
    the criteria and the audit."""
    evaluation = lke.evaluate(breached.worksheet)
    assert evaluation.score is None
    assert evaluation.error is not None
    html = evaluation_page(evaluation, lang="en")
    assert escape(evaluation.error.message_in("en")) in html
    assert 'id="komponen"' not in html
    for section in ("kebijakan", "kriteria", "audit", "desain"):
        assert f'<section id="{section}">' in html
    assert 'id="simulasi"' in html
    assert escape(ENGLISH_LABEL) in html


@pytest.mark.parametrize("name", lke.EXAMPLE_WORKSHEETS)
def test_every_example_renders(name: str) -> None:
    """Each shipped example, a worksheet with answers or known only by its printed figures."""
    evaluation = lke.evaluate(lke.example_worksheet(name))
    html = evaluation_page(evaluation, lang="id")
    assert html.startswith("<!DOCTYPE html>")
    assert html.rstrip().endswith("</html>")
    printed = evaluation.worksheet.printed
    if printed is not None and printed.total is not None:
        assert escape(printed.total.text) in html
    if isinstance(evaluation.score, EvaluationScore):
        assert 'id="simulasi"' in html
    else:
        assert 'id="komponen"' not in html


def test_printed_only_says_it_has_no_score() -> None:
    evaluation = lke.evaluate(lke.example_worksheet("grobogan-2024.toml"))
    assert evaluation.score is None
    html = evaluation_page(evaluation, lang="en")
    assert "No layer has answers: only the printed figures are checked." in html
    assert "Printed total" in html
    assert "65,93" in html


@pytest.mark.parametrize("fixture", ["example", "breached"])
def test_self_contained(fixture: str, request: pytest.FixtureRequest) -> None:
    """No script, nothing loaded from anywhere: no src, no external link, no CSS import or
    url(); every link is an anchor of the page."""
    evaluation: lke.Evaluation = request.getfixturevalue(fixture)
    for lang in ("id", "en"):
        html = evaluation_page(evaluation, lang=lang)
        lower = html.lower()
        assert "<script" not in lower
        assert "javascript:" not in lower
        assert "@import" not in lower
        assert "url(" not in lower
        assert "http://" not in lower
        assert "https://" not in lower
        elements = _Elements(html)
        for tag, found in elements.elements:
            assert "src" not in found, tag
            assert not any(name.startswith("on") for name in found), tag
            assert tag not in {"script", "link", "iframe", "img", "object", "embed"}
        assert all(link.startswith("#") for link in elements.links)


def test_text_is_escaped() -> None:
    """A unit's name, code and answers' notes never become markup."""
    worksheet = attrs.evolve(
        lke.example_worksheet(),
        name='<script>alert("x")</script> & <b>Kantor</b>',
        unit="kantor<1>",
        source="../data/<evil>.toml",
    )
    html = evaluation_page(lke.evaluate(worksheet), lang="en")
    assert "<script" not in html
    assert "<b>Kantor" not in html
    assert (
        "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b&gt;Kantor&lt;/b&gt;" in html
    )
    assert "&lt;evil&gt;.toml" in html
    assert "../data" not in html  # the file's own name, never its directory


def test_rounding_is_the_callers() -> None:
    """``places`` and ``rounding`` shape every figure shown; the exact total stays in its
    attribute."""
    evaluation = lke.evaluate(lke.example_worksheet())
    score = evaluation.score
    assert score is not None
    html = evaluation_page(evaluation, places=3, rounding=Rounding.TRUNCATE, lang="en")
    assert "74,734" == format_number(round_fraction(score.total, 3, Rounding.TRUNCATE))
    assert ">74,734<" in html
    assert ">74,73<" not in html
    assert 'data-exact="627769/8400"' in html


def test_refuses_what_is_not_an_evaluation() -> None:
    with pytest.raises(LakipTypeError, match="reads an Evaluation"):
        evaluation_page(lke.example_worksheet())  # type: ignore[arg-type]


def test_every_heading_is_translated(breached: lke.Evaluation) -> None:
    """Every heading of the Indonesian page is the catalogue's Indonesian, not its English
    key: the page writes no word around the catalogue."""
    english = re.findall(r"<h2>([^<]+)</h2>", evaluation_page(breached, lang="en"))
    indonesian = re.findall(r"<h2>([^<]+)</h2>", evaluation_page(breached, lang="id"))
    assert len(english) == len(indonesian) >= 7
    for words, kata in zip(english, indonesian, strict=True):
        assert words != kata, words
