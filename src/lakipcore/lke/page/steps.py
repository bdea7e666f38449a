"""The way to the next predikat, the single steps that gain most, the policies and the
layers' differences."""

from __future__ import annotations

from fractions import Fraction

from lakipcore.figures import format_number
from lakipcore.i18n import M_, N_
from lakipcore.lke.evaluation import LayerComparison
from lakipcore.lke.page.base import Base
from lakipcore.lke.page.words import (
    ANSWER,
    BEST,
    BEST_SHOWN,
    CODE,
    COMPONENT,
    CRITERION,
    GAIN,
    IN_FORCE,
    LAYERS,
    NEXT,
    NOT_SCORED,
    POINTS,
    POLICIES,
    POLICY_WORDS,
    PREDIKAT,
    TEXT,
    TOTAL,
    UNANSWERED,
    e,
    grouped,
    scrolling,
)
from lakipcore.lke.scoring import EvaluationScore
from lakipcore.rounding import round_fraction


class Steps(Base):
    """The way to the next predikat, the single steps that gain most, the policies and the"""

    def next(self, score: EvaluationScore) -> str:
        following = self.evaluation.next
        parts = [f'<section id="predikat-berikutnya"><h2>{self.t(NEXT)}</h2>']
        if following is None or following.target is None:
            words = self.t(N_("The worksheet is in the highest predikat of the grade table."))
            parts.append(f"<p>{words}</p></section>")
            return "".join(parts)
        target = following.target
        edge = ">" if not target.lower_inclusive else "≥"
        short = Fraction(target.lower) - score.total
        label = f" ({e(target.label)})" if target.label else ""
        facts = [
            (
                N_("Target predikat"),
                f'<span data-target="{e(target.letter)}">{e(target.letter)}</span>{label}',
            ),
            (N_("Lower edge of the band"), e(f"{edge} {format_number(target.lower)}")),
            (N_("Points short"), self.shown(short)),
        ]
        highest = self.evaluation.highest
        if following.reachable:
            facts += [
                (N_("Fewest steps"), e(str(len(following.steps)))),
                (N_("Total after the steps"), self.shown(following.total_after)),
            ]
        items = "".join(f"<div><dt>{self.t(k)}</dt><dd>{v}</dd></div>" for k, v in facts)
        parts.append(f'<dl class="gap">{items}</dl>')
        if not following.reachable:
            unreachable = (
                M_(
                    "Predikat {target} cannot be reached with answers of at most {highest}: "
                    "every answer raised that far gives {total}.",
                    target=target.letter,
                    highest=highest,
                    total=format_number(
                        round_fraction(following.total_after, self.places, self.rounding)
                    ),
                )
                if highest is not None
                else M_(
                    "Predikat {target} cannot be reached: every answer raised to the best gives "
                    "{total}.",
                    target=target.letter,
                    total=format_number(
                        round_fraction(following.total_after, self.places, self.rounding)
                    ),
                )
            )
            parts.append(f'<p class="unreachable">{self.m(unreachable)}</p></section>')
            return "".join(parts)
        explained = M_(
            "The fewest answers raised one place at a time that lift the total into {target}, "
            "taken together per criterion. No set of fewer steps reaches {target}.",
            target=target.letter,
        )
        parts.append(f"<p>{self.m(explained)}</p>")
        if highest is not None:
            capped = M_("Answers above {highest} are not counted on.", highest=highest)
            parts.append(f'<p class="note">{self.m(capped)}</p>')
        rows = []
        for first, last, gain, count in grouped(following.steps):
            rows.append(
                f'<tr data-criterion="{e(first.criterion.id)}">'
                f'<th scope="row">{self.criterion_link(first.criterion.id)}</th>'
                f'<td class="text">{e(first.criterion.text)}</td>'
                f'<td class="answer">{e(first.before.code)} → {e(last.after.code)}</td>'
                f'<td class="num">{count}</td><td class="num">{self.signed(gain)}</td></tr>'
            )
        head = "".join(
            f"<th>{self.t(name)}</th>" for name in (CRITERION, TEXT, ANSWER, N_("Steps"), GAIN)
        )
        caption = M_("Fewest steps to {target}", target=target.letter).render(self.lang)
        table = (
            f'<table class="steps next"><caption>{e(caption)}</caption>'
            f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
        )
        parts.append(scrolling(table, caption) + "</section>")
        return "".join(parts)

    def best(self) -> str:
        steps = self.evaluation.steps
        parts = [f'<section id="langkah"><h2>{self.t(BEST)}</h2>']
        if not steps:
            words = self.t(N_("No answer can be raised."))
            parts.append(f"<p>{words}</p></section>")
            return "".join(parts)
        shown = steps[:BEST_SHOWN]
        about = M_(
            "One answer raised one place, the largest gain first: {shown} of {count} "
            "criteria that can rise.",
            shown=str(len(shown)),
            count=str(len(steps)),
        )
        rows = [
            f'<tr data-criterion="{e(step.criterion.id)}">'
            f'<th scope="row">{self.criterion_link(step.criterion.id)}</th>'
            f'<td class="text">{e(step.criterion.text)}</td>'
            f'<td class="answer">{e(step.before.code)} → {e(step.after.code)}</td>'
            f'<td class="num">{self.signed(step.gain)}</td></tr>'
            for step in shown
        ]
        head = "".join(f"<th>{self.t(name)}</th>" for name in (CRITERION, TEXT, ANSWER, GAIN))
        caption = about.render(self.lang)
        table = (
            f'<table class="steps best"><caption>{e(caption)}</caption>'
            f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
        )
        parts.append(scrolling(table, caption) + "</section>")
        return "".join(parts)

    # --- policies and layers ---------------------------------------------------------------

    def policies(self) -> str:
        effects = self.evaluation.effects
        rows = []
        for effect in effects:
            current = effect.policy is self.evaluation.policy
            mark = f' <span class="note">({self.t(IN_FORCE)})</span>' if current else ""
            if effect.score is None:
                why = e(effect.error.message_in(self.lang)) if effect.error is not None else ""
                figures = (
                    f'<td class="num">{self.shown(None)}</td>'
                    f'<td class="num">{self.shown(None)}</td>'
                    f'<td class="note">{self.t(NOT_SCORED)}: {why}</td>'
                )
            else:
                unanswered = self.m(M_(UNANSWERED, count=str(len(effect.score.unanswered))))
                figures = (
                    f'<td class="num">{self.shown(effect.score.total)}</td>'
                    f'<td class="num">{e(effect.score.predikat)}</td>'
                    f'<td class="note">{unanswered}</td>'
                )
            cls = ' class="current"' if current else ""
            rows.append(
                f'<tr data-policy="{e(effect.policy.value)}"{cls}>'
                f'<th scope="row"><code>{e(effect.policy.value)}</code>{mark}</th>'
                f"<td>{self.t(POLICY_WORDS[effect.policy])}</td>{figures}</tr>"
            )
        head = "".join(
            f"<th>{self.t(name)}</th>"
            for name in (
                N_("Policy"),
                N_("Meaning"),
                TOTAL,
                PREDIKAT,
                N_("Remark"),
            )
        )
        caption = M_(
            "The total of layer {layer} under each unanswered-criterion policy",
            layer=self.evaluation.layer,
        ).render(self.lang)
        table = (
            f'<table class="policies"><caption>{e(caption)}</caption>'
            f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
        )
        about = self.t(
            N_(
                "How the total and the predikat move with what an unanswered criterion counts "
                "for; with every criterion answered they are the same under each policy."
            )
        )
        return (
            f'<section id="kebijakan"><h2>{self.t(POLICIES)}</h2><p>{about}</p>'
            f"{scrolling(table, caption)}</section>"
        )

    def layers(self) -> str:
        parts = [f'<section id="lapisan"><h2>{self.t(LAYERS)}</h2>']
        for comparison in self.evaluation.comparisons:
            parts.append(self.comparison(comparison))
        parts.append("</section>")
        return "".join(parts)

    def comparison(self, comparison: LayerComparison) -> str:
        first, second = comparison.first, comparison.second
        a, b = e(first.layer), e(second.layer)
        title = M_("{first} to {second}", first=first.layer, second=second.layer)
        rows = []
        for one, two in zip(first.components, second.components, strict=True):
            key = one.component.id
            rows.append(
                f'<tr data-component="{e(key)}"><td>{e(key)}</td>'
                f'<th scope="row">{e(one.component.name)}</th>'
                f'<td class="num">{self.shown(one.points)}</td>'
                f'<td class="num">{self.shown(two.points)}</td>'
                f'<td class="num">{self.signed(comparison.components.get(key))}</td></tr>'
            )
        rows.append(
            f'<tr class="mean" data-component="total"><td></td>'
            f'<th scope="row">{self.t(TOTAL)}</th>'
            f'<td class="num">{self.shown(first.total)}<br>{e(first.predikat)}</td>'
            f'<td class="num">{self.shown(second.total)}<br>{e(second.predikat)}</td>'
            f'<td class="num">{self.signed(comparison.total)}</td></tr>'
        )
        difference = self.t(N_("Difference"))
        head = (
            f"<th>{self.t(CODE)}</th><th>{self.t(COMPONENT)}</th>"
            f"<th>{a}</th><th>{b}</th><th>{difference}</th>"
        )
        caption = M_(
            "Points per component in {first} and {second}", first=first.layer, second=second.layer
        ).render(self.lang)
        table = (
            f'<table class="layers"><caption>{e(caption)}</caption>'
            f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
        )
        out = [f"<h3>{self.m(title)}</h3>", scrolling(table, caption)]
        if comparison.criteria:
            design = self.design
            changed = "".join(
                f'<tr data-criterion="{e(d.criterion)}">'
                f'<th scope="row">{self.criterion_link(d.criterion)}</th>'
                f'<td class="text">{e(design.criterion(d.criterion).text)}</td>'
                f'<td class="answer">{self.answer(d.first)}</td>'
                f'<td class="answer">{self.answer(d.second)}</td>'
                f'<td class="num">{self.signed(d.points)}</td></tr>'
                for d in comparison.criteria
            )
            head = "".join(
                f"<th>{name}</th>"
                for name in (self.t(CRITERION), self.t(TEXT), a, b, self.t(POINTS))
            )
            counted = M_(
                "{count} criteria answered differently in {first} and {second}",
                count=str(len(comparison.criteria)),
                first=first.layer,
                second=second.layer,
            ).render(self.lang)
            table = (
                f'<table class="layer-criteria"><caption>{e(counted)}</caption>'
                f"<thead><tr>{head}</tr></thead><tbody>{changed}</tbody></table>"
            )
            out.append(scrolling(table, counted))
        else:
            same = M_(
                "Every criterion is answered alike in {first} and {second}.",
                first=first.layer,
                second=second.layer,
            )
            out.append(f"<p>{self.m(same)}</p>")
        return "".join(out)

    # --- printed figures ---------------------------------------------------------------------
