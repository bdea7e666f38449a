"""Findings: inconsistencies in otherwise valid data, as records with locations.

An audit never stops at the first problem: it collects every finding in one pass, like a
compiler's diagnostics. Each has a stable code (documented in docs/audit.md) that carries its
severity, the subject it concerns (a unit, and an item of it), the period, where the figure is
printed (the origin the loader set, and the report's table), the published text, the
recomputed exact value, the precision and reading used, and a message a report author
understands.

:func:`lakipcore.audit.audit` returns a :class:`Findings`, a ``list`` of :class:`Finding` that
also knows how to group, count and show itself, and gives its JSON-ready record
(:func:`findings_to_dict`, schema ``lakipcore.audit/2``, docs/audit.md). It is a ``list``
subclass, not a new sequence type, so that every use of the audit's list works unchanged:
``==`` against a list, indexing, slicing, ``len``, iteration.

>>> import lakipcore
>>> findings = lakipcore.assess(lakipcore.load_example()).findings
>>> findings.summary()
{'error': 9, 'warning': 2, 'info': 14}
>>> len(findings.errors), len(findings.by_unit()['kanwil-banten'])
(9, 3)
>>> findings_to_dict(findings, source="banten-2019.toml")["schema"]
'lakipcore.audit/2'
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from decimal import Decimal
from types import MappingProxyType
from typing import TypedDict

import attrs

from lakipcore._display import Displayed, Short
from lakipcore._names import enum_field
from lakipcore.i18n import N_, Message, language, translate
from lakipcore.model import Origin

__all__ = [
    "AUDIT_JSON_SCHEMA",
    "CODES",
    "SEVERITY_WORDS",
    "AuditDict",
    "Finding",
    "FindingCode",
    "FindingDict",
    "Findings",
    "Location",
    "LocationDict",
    "Severity",
    "Subject",
    "SubjectDict",
    "SummaryDict",
    "file_name",
    "finding_to_dict",
    "findings_to_dict",
]


class Severity(enum.Enum):
    """How much a finding matters."""

    ERROR = "error"
    """A printed figure that the inputs do not support: the report is wrong here."""
    WARNING = "warning"
    """Something a reader can be misled by, although each figure may be right on its own terms."""
    INFO = "info"
    """How a figure was explained when it is not the plain reading; nothing is wrong."""


_E, _W, _I = Severity.ERROR, Severity.WARNING, Severity.INFO

SEVERITY_WORDS: Mapping[Severity, str] = MappingProxyType(
    {_E: N_("error"), _W: N_("warning"), _I: N_("note")}
)
"""Each severity as a word of a sentence (a message of the catalogues; the JSON keeps the
severity's value)."""


class FindingCode(enum.StrEnum):
    """A finding's stable code; its value is the code (``"figure-mismatch"``), so it compares
    equal to that string. :attr:`severity` and :attr:`meaning` come with it."""

    FIGURE_MISMATCH = "figure-mismatch"
    MALFORMED_FIGURE = "malformed-figure"
    EVIDENCE_MISMATCH = "evidence-mismatch"
    GRADE_MISMATCH = "grade-mismatch"
    NOT_SCORABLE = "not-scorable"
    METHOD_CHANGE = "method-change"
    OTHER_METHOD = "other-method"
    TABLE_OMISSION = "table-omission"
    OUTSIDE_PERIOD = "outside-period"
    OVERSPENT = "overspent"
    HALF_UP = "half-up"
    TRUNCATED = "truncated"
    PRINTED_OPERANDS = "printed-operands"
    ROUNDED_INPUT = "rounded-input"
    MISSING_PERCENT_SIGN = "missing-percent-sign"
    NOT_RECOMPUTABLE = "not-recomputable"
    NOT_GRADABLE = "not-gradable"
    METHOD_INFERRED = "method-inferred"
    METHOD_NOT_APPLICABLE = "method-not-applicable"
    UNIT_LABEL_MISMATCH = "unit-label-mismatch"
    IMPLAUSIBLE_PERCENT = "implausible-percent"
    IMPLAUSIBLE_CAPAIAN = "implausible-capaian"
    THIN_ACHIEVEMENT = "thin-achievement"
    DECIMAL_SLIP = "decimal-slip"
    OVERLAPPING_GRADE_BANDS = "overlapping-grade-bands"
    GRADE_BAND_GAP = "grade-band-gap"
    GRADE_BANDS_OUT_OF_ORDER = "grade-bands-out-of-order"
    NOT_REPORTED = "not-reported"
    WORKING_MISMATCH = "working-mismatch"
    UNANSWERED_CRITERION = "unanswered-criterion"
    LOGIC_RULE_BREACH = "logic-rule-breach"
    EVIDENCE_BAND_MISMATCH = "evidence-band-mismatch"
    ABOVE_WEIGHT = "above-weight"
    PHASED_TARGET_MISMATCH = "phased-target-mismatch"

    @property
    def severity(self) -> Severity:
        """How much findings of this code matter."""
        return _MEANINGS[self][0]

    @property
    def meaning(self) -> str:
        """What the code means, in one line, in the default language (:func:`meaning_in`)."""
        return translate(_MEANINGS[self][1])

    def meaning_in(self, lang: str | None = None) -> str:
        """What the code means, in one line, in ``lang`` (``"id"`` or ``"en"``)."""
        return translate(_MEANINGS[self][1], lang)


_MEANINGS: Mapping[FindingCode, tuple[Severity, str]] = {
    FindingCode.FIGURE_MISMATCH: (
        _E,
        N_("a printed figure that no admissible reading of the inputs explains"),
    ),
    FindingCode.MALFORMED_FIGURE: (
        _E,
        N_("printed text that is not a figure in the Indonesian style (e.g. '104.30%')"),
    ),
    FindingCode.EVIDENCE_MISMATCH: (
        _E,
        N_("a stated realisation (or the number in its note) that its evidence rows contradict"),
    ),
    FindingCode.GRADE_MISMATCH: (
        _E,
        N_("a printed grade that its grade table does not give to the score beside it"),
    ),
    FindingCode.NOT_SCORABLE: (
        _E,
        N_("an indicator the scoring cannot score (a zero target, evidence that does not compute)"),
    ),
    FindingCode.METHOD_CHANGE: (
        _W,
        N_("the two periods of a change (YoY) are scored with different methods"),
    ),
    FindingCode.OTHER_METHOD: (
        _W,
        N_("an office figure explained only by a method other than the period's declared one"),
    ),
    FindingCode.TABLE_OMISSION: (
        _W,
        N_("an indicator scored but missing from a table meant to list it"),
    ),
    FindingCode.OUTSIDE_PERIOD: (_W, N_("evidence dated outside the period it supports")),
    FindingCode.OVERSPENT: (
        _W,
        N_(
            "realisasi above pagu for a budget output or programme, or a reported absorption above "
            "100%"
        ),
    ),
    FindingCode.UNIT_LABEL_MISMATCH: (
        _W,
        N_(
            "a target and its realisation printed in different units (12 Laporan against 12 "
            "Dokumen): the capaian compares them as if they were the same"
        ),
    ),
    FindingCode.IMPLAUSIBLE_PERCENT: (
        _W,
        N_(
            "a percentage target or realisation above the method's plausibility bound (100% by "
            "default): a share above the whole"
        ),
    ),
    FindingCode.IMPLAUSIBLE_CAPAIAN: (
        _W,
        N_(
            "a capaian above the method's plausibility bound (200% by default for percentages "
            "and indices; off for counts)"
        ),
    ),
    FindingCode.NOT_REPORTED: (
        _I,
        N_(
            "a realisation printed as not reported (n/a, -, belum tersedia) for a period "
            "already past: the indicator is left out of the unit's achievement"
        ),
    ),
    FindingCode.THIN_ACHIEVEMENT: (
        _W,
        N_(
            "a unit's achievement resting on fewer of its targeted indicators than the "
            "method's share (50% by default)"
        ),
    ),
    FindingCode.DECIMAL_SLIP: (
        _W,
        N_(
            "a target or realisation 100 times (the method's factor) its values in the other "
            "periods, or that many times smaller: a misplaced decimal mark or another unit"
        ),
    ),
    FindingCode.OVERLAPPING_GRADE_BANDS: (
        _E,
        N_(
            "a grade table printed with bands that overlap: a score in both would get two "
            "grades, so it gets none"
        ),
    ),
    FindingCode.GRADE_BAND_GAP: (
        _W,
        N_(
            "a grade table printed with a gap between two bands that it does not say how to "
            "read: a score in the gap gets no grade"
        ),
    ),
    FindingCode.GRADE_BANDS_OUT_OF_ORDER: (
        _W,
        N_("a grade table whose bands are not listed from the lowest score up"),
    ),
    FindingCode.HALF_UP: (
        _I,
        N_("explained by rounding half-up, where the period's method declares another rounding"),
    ),
    FindingCode.TRUNCATED: (
        _I,
        N_("explained by truncating, not rounding half-up, at the printed precision"),
    ),
    FindingCode.PRINTED_OPERANDS: (
        _I,
        N_("explained only as arithmetic on the rounded figures printed beside it"),
    ),
    FindingCode.ROUNDED_INPUT: (
        _I,
        N_("explained only within the rounding interval of an input printed as a rounded rate"),
    ),
    FindingCode.MISSING_PERCENT_SIGN: (_I, N_("a percentage printed without its '%' sign")),
    FindingCode.NOT_RECOMPUTABLE: (
        _I,
        N_("a printed figure that needs data the report file does not hold (e.g. evidence)"),
    ),
    FindingCode.NOT_GRADABLE: (
        _I,
        N_(
            "a printed grade for a score its grade table does not grade: outside its bands, in "
            "a gap or in bands that overlap (it refuses to guess)"
        ),
    ),
    FindingCode.METHOD_NOT_APPLICABLE: (
        _W,
        N_(
            "the method of a period cannot compute a unit's figure (it sums pagu and realisasi "
            "where a budget is known only as a rate); the figure is left out"
        ),
    ),
    FindingCode.METHOD_INFERRED: (
        _I,
        N_("no method declared for a period; the audit chose the one explaining its office row"),
    ),
    FindingCode.WORKING_MISMATCH: (
        _E,
        N_(
            "a working printed beside a figure (169 / 169 × 100%) whose fraction does not give "
            "that figure, or its own stated result"
        ),
    ),
    FindingCode.UNANSWERED_CRITERION: (
        _E,
        N_(
            "an evaluation criterion with no answer in a score layer that has answers (the "
            "design's policy says what it counts for)"
        ),
    ),
    FindingCode.LOGIC_RULE_BREACH: (
        _E,
        N_(
            "an evaluation answer above what a consistency rule (kerangka logis) of the design "
            "allows: above another criterion, or the mean of a sub-component"
        ),
    ),
    FindingCode.EVIDENCE_BAND_MISMATCH: (
        _E,
        N_(
            "an evaluation answer that the evidence percentage recorded beside it does not "
            "give through the criterion's bands"
        ),
    ),
    FindingCode.ABOVE_WEIGHT: (
        _E,
        N_("a printed evaluation score above the weight of its component or sub-component"),
    ),
    FindingCode.PHASED_TARGET_MISMATCH: (
        _E,
        N_(
            "a year's target that its quarters' or months' targets do not make up (their sum, "
            "or the last of them, by the indicator's to-date method)"
        ),
    ),
}

CODES: Mapping[str, tuple[Severity, str]] = MappingProxyType(
    {code.value: (code.severity, _MEANINGS[code][1]) for code in FindingCode}
)
"""Every finding code, with its severity and a one-line meaning in English (the catalogues'
key: :meth:`FindingCode.meaning_in` gives it in a language). Read-only."""


@attrs.frozen
class Subject:
    """What a finding is about: a unit (by code), and optionally an item of it (an indicator,
    ``programme``, ``output a``, an evidence table, a row)."""

    unit: str
    item: str | None = None

    def __str__(self) -> str:
        return self.unit if self.item is None else f"{self.unit} / {self.item}"


def file_name(source: str | None) -> str | None:
    """A file named without its directory (``../p/src/banten.toml`` → ``banten.toml``): an
    output (a page, a workbook, JSON) is shared, and the directory is the reader's machine's.
    Errors, printed to whoever typed the path, keep it as typed."""
    if source is None:
        return None
    return source.replace("\\", "/").rstrip("/").rsplit("/", 1)[-1] or source


def _as_message(value: Message | str) -> Message:
    return Message.literal(value) if isinstance(value, str) else value


@attrs.frozen(repr=False)
class Location(Short):
    """Where a figure is: the file, the field path inside it, the line, and the report's table
    (a table id); ``words``, the same place as a person says it ("Tabel REALISASI ANGGARAN,
    Sekretariat Jenderal, realisasi 2019; baris 120"), which the audit adds from the report
    and an output renders in its reader's language."""

    source: str | None = None
    field: str | None = None
    place: str | None = None
    line: int | None = None
    words: Message | None = attrs.field(default=None, eq=False, kw_only=True)

    def said(self, lang: str | None = None) -> str:
        """Where the figure is in words, in ``lang``; the machine form (``str()``) when the
        location has no words."""
        return str(self) if self.words is None else self.words.render(lang)

    @classmethod
    def of(cls, origin: Origin | None, place: str | None, source: str | None = None) -> Location:
        """The location of something read from ``origin`` and printed in table ``place``;
        ``source`` names the file when the origin does not (objects built in Python)."""
        if origin is None:
            return cls(file_name(source), None, place)
        return cls(file_name(origin.source or source), origin.path, place, origin.line)

    def __str__(self) -> str:
        head = self.source or "<report>"
        if self.line is not None:
            head += f":{self.line}"
        if self.field:
            head += f":{self.field}"
        return f"{head} [{self.place}]" if self.place else head


@attrs.frozen(repr=False)
class Finding(Short):
    """One inconsistency (or notable reading) found by the audit.

    ``published`` is the text as printed; ``recomputed`` the exact value lakipcore computes for
    it; ``places`` the precision compared at and ``reading`` how the comparison was made.
    ``period`` is the key of the period the figure belongs to. ``text`` is what the finding
    says, as a :class:`~lakipcore.i18n.Message` (a plain string becomes a message that reads the
    same in every language); :attr:`message` renders it in the default language and
    :meth:`message_in` in a given one.
    """

    code: FindingCode = attrs.field(validator=enum_field(FindingCode, "code"))
    subject: Subject
    period: str | None
    location: Location
    text: Message = attrs.field(converter=_as_message)
    published: str | None = None
    recomputed: Decimal | None = None
    places: int | None = None
    reading: str | None = None

    @property
    def severity(self) -> Severity:
        """The code's severity."""
        return self.code.severity

    @property
    def message(self) -> str:
        """What the finding says, in the default language (``LAKIP_LANG``, else Indonesian)."""
        return self.text.render()

    def message_in(self, lang: str | None = None) -> str:
        """What the finding says, in ``lang`` (``"id"`` or ``"en"``)."""
        return self.text.render(lang)

    def describe(self, lang: str | None = None) -> str:
        """The finding on one line, as ``lakip audit`` prints it: ``file:line:`` (for editors),
        severity and code, the message, and where it is in words, in ``lang``."""
        location = self.location
        head = location.source or "<report>"
        if location.line is not None:
            head += f":{location.line}"
        said = f" ({location.words.render(lang)})" if location.words is not None else ""
        cell = location.field is not None and "!" in location.field  # a workbook's Sheet!A1
        place = f":{location.field}" if location.field and (location.words is None or cell) else ""
        message = self.text.render(lang)
        severity = translate(SEVERITY_WORDS[self.severity], lang)
        return f"{head}{place}: {severity} {self.code.value}: {message}{said}"

    def __str__(self) -> str:
        return self.describe()


AUDIT_JSON_SCHEMA = "lakipcore.audit/2"
"""The name of the audit document's layout (docs/audit.md, ``lakip schema audit``)."""


class SubjectDict(TypedDict):
    """What a finding is about: a unit code and an item of it (or ``None``)."""

    unit: str
    item: str | None


class LocationDict(TypedDict):
    """Where the figure is: file, field path, line and the report's table id (for programs),
    and ``words``, the same place as a person says it, in the document's language."""

    source: str | None
    field: str | None
    line: int | None
    place: str | None
    words: str | None


class FindingDict(TypedDict):
    """One finding; ``recomputed`` is the exact value in decimal notation, ``shown`` that value
    as a person reads it: rounded half-up at ``places`` (2 when none is given), in the
    Indonesian report style."""

    code: str
    severity: str
    subject: SubjectDict
    period: str | None
    location: LocationDict
    published: str | None
    recomputed: str | None
    shown: str | None
    places: int | None
    reading: str | None
    message: str
    message_id: str


class SummaryDict(TypedDict):
    """How many findings of each severity (the values of :class:`Severity`)."""

    error: int
    warning: int
    info: int


class AuditDict(TypedDict):
    """The whole audit document (schema ``lakipcore.audit/2``); ``lang`` is the language of
    its messages and words."""

    schema: str
    source: str | None
    lang: str
    summary: SummaryDict
    findings: list[FindingDict]


def _summary(findings: Iterable[Finding]) -> SummaryDict:
    counts = {severity.value: 0 for severity in Severity}
    for finding in findings:
        counts[finding.severity.value] += 1
    return {"error": counts["error"], "warning": counts["warning"], "info": counts["info"]}


class Findings(Displayed, list[Finding]):
    """The findings of an audit, in the order the checks found them.

    A ``list`` (it compares equal to a list of the same findings), with views by severity and by
    unit, counts, the JSON-ready form, and a table for notebooks (``_repr_html_``, findings
    coloured by severity, errors first). Its ``repr`` is one line of counts
    (``<Findings 25: 9 errors, 2 warnings, 14 notes>``) and ``print(findings)`` one line per
    finding, errors first.
    """

    __slots__ = ()

    @property
    def errors(self) -> Findings:
        """The findings of severity ``error``: printed figures the inputs do not support."""
        return Findings(f for f in self if f.severity is Severity.ERROR)

    @property
    def warnings(self) -> Findings:
        """The findings of severity ``warning``."""
        return Findings(f for f in self if f.severity is Severity.WARNING)

    @property
    def notes(self) -> Findings:
        """The findings of severity ``info``: how a figure was explained."""
        return Findings(f for f in self if f.severity is Severity.INFO)

    def by_unit(self) -> dict[str, Findings]:
        """The findings grouped by the code of the unit they concern, units in the order of
        their first finding."""
        groups: dict[str, Findings] = {}
        for finding in self:
            groups.setdefault(finding.subject.unit, Findings()).append(finding)
        return groups

    def summary(self) -> SummaryDict:
        """How many findings of each severity: ``{"error": 9, "warning": 2, "info": 14}``."""
        return _summary(self)

    def counted(self, lang: str | None = None) -> str:
        """How many findings of each severity, in words: ``9 kesalahan, 2 peringatan,
        14 catatan`` (``lang="en"``: ``9 errors, 2 warnings, 14 notes``)."""
        counts = self.summary()
        return Message(
            N_("{errors} errors, {warnings} warnings, {notes} notes"),
            errors=str(counts["error"]),
            warnings=str(counts["warning"]),
            notes=str(counts["info"]),
        ).render(lang)

    def to_dict(self, *, source: str | None = None, lang: str | None = None) -> AuditDict:
        """The findings as JSON-ready data (:func:`findings_to_dict`)."""
        return findings_to_dict(self, source=source, lang=lang)

    def __str__(self) -> str:
        """One line per finding (:meth:`Finding.describe`), errors first, then warnings, then
        notes: what ``print(findings)`` shows."""
        order = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}
        return "\n".join(str(f) for f in sorted(self, key=lambda f: order[f.severity]))


