"""The page's head: the unit, the predikat and total as a simulation, the contents, and the
scores per component with their bars."""

from __future__ import annotations

from lakipcore.figures import format_number
from lakipcore.i18n import M_, N_, translate
from lakipcore.lke.page.base import Base
from lakipcore.lke.page.words import (
    AUDIT,
    AUDIT_WORD,
    BEST,
    CODE,
    COMPONENT,
    CONTENTS,
    CRITERIA,
    DESIGN,
    LAYERS,
    NEXT,
    POINTS,
    POLICIES,
    PREDIKAT,
    PRINTED,
    PRINTED_PREDIKAT,
    PRINTED_TOTAL,
    SCORES,
    SHARE,
    SIMULATION,
    TOTAL,
    WEIGHT,
    anchor_of,
    e,
    scrolling,
)
from lakipcore.lke.render import SIMULATION_LABEL, exact_string
from lakipcore.lke.scoring import EvaluationScore


class Summary(Base):
    """The page's head: the unit, the predikat and total as a simulation, the contents, and the"""

    # --- the header ------------------------------------------------------------------------

    def header(self) -> str:
        worksheet, design, evaluation = self.worksheet, self.design, self.evaluation
        title = worksheet.name or worksheet.unit
        year = f" {worksheet.year}" if worksheet.year is not None else ""
        about = [
            self.m(M_("{title}, version {version}", title=design.title, version=design.version)),
            self.m(M_("Layer shown: {layer}", layer=evaluation.layer)),
        ]
        if len(worksheet.layers) > 1:
            layers = ", ".join(worksheet.layers)
            about.append(self.m(M_("Layers of the worksheet: {layers}", layers=layers)))
        kicker = self.t(N_("SAKIP evaluation worksheet (LKE), scored and audited by lakipcore"))
        return (
            f'<header><p class="kicker">{kicker}</p><h1>{e(title)}{e(year)}</h1>'
            f'<p class="office">{" · ".join(about)}</p>{self.summary()}{self.contents()}'
            "</header>"
        )

    def summary(self) -> str:
        """The predikat and total, large, with the simulation notice; the audit's counts."""
        score, evaluation = self.evaluation.score, self.evaluation
        counts = e(evaluation.findings.counted(self.lang))
        errors = evaluation.findings.summary()["error"]
        audit = (
            f'<div><dt>{self.t(AUDIT_WORD)}</dt><dd class="errors{"" if errors else " none"}">'
            f'<a href="#audit">{counts}</a></dd></div>'
        )
        if score is not None:
            label = f'<span class="label">{e(score.band.label)}</span>' if score.band.label else ""
            tag = f'<span class="tag">{self.t(SIMULATION)}</span>'
            total_of = self.m(M_("of {total}", total=format_number(self.design.total)))
            items = (
                f'<div class="predikat"><dt>{self.t(PREDIKAT)}</dt>'
                f'<dd class="predikat" data-predikat="{e(score.predikat)}">'
                f"{e(score.predikat)}{tag}{label}</dd></div>"
                f'<div class="total"><dt>{self.t(TOTAL)}</dt>'
                f'<dd class="total" data-exact="{e(exact_string(score.total))}">'
                f'{self.shown(score.total)} <span class="of">{total_of}</span></dd></div>'
            )
            notice = (
                f'<p class="simulation" id="simulasi" role="note">{self.t(SIMULATION_LABEL)}</p>'
            )
        else:
            items, notice = self.printed_summary(), f'<p class="simulation">{self.unscored()}</p>'
            if any(effect.score is not None for effect in evaluation.effects):
                # Another policy scores the layer: the policies' table shows a predikat.
                notice += (
                    f'<p class="simulation" id="simulasi" role="note">'
                    f"{self.t(SIMULATION_LABEL)}</p>"
                )
        return f'<dl class="summary" id="ringkasan">{items}{audit}</dl>{notice}'

    def printed_summary(self) -> str:
        """Without a score: the printed total and predikat, said to be printed."""
        printed = self.worksheet.printed
        if printed is None:
            return ""
        items = []
        if printed.predikat is not None:
            items.append(
                f'<div class="predikat"><dt>{self.t(PRINTED_PREDIKAT)}</dt>'
                f'<dd class="predikat">{e(printed.predikat)}</dd></div>'
            )
        if printed.total is not None:
            items.append(
                f'<div class="total"><dt>{self.t(PRINTED_TOTAL)}</dt>'
                f'<dd class="total">{e(printed.total.text)}</dd></div>'
            )
        return "".join(items)

    def unscored(self) -> str:
        """Why the layer shown has no score, in words."""
        error = self.evaluation.error
        if error is not None:
            return e(error.message_in(self.lang))
        reason = self.evaluation.no_answers
        assert reason is not None  # neither a score nor an error: no answers
        return self.m(reason)

    def contents(self) -> str:
        links = "".join(
            f'<li><a href="#{anchor}">{self.t(label)}</a></li>' for anchor, label in self.sections()
        )
        return f'<nav aria-label="{self.t(CONTENTS)}"><ol>{links}</ol></nav>'

    def sections(self) -> list[tuple[str, str]]:
        """(anchor, title) of each section the page has."""
        evaluation = self.evaluation
        found = []
        if evaluation.score is not None:
            found += [("komponen", SCORES), ("predikat-berikutnya", NEXT), ("langkah", BEST)]
        if evaluation.effects:
            found.append(("kebijakan", POLICIES))
        if evaluation.comparisons:
            found.append(("lapisan", LAYERS))
        if self.worksheet.printed is not None:
            found.append(("tercetak", PRINTED))
        if any(r.answers for r in self.worksheet.responses.values()):
            found.append(("kriteria", CRITERIA))
        found += [("audit", AUDIT), ("desain", DESIGN)]
        return found

    # --- scores per component ------------------------------------------------------------------

    def scores(self, score: EvaluationScore) -> str:
        head = "".join(
            f"<th>{self.t(name)}</th>" for name in (CODE, COMPONENT, POINTS, WEIGHT, SHARE)
        )
        rows = []
        for component in score.components:
            c = component.component
            criteria = [k.criterion.id for p in component.parts for k in p.criteria]
            attrs, note = self.affected(criteria, anchor_of("komponen", c.id))
            rows.append(
                f'<tr class="component{" affected" if attrs else ""}" '
                f'data-component="{e(c.id)}"{attrs}>'
                f"<td>{e(c.id)}</td>"
                f'<th scope="row">{e(c.name)}{note}</th>'
                f'<td class="num">{self.shown(component.points)}</td>'
                f'<td class="num">{self.weight(c.weight)}</td>'
                f'<td class="bar">{self.meter(c.id, component.points, c.weight, c.name)}'
                f'<span class="note">{self.percent(component.points, c.weight)}</span></td></tr>'
            )
            for part in component.parts:
                p = part.part
                ids = [k.criterion.id for k in part.criteria]
                attrs, note = self.affected(ids, anchor_of("subkomponen", p.id))
                rows.append(
                    f'<tr class="part{" affected" if attrs else ""}" data-part="{e(p.id)}" '
                    f'data-component="{e(c.id)}"'
                    f'{attrs}><td>{e(p.id)}</td><th scope="row">{e(p.name)}{note}</th>'
                    f'<td class="num">{self.shown(part.points)}</td>'
                    f'<td class="num">{self.weight(p.weight)}</td>'
                    f'<td class="bar">{self.meter(p.id, part.points, p.weight, p.name)}'
                    f'<span class="note">{self.percent(part.points, p.weight)}</span></td></tr>'
                )
        total_label = translate(TOTAL, self.lang)
        foot = (
            f'<tr class="mean"><td></td><th scope="row">{e(total_label)}</th>'
            f'<td class="num">{self.shown(score.total)}</td>'
            f'<td class="num">{e(format_number(self.design.total))}</td>'
            f'<td class="bar">{self.meter("total", score.total, self.design.total, total_label)}'
            f'<span class="note">{self.percent(score.total, self.design.total)}</span></td></tr>'
        )
        caption = M_("Points of each component and sub-component, layer {layer}", layer=score.layer)
        caption_text = caption.render(self.lang)
        table = (
            f'<table class="scores"><caption>{e(caption_text)}</caption>'
            f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody>"
            f"<tfoot>{foot}</tfoot></table>"
        )
        notes = [
            self.m(
                M_(
                    "Each bar is as long as the points earned of the weight. Figures are rounded "
                    "to {places} places ({rounding}) when shown; every sum is exact.",
                    places=str(self.places),
                    rounding=self.rounding.value,
                )
            )
        ]
        if score.unanswered:
            notes.append(
                self.m(
                    M_(
                        "Unanswered criteria, counted under the policy {policy}: {ids}",
                        policy=score.policy.value,
                        ids=", ".join(score.unanswered),
                    )
                )
            )
        paragraphs = "".join(f'<p class="note">{note}</p>' for note in notes)
        return (
            f'<section id="komponen"><h2>{self.t(SCORES)}</h2>'
            f"{scrolling(table, caption_text)}{paragraphs}</section>"
        )

    # --- the next predikat -------------------------------------------------------------------
