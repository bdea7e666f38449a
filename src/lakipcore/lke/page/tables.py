"""The printed figures beside their recomputation, every criterion's answers, the audit and
the design."""

from __future__ import annotations

from fractions import Fraction

from lakipcore.figures import format_number
from lakipcore.i18n import M_, N_, translate
from lakipcore.lke.page.base import Base
from lakipcore.lke.page.words import (
    AGREES,
    AUDIT,
    CODE,
    CRITERIA,
    CRITERION,
    DESIGN,
    NOT_RECOMPUTED,
    POINTS,
    PREDIKAT,
    PRINTED,
    PRINTED_CODES,
    SEVERITY,
    SOURCE,
    TOTAL,
    UNVERIFIED,
    WEIGHT,
    anchor_of,
    band_range,
    e,
    scrolling,
)
from lakipcore.lke.scoring import EvaluationScore
from lakipcore.render.marks import said
from lakipcore.results.findings import Finding, file_name


class Tables(Base):
    """The printed figures beside their recomputation, every criterion's answers, the audit and"""

    def printed(self) -> str:
        printed = self.worksheet.printed
        assert printed is not None
        found = self.evaluation.scores.get(printed.layer)
        score = found if isinstance(found, EvaluationScore) else None
        design = self.design
        rows: list[str] = []

        def row(item: str, name: str, text: str, recomputed: str, checked: bool) -> None:
            anchor = anchor_of("tercetak", item)
            attrs, refs = self.mark(True, item, anchor)
            if refs:
                # Numbered errors first: the first finding on the figure is its worst.
                worst = self.findings[self.numbers[(True, item)][0] - 1].severity
                label, cls = SEVERITY[worst]
                state = f'<span class="badge {cls}">{self.t(label)}</span>{refs}'
            elif checked:
                state = self.t(AGREES)
            else:
                state = f'<span class="na">{self.t(NOT_RECOMPUTED)}</span>'
            rows.append(
                f'<tr id="{anchor}" data-item="{e(item)}"{attrs}>'
                f'<th scope="row">{e(name)}</th><td class="num">{e(text)}</td>'
                f'<td class="num">{recomputed}</td><td>{state}</td></tr>'
            )

        if printed.total is not None:
            exact = score.total if score is not None else self.evaluation.printed_sum
            row(
                "total",
                translate(TOTAL, self.lang),
                printed.total.text,
                self.shown(exact) if exact is not None else self.shown(None),
                exact is not None,
            )
        if printed.predikat is not None:
            band = score.band if score is not None else self.evaluation.printed_band
            row(
                "predikat",
                translate(PREDIKAT, self.lang),
                printed.predikat,
                e(band.letter) if band is not None else self.shown(None),
                band is not None,
            )
        for key, figure in printed.components.items():
            component = design.component(key)
            exact = None
            if score is not None:
                exact = score.component(key).points
            else:
                terms = [printed.parts.get(part.id) for part in component.parts]
                if all(term is not None for term in terms):
                    exact = sum((Fraction(t.value) for t in terms if t is not None), Fraction(0))
            row(
                key,
                f"{key} {component.name}",
                figure.text,
                self.shown(exact),
                exact is not None,
            )
        for key, figure in printed.parts.items():
            part = design.part(key)
            exact = score.part(key).points if score is not None else None
            row(key, f"{key} {part.name}", figure.text, self.shown(exact), exact is not None)
        if score is not None:
            basis = M_("Recomputed from the answers of layer {layer}.", layer=printed.layer)
        else:
            basis = M_(
                "The worksheet has no answers in layer {layer}: the printed total is checked "
                "against the sum of the printed components, a component against the sum of its "
                "printed sub-components, the predikat against the band of the printed total.",
                layer=printed.layer,
            )
        where = printed.source or printed.layer
        caption = M_("Printed in {source}", source=where).render(self.lang)
        head = "".join(
            f"<th>{self.t(name)}</th>"
            for name in (N_("Item"), N_("Printed"), N_("Recomputed"), N_("Check"))
        )
        table = (
            f'<table class="printed"><caption>{e(caption)}</caption>'
            f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
        )
        return (
            f'<section id="tercetak"><h2>{self.t(PRINTED)}</h2><p>{self.m(basis)}</p>'
            f"{scrolling(table, caption)}</section>"
        )

    # --- the criteria ----------------------------------------------------------------------

    def criteria(self) -> str:
        worksheet = self.worksheet
        layers = [
            layer
            for layer in worksheet.layers
            if any(layer in r.answers for r in worksheet.responses.values())
        ]
        score = self.evaluation.score
        points = {k.criterion.id: k for k in score.criteria} if score is not None else {}
        head = (
            f"<th>{self.t(CODE)}</th><th>{self.t(CRITERION)}</th>"
            + "".join(f"<th>{e(layer)}</th>" for layer in layers)
            + f"<th>{self.t(POINTS)}</th><th>{self.t(WEIGHT)}</th>"
        )
        width = 4 + len(layers)
        blocks = []
        for component in self.design.components:
            rows = []
            for part in component.parts:
                part_anchor = anchor_of("subkomponen", part.id)
                rows.append(
                    f'<tr class="group" id="{part_anchor}"><th colspan="{width}" scope="rowgroup">'
                    f"{e(part.id)} {e(part.name)}</th></tr>"
                )
                for criterion in part.criteria:
                    anchor = anchor_of("kriteria", criterion.id)
                    attrs, refs = self.mark(False, criterion.id, anchor)
                    answers = []
                    for layer in layers:
                        answer = worksheet.answer(criterion.id, layer)
                        answers.append(
                            f'<td class="answer" data-layer="{e(layer)}">{self.answer(answer)}</td>'
                        )
                    entry = points.get(criterion.id)
                    earned = self.shown(entry.points) if entry is not None else self.shown(None)
                    weight = part.weight_of(criterion)
                    rows.append(
                        f'<tr id="{anchor}" data-criterion="{e(criterion.id)}"{attrs}>'
                        f"<td>{e(criterion.id)}{refs}</td>"
                        f'<td class="text">{e(criterion.text)}</td>{"".join(answers)}'
                        f'<td class="num">{earned}</td><td class="num">{self.weight(weight)}</td>'
                        "</tr>"
                    )
            title = f"{component.id} {component.name}"
            caption = M_("Criteria of component {id}", id=component.id).render(self.lang)
            anchor = anchor_of("komponen", component.id)
            table = (
                f'<table class="criteria" data-component="{e(component.id)}">'
                f"<caption>{e(caption)}</caption><thead><tr>{head}</tr></thead>"
                f"<tbody>{''.join(rows)}</tbody></table>"
            )
            blocks.append(
                f'<div class="component" id="{anchor}"><h3>{e(title)}</h3>'
                f"{scrolling(table, caption)}</div>"
            )
        shown = self.evaluation.layer
        about = M_(
            "The answer of each criterion in each layer; points and weights of layer {layer}. "
            "A row with a finding is marked and links to it.",
            layer=shown,
        )
        return (
            f'<section id="kriteria"><h2>{self.t(CRITERIA)}</h2><p>{self.m(about)}</p>'
            + "".join(blocks)
            + "</section>"
        )

    # --- the audit -------------------------------------------------------------------------

    def audit(self) -> str:
        parts = [f'<section id="audit"><h2>{self.t(AUDIT)}</h2>']
        counts = e(self.evaluation.findings.counted(self.lang))
        about = said(
            N_(
                "lakipcore checks the answers against the design's rules and recomputes every "
                "printed figure: {counts}."
            ),
            self.lang,
            counts=f"<strong>{counts}</strong>",
        )
        parts.append(f"<p>{about}</p>")
        if not self.findings:
            none = self.t(
                N_(
                    "No findings: the answers keep the design's rules and every printed figure "
                    "agrees with its recomputation."
                )
            )
            parts.append(f"<p>{none}</p></section>")
            return "".join(parts)
        parts.append('<ol class="findings">')
        parts += [self.finding(n, f) for n, f in enumerate(self.findings, 1)]
        parts.append("</ol></section>")
        return "".join(parts)

    def finding(self, number: int, finding: Finding) -> str:
        label, cls = SEVERITY[finding.severity]
        facts = [
            f'<span class="badge {cls}">{self.t(label)}</span>',
            f"<code>{e(finding.code.value)}</code>",
        ]
        item = finding.subject.item
        if item is not None:
            facts.append(e(self.item_words(item)))
        if finding.code in PRINTED_CODES:
            if finding.published is not None:
                facts.append(
                    said(N_("printed {figure}"), self.lang, figure=f"<b>{e(finding.published)}</b>")
                )
            if finding.recomputed is not None:
                places = finding.places if finding.places is not None else self.places
                value = format_number(finding.recomputed, places, self.rounding)
                facts.append(
                    said(N_("recomputed {figure}"), self.lang, figure=f"<b>{e(value)}</b>")
                )
        spots = self.marked.get(number, [])
        if spots:
            links = ", ".join(f'<a href="#{anchor}">{e(words)}</a>' for anchor, words in spots)
            marked = said(N_("Marked in: {places}"), self.lang, places=links)
        else:
            marked = self.t(N_("This finding is not marked in a table of this page."))
        return (
            f'<li id="temuan-{number}" class="finding {cls}" value="{number}" '
            f'data-severity="{finding.severity.value}" data-code="{e(finding.code.value)}" '
            f'data-item="{e(item or "")}">'
            f'<p class="facts">{" · ".join(facts)}</p>'
            f'<p class="message">{e(finding.message_in(self.lang))}</p>'
            f'<p class="marked">{marked}</p><p class="where">{self.where(finding)}</p></li>'
        )

    def where(self, finding: Finding) -> str:
        """Where the answer or figure is, in words, then the file and line (its own name,
        never a directory)."""
        location = finding.location
        shown = []
        if location.words is not None:
            shown.append(e(location.said(self.lang)))
        file = file_name(location.source)
        if file is not None:
            if location.line is not None:
                file = f"{file}:{location.line}"
            shown.append(f"<code>{e(file)}</code>")
        if location.field:
            shown.append(f"<code>{e(location.field)}</code>")
        return " · ".join(shown)

    # --- the design ------------------------------------------------------------------------

    def design_section(self) -> str:
        design = self.design
        facts = [
            (N_("Design"), f"<code>{e(design.name)}</code> · {e(design.title)}"),
            (N_("Version"), e(design.version)),
            (N_("Grade table"), f"<code>{e(design.grades.name)}</code>"),
            (N_("Unanswered-criterion policy"), f"<code>{e(design.unanswered.value)}</code>"),
        ]
        counts = M_(
            "{components} components, {parts} sub-components, {criteria} criteria, {rules} "
            "consistency rules",
            components=str(len(design.components)),
            parts=str(len(design.parts)),
            criteria=str(len(design.criteria)),
            rules=str(len(design.rules)),
        )
        facts.append((N_("Size"), self.m(counts)))
        listed = "".join(
            f'<div><dt>{self.t(k)}</dt><dd class="source">{v}</dd></div>' for k, v in facts
        )
        bands = "".join(
            f'<tr data-band="{e(band.letter)}"><th scope="row">{e(band.letter)}</th>'
            f'<td>{e(band.label)}</td><td class="num">{e(band_range(band))}</td></tr>'
            for band in reversed(design.grades.bands)
        )
        head = "".join(f"<th>{self.t(name)}</th>" for name in (PREDIKAT, N_("Meaning"), TOTAL))
        grades_caption = M_("Predikat of the total ({table})", table=design.grades.name).render(
            self.lang
        )
        grades = (
            f'<table class="grades"><caption>{e(grades_caption)}</caption>'
            f"<thead><tr>{head}</tr></thead><tbody>{bands}</tbody></table>"
        )
        parts = [
            f'<section id="desain"><h2>{self.t(DESIGN)}</h2>',
            f'<dl class="design">{listed}</dl>',
            scrolling(grades, grades_caption),
            f"<h3>{self.t(SOURCE)}</h3>",
            f'<p class="source">{e(design.source)}</p>',
        ]
        if design.unverified:
            parts.append(f"<h3>{self.t(UNVERIFIED)}</h3>")
            about = self.t(
                N_("What of the design could not be checked against the regulation's own text:")
            )
            parts.append(f"<p>{about}</p>")
            parts.append(
                '<ul class="unverified">'
                + "".join(f"<li>{e(note)}</li>" for note in design.unverified)
                + "</ul>"
            )
        parts.append("</section>")
        return "".join(parts)

    # --- the page --------------------------------------------------------------------------