def finding_to_dict(finding: Finding, *, lang: str | None = None) -> FindingDict:
    """One finding as JSON-ready data, its message and words in ``lang`` (the default
    language when not given); ``message_id`` is the message's English key, stable across
    languages (the text of a finding made with a plain string)."""
    location = finding.location
    return {
        "code": finding.code.value,
        "severity": finding.severity.value,
        "subject": {"unit": finding.subject.unit, "item": finding.subject.item},
        "period": finding.period,
        "location": {
            "source": finding.location.source,
            "field": finding.location.field,
            "line": finding.location.line,
            "place": finding.location.place,
            "words": None if location.words is None else location.words.render(lang),
        },
        "published": finding.published,
        "recomputed": None if finding.recomputed is None else format(finding.recomputed, "f"),
        "shown": _shown(finding),
        "places": finding.places,
        "reading": finding.reading,
        "message": finding.text.render(lang),
        "message_id": finding.text.msgid,
    }


def _shown(finding: Finding) -> str | None:
    """The recomputed value as a person reads it (half-up at the finding's places, or 2)."""
    from lakipcore.figures import format_number  # noqa: PLC0415 - the results layer stays light
    from lakipcore.rounding import Rounding, round_to  # noqa: PLC0415

    if finding.recomputed is None:
        return None
    places = 2 if finding.places is None else finding.places
    return format_number(round_to(finding.recomputed, places, Rounding.HALF_UP))


def findings_to_dict(
    findings: Iterable[Finding], *, source: str | None, lang: str | None = None
) -> AuditDict:
    """Findings as JSON-ready data (docs/audit.md), for ``json.dumps``; ``source`` names the
    audited file, ``lang`` the language of the messages (:func:`lakipcore.i18n.language`)."""
    items = list(findings)
    chosen = language(lang)
    return {
        "schema": AUDIT_JSON_SCHEMA,
        "source": source,
        "lang": chosen,
        "summary": _summary(items),
        "findings": [finding_to_dict(f, lang=chosen) for f in items],
    }
