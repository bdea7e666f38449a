"""What every section of the page shares: the evaluation, the language, the rounding, and how
a figure, a bar and a marked row are written."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from fractions import Fraction

from lakipcore.figures import format_number
from lakipcore.i18n import M_, N_, Language, Message, translate
from lakipcore.lke.audit import exact_text
from lakipcore.lke.evaluation import Evaluation
from lakipcore.lke.page.words import (
    FINDING,
    FINDINGS,
    PRINTED_CODES,
    SEVERITY,
    SEVERITY_ORDER,
    anchor_of,
    e,
)
from lakipcore.lke.render import exact_string
from lakipcore.lke.scale import Answer
from lakipcore.results.findings import Finding
from lakipcore.rounding import Rounding, round_fraction


class Base:
    """The page's pieces, in one language and one rounding; the rows each finding marks."""

    def __init__(self, evaluation: Evaluation, places: int, rounding: Rounding, lang: Language):
        self.evaluation = evaluation
        self.worksheet = evaluation.worksheet
        self.design = evaluation.worksheet.design
        self.places = places
        self.rounding = rounding
        self.lang: Language = lang
        # Numbered in page order: errors first, then warnings, then notes (audit order within).
        self.findings: tuple[Finding, ...] = tuple(
            sorted(evaluation.findings, key=lambda f: SEVERITY_ORDER[f.severity])
        )
        self.numbers: dict[tuple[bool, str], list[int]] = {}
        for number, finding in enumerate(self.findings, 1):
            item = finding.subject.item or ""
            key = (finding.code in PRINTED_CODES, item)
            self.numbers.setdefault(key, []).append(number)
        # For each finding, the rows that mark it: (element id, words), filled as rows are made.
        self.marked: dict[int, list[tuple[str, str]]] = {}

    # --- words and figures -----------------------------------------------------------------

    def t(self, msgid: str) -> str:
        """``msgid`` (marked with ``N_``) in the page's language, escaped."""
        return e(translate(msgid, self.lang))

    def m(self, message: Message) -> str:
        """``message`` rendered in the page's language, escaped."""
        return e(message.render(self.lang))

    def shown(self, value: Fraction | None) -> str:
        """``value`` rounded once for showing (``74,73``); a dash titled "not available"."""
        if value is None:
            title = self.t(N_("not available"))
            return f'<span class="na" title="{title}">–</span>'
        rounded = round_fraction(value, self.places, self.rounding)
        return f'<span title="{e(exact_text(value))}">{e(format_number(rounded))}</span>'

    def signed(self, value: Fraction | None) -> str:
        """A difference with its sign (``+0,75``, ``-5,43``), coloured by it."""
        if value is None:
            return self.shown(value)
        rounded = round_fraction(value, self.places, self.rounding)
        text = format_number(rounded)
        if rounded > 0:
            return f'<span class="plus" title="{e(exact_text(value))}">+{e(text)}</span>'
        cls = ' class="minus"' if rounded < 0 else ""
        return f'<span{cls} title="{e(exact_text(value))}">{e(text)}</span>'

    @staticmethod
    def weight(value: Decimal | Fraction) -> str:
        """A weight at its own precision (``4,5``), or an exact share of one (``6/7``) shown
        at two places with the fraction in its title."""
        if isinstance(value, Decimal):
            return e(format_number(value))
        return (
            f'<span title="{e(exact_text(value))}">'
            f"{e(format_number(round_fraction(value, 2)))}</span>"
        )

    def meter(self, key: str, points: Fraction | None, weight: Decimal, label: str) -> str:
        """A bar as long as ``points`` of ``weight``: its fill's width is the share, exact to
        a hundredth of a percent (``data-points``, ``data-weight``: the exact figures)."""
        if points is None:
            return f'<span class="meter empty" data-key="{e(key)}"></span>'
        share = points / Fraction(weight) * 100
        width = min(max(round_fraction(share, 2, Rounding.HALF_UP), Decimal(0)), Decimal(100))
        text = M_(
            "{name}: {points} of {weight} points",
            name=label,
            points=format_number(round_fraction(points, self.places, self.rounding)),
            weight=format_number(weight),
        ).render(self.lang)
        return (
            f'<span class="meter" role="img" aria-label="{e(text)}" data-key="{e(key)}" '
            f'data-points="{e(exact_string(points))}" data-weight="{e(weight)}">'
            f'<span class="fill" style="width: {format(width, "f")}%"></span></span>'
        )

    def percent(self, points: Fraction | None, weight: Decimal) -> str:
        """``points`` as a percentage of ``weight`` (``80,80%``)."""
        if points is None:
            return self.shown(None)
        share = round_fraction(points / Fraction(weight) * 100, self.places, self.rounding)
        return e(format_number(share) + "%")

    def item_words(self, item: str | None) -> str:
        """What a finding's item is, in words: a criterion, sub-component or component by its
        id, the total, the predikat."""
        design = self.design
        if item is None:
            return ""
        words: Message | None = None
        if item == "total":
            words = M_("the total")
        elif item == "predikat":
            words = M_("the predikat")
        elif design.has_criterion(item):
            words = M_("criterion {id}", id=item)
        elif any(part.id == item for part in design.parts):
            words = M_("sub-component {id}", id=item)
        elif any(component.id == item for component in design.components):
            words = M_("component {id}", id=item)
        return item if words is None else words.render(self.lang)

    def mark(self, printed: bool, item: str, anchor: str) -> tuple[str, str]:
        """The attributes of the row showing ``item`` (a class and the numbers of its
        findings, when it has some) and the links to those findings; the row is recorded as
        marking each of them."""
        numbers = self.numbers.get((printed, item), [])
        if not numbers:
            return "", ""
        words = self.item_words(item)
        for number in numbers:
            self.marked.setdefault(number, []).append((anchor, words))
        worst = min(numbers, key=lambda n: SEVERITY_ORDER[self.findings[n - 1].severity])
        cls = SEVERITY[self.findings[worst - 1].severity][1]
        listed = " ".join(str(n) for n in numbers)
        refs = " ".join(f'<a href="#temuan-{n}" class="ref">[{n}]</a>' for n in numbers)
        return f' class="flagged {cls}" data-findings="{listed}"', f" {refs}"

    def affected(self, criteria: Iterable[str], anchor: str) -> tuple[str, str]:
        """A sub-component's or component's row when findings concern its criteria: a class,
        and a link to its criteria saying how many findings there are."""
        count = sum(len(self.numbers.get((False, c), [])) for c in criteria)
        if not count:
            return "", ""
        words = M_(FINDINGS if count != 1 else FINDING, count=str(count)).render(self.lang)
        return (
            f' data-affected="{count}"',
            f' <a href="#{anchor}" class="affected">{e(words)}</a>',
        )

    def answer(self, answer: Answer | None) -> str:
        """An answer's code, titled with its meaning; a dash for none."""
        if answer is None:
            return self.shown(None)
        if answer.meaning:
            return f'<span title="{e(answer.meaning)}">{e(answer.code)}</span>'
        return e(answer.code)

    def criterion_link(self, identifier: str) -> str:
        return f'<a href="#{anchor_of("kriteria", identifier)}">{e(identifier)}</a>'
