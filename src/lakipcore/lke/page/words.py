"""The page's words (section titles, column headings), its CSS and the small helpers every
section uses."""

from __future__ import annotations

import re
from collections.abc import Iterable
from fractions import Fraction
from html import escape

from lakipcore.figures import format_number
from lakipcore.i18n import N_, Language
from lakipcore.lke.design import UnansweredPolicy
from lakipcore.lke.gap import Step
from lakipcore.render.page_style import page_css
from lakipcore.results.findings import FindingCode, Severity
from lakipcore.surveys.grades import Band

# The titles of the page's sections, in its headings and its contents.
SCORES = N_("Scores per component")
NEXT = N_("Towards the next predikat")
BEST = N_("Single steps that gain most")
POLICIES = N_("Unanswered-criterion policies")
LAYERS = N_("Differences between layers")
PRINTED = N_("Printed figures")
CRITERIA = N_("Answers per criterion")
AUDIT = N_("Audit results")
DESIGN = N_("Worksheet design")

# Column headings.
CODE = N_("Code")
COMPONENT = N_("Component")
CRITERION = N_("Criterion")
POINTS = N_("Points")
WEIGHT = N_("Weight")
SHARE = N_("Share of weight")
GAIN = N_("Gain")
TEXT = N_("Text")
ANSWER = N_("Answer")

# Words of the summary and the tables (kept out of f-strings, where Babel does not look).
AUDIT_WORD = N_("Audit")
SIMULATION = N_("simulation")
PREDIKAT = N_("Predikat")
TOTAL = N_("Total score")
PRINTED_PREDIKAT = N_("Printed predikat")
PRINTED_TOTAL = N_("Printed total")
CONTENTS = N_("Contents")
IN_FORCE = N_("in force")
NOT_SCORED = N_("not scored")
NOT_RECOMPUTED = N_("not recomputed")
SOURCE = N_("Source")
UNVERIFIED = N_("Unverified")
AGREES = N_("agrees")
UNANSWERED = N_("{count} unanswered")

FINDING = N_("{count} finding")
FINDINGS = N_("{count} findings")

BEST_SHOWN = 10
"""How many of the best single steps the page lists."""

SEVERITY = {
    Severity.ERROR: (N_("Error"), "error"),
    Severity.WARNING: (N_("Warning"), "warning"),
    Severity.INFO: (N_("Note"), "info"),
}
SEVERITY_ORDER = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}

# Findings on the printed figures of an LHE, marked in the printed-figures table; the others
# (unanswered criteria, rule breaches, evidence) on the answers of a criterion.
PRINTED_CODES = frozenset(
    {
        FindingCode.FIGURE_MISMATCH,
        FindingCode.TRUNCATED,
        FindingCode.GRADE_MISMATCH,
        FindingCode.ROUNDED_INPUT,
        FindingCode.ABOVE_WEIGHT,
    }
)

POLICY_WORDS = {
    UnansweredPolicy.ERROR: N_("Scoring refuses a worksheet with an unanswered criterion"),
    UnansweredPolicy.ZERO: N_("An unanswered criterion counts as 0"),
    UnansweredPolicy.RENORMALISE: N_(
        "An unanswered criterion is left out and the other weights are scaled up"
    ),
}

