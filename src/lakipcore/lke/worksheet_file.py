"""Reading filled worksheets from TOML (docs/evaluation.md), one answer line per criterion::

    schema = "lakipcore.lke/1"
    design = "permenpanrb-88-2021"           # a shipped design, or design-file = "my.toml"
    unit = "kanwil-banten"
    year = 2023
    layers = ["mandiri", "penilai"]

    [answers]
    "1.a.1" = { mandiri = "AA", penilai = "A" }
    "1.a.2" = { mandiri = "BB", penilai = "BB", evidence = "96%", note = "…" }

    [printed]                                # what an LHE or a LAKIP prints, audited
    layer = "penilai"
    total = "65,93"
    predikat = "B"
    components = { "1" = "23,02", "2" = "19,16" }

A criterion answered twice, an answer off the criterion's scale, a layer the worksheet does not
have and a criterion the design does not have are errors naming the criterion and its line.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from pathlib import Path

from lakipcore.errors import UnknownNameError
from lakipcore.formats.toml.reader import Reader, Table, join
from lakipcore.i18n import M_
from lakipcore.limits import DEFAULT_LIMITS, Limits
from lakipcore.lke.design import Design
from lakipcore.lke.design_file import built, check_schema, load_design, parse, read_file, texts
from lakipcore.lke.designs import get_design, shipped_text
from lakipcore.lke.worksheet import (
    PrintedEvaluation,
    PrintedScore,
    Response,
    Worksheet,
    check_response,
    printed_errors,
)

__all__ = [
    "EXAMPLE_WORKSHEETS",
    "WORKSHEET_SCHEMA",
    "example_worksheet",
    "example_worksheet_text",
    "load_worksheet",
    "loads_worksheet",
]

WORKSHEET_SCHEMA = "lakipcore.lke/1"
"""The ``schema`` of a filled worksheet file."""

EXAMPLE_WORKSHEETS: tuple[str, ...] = (
    "contoh-88-2021.toml",
    "grobogan-2024.toml",
    "kota-bima-2019.toml",
    "kota-bima-2020.toml",
)
"""The shipped example worksheets (file names in ``lakipcore/data/lke/examples/``): the
worked example of docs/evaluation.md and the published results the golden tests reproduce."""


_WORKSHEET = frozenset(
    {"schema", "design", "design-file", "unit", "name", "year", "layers", "source"}
    | {"answers", "printed"}
)
_RESPONSE_EXTRA = frozenset({"evidence", "note"})
_PRINTED = frozenset({"layer", "source", "total", "predikat", "components", "parts"})


# --- worksheets ------------------------------------------------------------------------------


def loads_worksheet(
    text: str | bytes,
    *,
    source: str = "<string>",
    design: Design | None = None,
    base: str | Path | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> Worksheet:
    """A filled worksheet from TOML ``text``. Its design is ``design`` when given, else the
    one the file names: a shipped design (``design = "NAME"``) or a design file
    (``design-file``, relative to ``base``, the worksheet's folder)."""
    data, reader = parse(text, source, limits)
    return built(
        reader, functools.partial(_worksheet, reader, data, design, Path(base or "."), limits)
    )


def load_worksheet(
    path: str | Path, *, design: Design | None = None, limits: Limits = DEFAULT_LIMITS
) -> Worksheet:
    """A filled worksheet from the TOML file at ``path`` (:func:`loads_worksheet`)."""
    return loads_worksheet(
        read_file(path, limits),
        source=str(path),
        design=design,
        base=Path(path).parent,
        limits=limits,
    )


def _worksheet(
    reader: Reader, data: Table, given: Design | None, base: Path, limits: Limits
) -> Worksheet:
    reader.only(data, _WORKSHEET, "")
    check_schema(reader, data, WORKSHEET_SCHEMA)
    design = given or _named_design(reader, data, base, limits)
    layers = texts(reader, data, "layers", "") or design.layers
    responses = []
    for criterion, item in reader.table(data, "answers", "", required=False).items():
        path = join("answers", criterion)
        built = reader.collect(
            functools.partial(_response, reader, criterion, item, path, layers, design)
        )
        if built is not None:
            responses.append(built)
    printed = None
    if "printed" in data:
        printed = reader.collect(functools.partial(_printed, reader, data, layers))
    if printed is not None:
        # Checked here, not left to Worksheet(): each error at its line, beside the answers'.
        reader.errors.extend(reader.at("", e) for e in printed_errors(design, layers, printed))
    reader.raise_collected()
    year = reader.integer(data, "year", "", required=False)
    with reader.placed("", replace=False):
        return Worksheet(
            design,
            reader.required_text(data, "unit", ""),
            responses,
            reader.text(data, "name", "", required=False) or "",
            year,
            layers,
            printed,
            source=reader.source,
            origin=reader.origin(""),
        )


def _named_design(reader: Reader, data: Table, base: Path, limits: Limits) -> Design:
    name = reader.text(data, "design", "", required=False)
    file = reader.text(data, "design-file", "", required=False)
    if (name is None) == (file is None):
        raise reader.fail("design", M_("give either design (a shipped design) or design-file"))
    if name is not None:
        with reader.placed("design", replace=True):
            return get_design(name)
    assert file is not None
    return load_design(base / file, limits=limits)


def _response(  # noqa: PLR0917 - a private step of the reader
    reader: Reader,
    criterion: str,
    item: object,
    path: str,
    layers: tuple[str, ...],
    design: Design,
) -> Response:
    response = _read_response(reader, criterion, item, path, layers)
    with reader.placed(path, replace=True):
        check_response(design, layers, response)
    return response


def _read_response(
    reader: Reader, criterion: str, item: object, path: str, layers: tuple[str, ...]
) -> Response:
    origin = reader.origin(path)
    if isinstance(item, str):
        if len(layers) != 1:
            raise reader.fail(
                path,
                M_(
                    "the worksheet has layers {layers}: write the answer as {{ {layer} = "
                    "{answer} }}",
                    layers=", ".join(layers),
                    layer=layers[0],
                    answer=repr(item),
                ),
            )
        return Response(criterion, {layers[0]: item}, origin=origin)
    if not isinstance(item, Mapping):
        raise reader.fail(path, M_("expected an answer or a table of answers by layer"))
    answers: dict[str, str] = {}
    origins = {}
    for key, _value in item.items():
        if key in _RESPONSE_EXTRA:
            continue
        answers[key] = reader.required_text(item, key, path)
        origins[key] = reader.origin(join(path, key), path)
    evidence = None
    if "evidence" in item:
        evidence = reader.figure(item, "evidence", path).value
    with reader.placed(path, replace=False):
        return Response(
            criterion,
            answers,
            evidence=evidence,
            note=reader.text(item, "note", path, required=False) or "",
            origin=origin,
            origins=origins,
        )


def _printed(reader: Reader, data: Table, layers: tuple[str, ...]) -> PrintedEvaluation:
    table = reader.table(data, "printed", "")
    reader.only(table, _PRINTED, "printed")
    score: Callable[[Table, str, str], PrintedScore] = functools.partial(_printed_score, reader)
    components = reader.table(table, "components", "printed", required=False)
    parts = reader.table(table, "parts", "printed", required=False)
    with reader.placed("printed", replace=False):
        return PrintedEvaluation(
            reader.text(table, "layer", "printed", required=False) or layers[-1],
            reader.text(table, "source", "printed", required=False) or "",
            score(table, "total", "printed") if "total" in table else None,
            reader.text(table, "predikat", "printed", required=False),
            {key: score(components, key, "printed.components") for key in components},
            {key: score(parts, key, "printed.parts") for key in parts},
            origin=reader.origin("printed"),
            predikat_origin=reader.origin("printed.predikat") if "predikat" in table else None,
        )


def _printed_score(reader: Reader, parent: Table, key: str, path: str) -> PrintedScore:
    figure = reader.figure(parent, key, path)
    return PrintedScore(figure.text, figure, origin=reader.origin(join(path, key)))


def example_worksheet_text(name: str = EXAMPLE_WORKSHEETS[0]) -> str:
    """The text of a shipped example worksheet (the worked example by default)."""
    if name not in EXAMPLE_WORKSHEETS:
        raise UnknownNameError(
            M_(
                "unknown example worksheet {name}; examples: {known}",
                name=repr(name),
                known=", ".join(EXAMPLE_WORKSHEETS),
            ),
            field="name",
        )
    return shipped_text("examples", name)


def example_worksheet(name: str = EXAMPLE_WORKSHEETS[0]) -> Worksheet:
    """A shipped example worksheet, loaded (the worked example of docs/evaluation.md by
    default)."""
    return loads_worksheet(example_worksheet_text(name), source=name)
