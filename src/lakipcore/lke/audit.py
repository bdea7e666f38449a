"""Auditing a worksheet: its answers against the design's rules, and what is printed of it.

Every check collects located findings (:class:`~lakipcore.results.findings.Finding`, the
report audit's records, docs/audit.md), never stopping at the first:

* ``unanswered-criterion``: a criterion with no answer in a layer that has answers (a layer
  with none at all is a worksheet known only from its printed figures, and is not reported);
* ``logic-rule-breach``: an answer above what a *kerangka logis* rule of the design allows;
* ``evidence-band-mismatch``: an answer that the evidence percentage beside it does not give;
* ``figure-mismatch`` / ``truncated`` / ``grade-mismatch``: a printed total, component or
  sub-component score, or predikat, recomputed from the answers of its layer;
* for printed figures without answers: the total against the sum of the printed components,
  a component against the sum of its printed sub-components (``rounded-input`` when only the
  rounding of the printed parts explains it), the predikat against the band of the printed
  total, and ``above-weight`` for a score above its weight.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from decimal import Decimal
from fractions import Fraction

from lakipcore.errors import InvalidValueError, UnansweredCriterionError
from lakipcore.figures import format_number
from lakipcore.i18n import M_, Message
from lakipcore.lke.design import Design, LogicRule, RuleKind, UnansweredPolicy
from lakipcore.lke.scoring import (
    EvaluationScore,
    finite_decimal,
    grade_exact,
    policy_of,
    score_worksheet,
)
from lakipcore.lke.worksheet import PrintedEvaluation, PrintedScore, Worksheet
from lakipcore.model.origin import Origin
from lakipcore.results.findings import Finding, FindingCode, Findings, Location, Subject
from lakipcore.rounding import Rounding, places_of, round_fraction

__all__ = ["audit_worksheet", "exact_text"]


def audit_worksheet(
    worksheet: Worksheet,
    *,
    policy: UnansweredPolicy | str | None = None,
    scores: Mapping[str, EvaluationScore | UnansweredCriterionError] | None = None,
) -> Findings:
    """Every finding of ``worksheet`` (module docs). ``policy`` is the unanswered-criterion
    policy the printed figures are recomputed under (the design's unless given); ``scores``
    are the layers' scores already computed under it (:func:`~lakipcore.lke.evaluate` passes
    its own, so that the audit reads the one result rather than scoring again)."""
    audit = _Audit(worksheet, scores or {}, policy_of(worksheet.design, policy))
    for layer in worksheet.layers:
        if any(layer in response.answers for response in worksheet.responses.values()):
            audit.unanswered(layer)
            audit.rules(layer)
    audit.evidence()
    if worksheet.printed is not None:
        audit.printed(worksheet.printed, audit.policy)
    return audit.findings


def exact_text(value: Fraction) -> str:
    """An exact value as text: its decimal when finite, in the Indonesian style (``65,93``),
    else the fraction (``461/7``)."""
    finite = finite_decimal(value)
    if finite is not None:
        return format_number(finite)
    return f"{value.numerator}/{value.denominator}"


def _recomputed(value: Fraction) -> Decimal:
    finite = finite_decimal(value)
    return finite if finite is not None else round_fraction(value, 20, Rounding.HALF_EVEN)


class _Audit:
    def __init__(
        self,
        worksheet: Worksheet,
        scores: Mapping[str, EvaluationScore | UnansweredCriterionError],
        policy: UnansweredPolicy,
    ) -> None:
        self.worksheet = worksheet
        self.scores = scores
        self.policy = policy
        self.design: Design = worksheet.design
        self.findings = Findings()
        self.period = None if worksheet.year is None else str(worksheet.year)

    def add(
        self,
        code: FindingCode,
        item: str,
        origin: Origin | None,
        text: Message,
        *,
        published: str | None = None,
        recomputed: Fraction | None = None,
        places: int | None = None,
        reading: str | None = None,
    ) -> None:
        self.findings.append(
            Finding(
                code,
                Subject(self.worksheet.unit, item),
                self.period,
                Location.of(origin or self.worksheet.origin, None, self.worksheet.source),
                text,
                published,
                None if recomputed is None else _recomputed(recomputed),
                places,
                reading,
            )
        )

    # --- answers ---------------------------------------------------------------------------

    def unanswered(self, layer: str) -> None:
        policy = self.policy
        for identifier in self.worksheet.unanswered(layer):
            response = self.worksheet.responses.get(identifier)
            # Name the policy in force: the design's, or the one chosen (--policy).
            text = (
                M_(
                    "criterion {id} has no answer in layer {layer}; the design's policy "
                    "{policy} applies",
                    id=identifier,
                    layer=layer,
                    policy=policy.value,
                )
                if policy is self.design.unanswered
                else M_(
                    "criterion {id} has no answer in layer {layer}; the policy {policy} "
                    "chosen applies",
                    id=identifier,
                    layer=layer,
                    policy=policy.value,
                )
            )
            self.add(
                FindingCode.UNANSWERED_CRITERION,
                identifier,
                None if response is None else response.origin,
                text,
            )

    def _share(self, criterion: str, layer: str) -> Fraction | None:
        answer = self.worksheet.answer(criterion, layer)
        if answer is None:
            return None
        return self.design.criterion(criterion).scale.share(answer)

    def rules(self, layer: str) -> None:
        for rule in self.design.rules:
            share = self._share(rule.criterion, layer)
            limit = self._limit(rule, layer)
            if share is None or limit is None or share <= limit:
                continue
            response = self.worksheet.responses[rule.criterion]
            answer = response.answers[layer]
            said = f" ({rule.message})" if rule.message else ""
            self.add(
                FindingCode.LOGIC_RULE_BREACH,
                rule.criterion,
                response.where(layer),
                M_(
                    "rule {rule}: criterion {id} answered {answer} ({share} % of full marks) "
                    "in layer {layer} is above {limit} % allowed by {what}{said}",
                    rule=rule.id,
                    id=rule.criterion,
                    answer=answer,
                    share=_percent(share),
                    layer=layer,
                    limit=_percent(limit),
                    what=_limit_words(rule),
                    said=said,
                ),
                published=answer,
                recomputed=limit * 100,
                reading=rule.kind.value,
            )

    def _limit(self, rule: LogicRule, layer: str) -> Fraction | None:
        """What ``rule`` allows its criterion in ``layer``; ``None`` when the criteria that
        limit it are unanswered (an unanswered criterion is a finding of its own)."""
        shares = [self._share(c.id, layer) for c in self.design.limit_criteria(rule)]
        known = [share for share in shares if share is not None]
        if not known or (rule.kind is not RuleKind.NOT_ABOVE_MEAN and len(known) < len(shares)):
            return None
        if rule.kind is RuleKind.NOT_ABOVE_MEAN:
            return sum(known, Fraction(0)) / len(known)
        return max(known)

    def evidence(self) -> None:
        for identifier, response in self.worksheet.responses.items():
            scale = self.design.criterion(identifier).scale
            if response.evidence is None or scale.evidence is None:
                continue
            try:
                expected = scale.evidence.grade(response.evidence).letter
            except InvalidValueError as error:
                # Outside the scale's evidence bands: no answer to check the given one against.
                for layer, code in response.answers.items():
                    self.add(
                        FindingCode.EVIDENCE_BAND_MISMATCH,
                        identifier,
                        response.where(layer),
                        M_(
                            "criterion {id} is answered {answer} in layer {layer}, but its "
                            "evidence {evidence} % gives no answer: {reason}",
                            id=identifier,
                            answer=code,
                            layer=layer,
                            evidence=format_number(response.evidence),
                            reason=error.text,
                        ),
                        published=code,
                        recomputed=Fraction(response.evidence),
                    )
                continue
            for layer, code in response.answers.items():
                if scale.answer(code) is scale.answer(expected):
                    continue
                self.add(
                    FindingCode.EVIDENCE_BAND_MISMATCH,
                    identifier,
                    response.where(layer),
                    M_(
                        "criterion {id} is answered {answer} in layer {layer}, but its evidence "
                        "{evidence} % gives {expected}",
                        id=identifier,
                        answer=code,
                        layer=layer,
                        evidence=format_number(response.evidence),
                        expected=expected,
                    ),
                    published=code,
                    recomputed=Fraction(response.evidence),
                )

    # --- printed figures -------------------------------------------------------------------

    def printed(self, printed: PrintedEvaluation, policy: UnansweredPolicy) -> None:
        self.weights(printed)
        if any(printed.layer in r.answers for r in self.worksheet.responses.values()):
            score = self.scores.get(printed.layer)
            if score is None:
                try:
                    score = score_worksheet(self.worksheet, printed.layer, policy=policy)
                except UnansweredCriterionError as error:
                    score = error
            if isinstance(score, UnansweredCriterionError):
                return  # each unanswered criterion is a finding already
            self.against_score(printed, score)
        else:
            self.among_themselves(printed)

    def weights(self, printed: PrintedEvaluation) -> None:
        entries: list[tuple[str, PrintedScore, Decimal]] = [
            (key, value, self.design.component(key).weight)
            for key, value in printed.components.items()
        ]
        entries += [
            (key, value, self.design.part(key).weight) for key, value in printed.parts.items()
        ]
        if printed.total is not None:
            entries.append(("total", printed.total, self.design.total))
        for key, figure, weight in entries:
            if figure.value > weight:
                self.add(
                    FindingCode.ABOVE_WEIGHT,
                    key,
                    figure.origin,
                    M_(
                        "{id} is printed {text}, above its weight {weight}",
                        id=_name(key),
                        text=figure.text,
                        weight=weight,
                    ),
                    published=figure.text,
                    recomputed=Fraction(weight),
                )
            elif figure.value < 0:
                self.add(
                    FindingCode.FIGURE_MISMATCH,
                    key,
                    figure.origin,
                    M_("{id} is printed {text}, below 0", id=_name(key), text=figure.text),
                    published=figure.text,
                    recomputed=Fraction(0),
                )

    def against_score(self, printed: PrintedEvaluation, score: EvaluationScore) -> None:
        def figures() -> Iterator[tuple[str, PrintedScore, Fraction | None]]:
            if printed.total is not None:
                yield "total", printed.total, score.total
            for key, figure in printed.components.items():
                yield key, figure, score.component(key).points
            for key, figure in printed.parts.items():
                yield key, figure, score.part(key).points

        for key, figure, exact in figures():
            if exact is not None:
                self.compare(
                    key, figure, exact, M_("its answers in layer {layer}", layer=score.layer)
                )
        if printed.predikat is not None and printed.predikat != score.predikat:
            self.predikat(printed, score.predikat, score.total)

    def among_themselves(self, printed: PrintedEvaluation) -> None:
        sums: dict[str, tuple[PrintedScore, list[PrintedScore]]] = {}
        if printed.total is not None and len(printed.components) == len(self.design.components):
            sums["total"] = (printed.total, list(printed.components.values()))
        for component in self.design.components:
            figure = printed.components.get(component.id)
            parts = [printed.parts.get(part.id) for part in component.parts]
            if figure is not None and all(part is not None for part in parts):
                sums[component.id] = (figure, [part for part in parts if part is not None])
        for key, (figure, terms) in sums.items():
            self.sum_of(key, figure, terms)
        if printed.predikat is not None and printed.total is not None:
            exact = Fraction(printed.total.value)
            try:
                band = grade_exact(self.design.grades, exact)
            except InvalidValueError as error:
                # A total off the table (100,5; -1) gives no predikat to check the printed one
                # against; the total itself is a finding of weights().
                self.add(
                    FindingCode.NOT_GRADABLE,
                    "predikat",
                    printed.predikat_origin,
                    M_(
                        "printed '{printed}' for {value}, which {grades} cannot grade: {reason}",
                        printed=printed.predikat,
                        value=printed.total.text,
                        grades=self.design.grades.name,
                        reason=error.text,
                    ),
                    published=printed.predikat,
                    recomputed=exact,
                )
                return
            if band.letter != printed.predikat:
                self.predikat(printed, band.letter, exact)

    def sum_of(self, key: str, figure: PrintedScore, terms: list[PrintedScore]) -> None:
        exact = sum((Fraction(term.value) for term in terms), Fraction(0))
        printed = Fraction(figure.value)
        if exact == printed:
            return
        # Each printed term is off its exact value by at most half its last place.
        slack = sum((Fraction(1, 2 * 10 ** places_of(t.value)) for t in terms), Fraction(0))
        slack += Fraction(1, 2 * 10 ** places_of(figure.value))
        code = FindingCode.ROUNDED_INPUT if abs(exact - printed) <= slack else None
        words = M_("the sum of its printed parts")
        if code is None:
            self.compare(key, figure, exact, words)
            return
        self.add(
            code,
            key,
            figure.origin,
            M_(
                "{id} is printed {text}; the sum of its printed parts is {exact}, a difference "
                "their rounding explains",
                id=_name(key),
                text=figure.text,
                exact=exact_text(exact),
            ),
            published=figure.text,
            recomputed=exact,
            places=places_of(figure.value),
        )

    def compare(self, key: str, figure: PrintedScore, exact: Fraction, words: Message) -> None:
        places = places_of(figure.value)
        if round_fraction(exact, places, Rounding.HALF_UP) == figure.value:
            return
        truncated = round_fraction(exact, places, Rounding.TRUNCATE) == figure.value
        self.add(
            FindingCode.TRUNCATED if truncated else FindingCode.FIGURE_MISMATCH,
            key,
            figure.origin,
            M_(
                "{id} is printed {text}; {words} give {exact} ({shown} at {places} places)",
                id=_name(key),
                text=figure.text,
                words=words,
                exact=exact_text(exact),
                shown=format_number(round_fraction(exact, places)),
                places=places,
            ),
            published=figure.text,
            recomputed=exact,
            places=places,
            reading="truncate" if truncated else "half-up",
        )

    def predikat(self, printed: PrintedEvaluation, letter: str, total: Fraction) -> None:
        self.add(
            FindingCode.GRADE_MISMATCH,
            "predikat",
            printed.predikat_origin,
            M_(
                "the predikat is printed {printed}; the total {total} falls in {letter} of {table}",
                printed=printed.predikat,
                total=exact_text(total),
                letter=letter,
                table=self.design.grades.name,
            ),
            published=printed.predikat,
            recomputed=total,
        )


def _percent(share: Fraction) -> str:
    return format_number(round_fraction(share * 100, 2))


def _limit_words(rule: LogicRule) -> Message:
    ids = ", ".join(rule.limit)
    if rule.kind is RuleKind.NOT_ABOVE:
        return M_("criterion {id}", id=ids)
    if rule.kind is RuleKind.NOT_ABOVE_HIGHEST:
        return M_("the highest of criteria {ids}", ids=ids)
    return M_("the mean of {ids}", ids=ids)


def _name(key: str) -> Message | str:
    return M_("the total") if key == "total" else key