# Rules of the evaluation page on top of report.css: the simulation notice, the bars, the
# marked rows. The bars keep their colours in print (report.css prints colours exactly).
CSS = """
.simulation { margin: 0.7rem 0; padding: 0.5rem 0.8rem; border: 2px dashed var(--warning);
  background: #fff6df; color: var(--warning); font-weight: 700; }
.summary dd .label { display: block; font-size: 0.9rem; font-weight: 600; }
.summary dd .tag { display: inline-block; margin-left: 0.4rem; padding: 0 0.35em;
  border: 1px solid var(--warning); border-radius: 3px; color: var(--warning);
  font-size: 0.75rem; font-weight: 700; vertical-align: middle; text-transform: uppercase; }
.summary dd .of { font-size: 0.9rem; font-weight: 600; color: var(--muted); }
.summary dd.total, .summary dd.predikat { font-size: 2rem; }
.summary dd.errors { font-size: 1.1rem; }
td.answer { text-align: center; white-space: nowrap; }
.meter { display: block; height: 0.85rem; min-width: 3rem; background: #e3e9f0;
  border: 1px solid #9fb2c6; }
.meter .fill { display: block; height: 100%; max-width: 100%; background: #1f5f99; }
td.bar { width: 28%; min-width: 4rem; }
td.bar .meter { margin-top: 0.2rem; }
td.bar .note { display: block; margin: 0; font-size: 0.95em; }
table.scores tr.component th, table.scores tr.component td { font-weight: 700;
  background: var(--band); }
table.scores tr.part th { padding-left: 1.2rem; }
table.criteria td.text, table.steps td.text { min-width: 11rem; }
tr.group th { background: var(--band); font-weight: 700; text-align: left; }
tr.flagged > th, tr.flagged > td { background: #fff8d6; }
tr.flagged > :first-child { box-shadow: inset 4px 0 0 var(--error); }
tr.flagged.warning > :first-child { box-shadow: inset 4px 0 0 var(--warning); }
tr.flagged.info > :first-child { box-shadow: inset 4px 0 0 var(--info); }
tr.affected > :first-child { box-shadow: inset 4px 0 0 var(--warning); }
a.affected { font-size: 0.8em; font-weight: 600; color: var(--warning); white-space: nowrap; }
tr.current th, tr.current td { font-weight: 700; }
.gap { display: flex; flex-wrap: wrap; gap: 0.5rem; margin: 0.6rem 0; }
.gap div { flex: 1 1 9rem; padding: 0.4rem 0.7rem; background: var(--band); }
.gap dt { font-size: 0.8rem; color: var(--muted); }
.gap dd { margin: 0; font-size: 1.2rem; font-weight: 700; color: var(--head); }
.source { overflow-wrap: anywhere; font-size: 0.85rem; }
dl.design { display: grid; grid-template-columns: minmax(7rem, max-content) 1fr; gap: 0.25rem 1rem;
  margin: 0.6rem 0; }
dl.design div { display: contents; }
dl.design dt { color: var(--muted); font-size: 0.85rem; }
dl.design dd { margin: 0; }
ul.unverified li { margin-bottom: 0.3rem; font-size: 0.88rem; }
.plus { color: #1d5e20; }
.minus { color: var(--error); }
@media (max-width: 40rem) {
  .summary dd.total, .summary dd.predikat { font-size: 1.6rem; }
  td.bar { width: 24%; min-width: 3.2rem; }
  table.criteria td.text, table.steps td.text, table.layer-criteria td.text { min-width: 8rem; }
}
@media print {
  .simulation { border-width: 1.5pt; }
  section#audit { break-before: auto; page-break-before: auto; }
  .meter { border-color: #7d93a9; }
}
"""


def css(lang: Language) -> str:
    """report.css, this page's own rules, and the number of each printed page in ``lang``
    ("Halaman 3 dari 12"), as the report page numbers its pages."""
    return page_css(lang, CSS)


def e(value: object) -> str:
    """``value`` as text escaped for HTML text and attributes."""
    return escape(str(value))


UNSAFE = re.compile(r"[^A-Za-z0-9.\-]")


def anchor_of(kind: str, identifier: str) -> str:
    """An element id for ``identifier`` of ``kind`` (``kriteria-1.a.2``): letters, digits,
    dots and dashes as they are, any other character by its code (``_20_`` for a space), so
    that two identifiers never share an id and a link needs no escaping."""
    return f"{kind}-" + UNSAFE.sub(lambda m: f"_{ord(m.group()):x}_", identifier)


def grouped(steps: Iterable[Step]) -> list[tuple[Step, Step, Fraction, int]]:
    """Steps of one criterion taken together: its first and last step, their gain and number,
    criteria in the order of their first step (as ``lakip lke gap`` prints them)."""
    groups: dict[str, list[Step]] = {}
    for step in steps:
        groups.setdefault(step.criterion.id, []).append(step)
    out = []
    for group in groups.values():
        ordered = sorted(group, key=lambda s: s.before.value)
        gain = sum((s.gain for s in ordered), Fraction(0))
        out.append((ordered[0], ordered[-1], gain, len(ordered)))
    return out


def scrolling(table: str, label: str) -> str:
    """``table`` in a box that scrolls sideways on a screen narrower than the table, so that
    the page never does; a region a keyboard can reach, named ``label`` (as the report page)."""
    return (
        f'<div class="table-scroll" role="region" tabindex="0" aria-label="{e(label)}">'
        f"{table}</div>"
    )


def band_range(band: Band) -> str:
    """A band's range as the tables print it: ``> 70 – 80``, ``0 – 30``."""
    low = ("" if band.lower_inclusive else "> ") + format_number(band.lower)
    high = ("" if band.upper_inclusive else "< ") + format_number(band.upper)
    return f"{low} – {high}"
