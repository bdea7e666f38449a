"""Walking a parsed report file: typed field access, origins, and errors collected per file.

Every object the loader builds gets its :class:`~lakipcore.model.Origin` here, once: the file,
the field path in one style (``units[2].indicators[0].periods.2019.target``) and, where the
TOML text shows it, the line. The reader also collects errors: the loader reports every bad
field of a file at once, the way beancount's loader does.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from typing import Any, Final, TypeVar, cast

from lakipcore.errors import LakipError, Listing, ReportFileError, Sentence
from lakipcore.figures import Figure, NotTargeted, parse_cell, parse_figure
from lakipcore.formats import document
from lakipcore.i18n import M_, N_, Message
from lakipcore.model import Origin, PrintedFigure, Quantity, ReportTable
from lakipcore.notation import Notation

__all__ = ["LineIndex", "NotBuiltError", "Reader", "Table", "join"]

Table = Mapping[str, Any]
_T = TypeVar("_T")

_HEADER_RE: Final = re.compile(r"\s*(\[\[?)\s*([^\[\]#]+?)\s*\]\]?\s*(?:#.*)?$")
_KEY_RE: Final = re.compile(
    r"\s*((?:[A-Za-z0-9_-]+|\"[^\"]*\")(?:\s*\.\s*(?:[A-Za-z0-9_-]+|\"[^\"]*\"))*)\s*="
)


# How many enclosing paths Reader.origin tries (a printed figure's block is three keys up:
# periods.2019 . printed . capaian . tabel-3-1).
_ORIGIN_DEPTH = 4


def _same(path: str) -> str:
    return path


def unknown_field(key: str, allowed: Iterable[str]) -> Message:
    """The message for an unknown field: the closest known one, if any is close (a typo), and
    all of them."""
    import difflib

    known = sorted(allowed)
    close = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
    hint = M_("; did you mean {value}?", value=repr(close[0])) if close else ""
    return M_(
        "unknown field {key}; expected one of {known}{hint}",
        key=repr(key),
        known=", ".join(known),
        hint=hint,
    )


class NotBuiltError(Exception):
    """An object not built because a part of it had an error, which is already collected."""


def join(path: str, key: str) -> str:
    """``path`` and ``key`` in the path style (``key`` may be ``[3]``)."""
    if not path:
        return key
    return f"{path}{key}" if key.startswith("[") else f"{path}.{key}"


def _keys(dotted: str) -> list[str]:
    if '"' not in dotted:  # the common case, without the quote-aware split
        return [part.strip() for part in dotted.split(".")]
    return [
        part.strip().strip('"') for part in re.split(r"\.(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)", dotted)
    ]


class LineIndex:
    """The line of each table header and key in a TOML text, by field path.

    A light scan, not a parser: it follows ``[table]`` and ``[[array]]`` headers (numbering the
    elements of arrays of tables) and ``key =`` lines. A path inside an inline table or a
    multi-line array takes the line of its key. Lines inside multi-line strings are not
    expected in report files; at worst a line number is missing or approximate.
    """

    def __init__(self, text: str) -> None:
        self._lines: dict[str, int] = {}
        counts: dict[str, int] = {}
        arrays: set[str] = set()
        table = ""
        depth = 0  # open brackets of a multi-line value: its lines hold no keys
        for number, line in enumerate(text.splitlines(), 1):
            if depth > 0:
                depth += _balance(line)
                continue
            header = _HEADER_RE.match(line)
            if header is not None:
                table = _resolve(_keys(header[2]), arrays, counts, header[1] == "[[")
                self._lines.setdefault(table, number)
                continue
            key = _KEY_RE.match(line)
            if key is not None:
                path = table
                for part in _keys(key[1]):
                    path = join(path, part)
                self._lines.setdefault(path, number)
                depth = max(0, _balance(line[key.end() :]))

    @classmethod
    def of(cls, lines: dict[str, int]) -> LineIndex:
        """An index of ``lines`` made by another scan (``read_canonical``'s)."""
        index = cls("")
        index._lines = lines
        return index

    def line(self, path: str) -> int | None:
        """The line of ``path`` or of the nearest enclosing field the scan saw."""
        while path:
            found = self._lines.get(path)
            if found is not None:
                return found
            cut = max(path.rfind("."), path.rfind("["))
            if cut <= 0:
                return None
            path = path[:cut]
        return None


def _balance(text: str) -> int:
    if "[" not in text and "{" not in text and "]" not in text and "}" not in text:
        return 0  # most values: no scan needed
    text = re.sub(r'"(?:[^"\\]|\\.)*"', "", text.split("#", 1)[0] if '"' not in text else text)
    return text.count("[") + text.count("{") - text.count("]") - text.count("}")


def _resolve(parts: list[str], arrays: set[str], counts: dict[str, int], is_array: bool) -> str:
    path = ""
    for index, part in enumerate(parts):
        path = join(path, part)
        last = index == len(parts) - 1
        if last and is_array:
            arrays.add(path)
            counts[path] = counts.get(path, 0) + 1
            return f"{path}[{counts[path] - 1}]"
        if path in arrays:
            path = f"{path}[{counts[path] - 1}]"
    return path


class Reader:
    """Walks one parsed file, knowing its name and lines; collects the errors it meets."""

    def __init__(
        self,
        source: str,
        lines: LineIndex | None = None,
        rename: Callable[[str], str] | None = None,
    ) -> None:
        self.source = source
        self.lines = lines
        self.rename = rename or _same
        self.errors: list[LakipError] = []
        # How the file writes numbers ([report] notation); read before any figure is.
        self.notation = Notation.INDONESIAN
        # The declared tables by id ([[tables]]), read before any printed figure: a table or
        # its column may print in a notation of its own.
        self.tables: Mapping[str, ReportTable] = {}
        self._made: dict[tuple[object, ...], object] = {}  # see once()
        self._texts: dict[str, str] = {}
        self._origins: dict[str, Origin] = {}  # by path, while the file is read

    # --- origins and errors ------------------------------------------------------------------

    def origin(self, path: str, within: str | None = None) -> Origin:
        """The origin of the field at ``path`` (in the file's own key names).

        Made inside the nearest enclosing origin made before (``Origin.within``), so that a
        loaded report keeps no path string per object; the loader makes a unit's, an
        indicator's and a period block's origin before those of the fields inside them, and
        names the enclosing path as ``within`` where it knows it (``path`` starts with it).
        """
        shown = self.rename(path)
        line = self.lines.line(shown) if self.lines is not None else None
        origin = self._inside(shown, line, within)
        self._origins[shown] = origin
        return origin

    def _inside(self, shown: str, line: int | None, within: str | None) -> Origin:
        """An origin within the nearest enclosing one made before, else one of its own."""
        cuts: list[int] = []
        if within is not None and self.rename is _same and len(shown) > len(within):
            cuts.append(len(within))
        cut = len(shown)
        for _ in range(_ORIGIN_DEPTH):
            cut = max(shown.rfind(".", 0, cut), shown.rfind("[", 0, cut))
            if cut <= 0:
                break
            cuts.append(cut)
        for cut in cuts:
            parent = self._origins.get(shown[:cut])
            if parent is not None:
                key = shown[cut + 1 :] if shown[cut] == "." else shown[cut:]
                return parent.within(self.shared(key), line)
        return Origin(self.source, shown, line)

    def fail(self, path: str, message: str | Sentence) -> ReportFileError:
        """A file error at ``path``."""
        origin = self.origin(path) if path else Origin(self.source)
        return ReportFileError(message, field=origin.path, source=self.source, line=origin.line)

    def at(self, path: str, error: LakipError) -> LakipError:
        """``error`` (from the model or the figure parser) placed at ``path`` in this file.

        A model error names a field relative to the object being built (``value``); it is put
        after ``path`` unless it already is a full path of this file.
        """
        field = error.field
        if error.source == self.source and field is not None:
            full = field
        elif field is None or field == path or field.startswith(path + ".") or not path:
            full = field or path
        else:
            full = join(path, field)
        shown = full if error.source == self.source else self.rename(full)
        line = self.lines.line(shown) if self.lines is not None else None
        return error.relocated(field=shown or None, source=self.source, line=line)

    def placed(self, path: str, *, replace: bool = False) -> _Placed:
        """A context in which errors raised are placed at ``path`` (``replace``: exactly at
        ``path``). A plain class, not ``@contextmanager``: the loader enters one per field."""
        return _Placed(self, path, replace)

    def raise_collected(self) -> None:
        """Raise the errors collected so far: the one error, or one ``ReportFileError`` listing
        them all (the first's field and line on it); nothing when there are none."""
        errors = self.errors
        if not errors:
            return
        if len(errors) == 1:
            raise errors[0]
        raise ReportFileError(
            M_("{count} errors:\n{listing}", count=len(errors), listing=Listing(errors)),
            source=self.source,
            field=errors[0].field,
            line=errors[0].line,
            errors=errors,
        )

    def collect(self, build: Callable[[], _T]) -> _T | None:
        """``build()``, or ``None`` with its error collected (the loader goes on)."""
        try:
            return build()
        except NotBuiltError:
            return None
        except LakipError as error:
            self.errors.append(error if error.source == self.source else self.at("", error))
            return None

    # --- typed access --------------------------------------------------------------------------

    def table(self, parent: Table, key: str, path: str, *, required: bool = True) -> Table:
        value = parent.get(key)
        if value is None:
            if required:
                raise self.fail(join(path, key), M_("missing table"))
            return {}
        if not isinstance(value, Mapping):
            raise self.fail(
                join(path, key), M_("expected a table, got {value}", value=_kind(value))
            )
        return value

    def array(self, parent: Table, key: str, path: str) -> list[Table]:
        value = parent.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, Mapping) for v in value):
            raise self.fail(join(path, key), M_("expected an array of tables ([[...]])"))
        return value

    def text(self, parent: Table, key: str, path: str, *, required: bool = True) -> str | None:
        value = parent.get(key)
        if value is None:
            if required:
                raise self.fail(join(path, key), M_("missing field"))
            return None
        if not isinstance(value, str):
            hint = (
                M_('; write numbers as quoted strings as printed, e.g. "98,75%"')
                if isinstance(value, int | float) and not isinstance(value, bool)
                else ""
            )
            raise self.fail(
                join(path, key),
                M_("expected a string, got {value}{hint}", value=_kind(value), hint=hint),
            )
        return value

    def required_text(self, parent: Table, key: str, path: str) -> str:
        value = self.text(parent, key, path)
        if value is None:  # pragma: no cover - text(required=True) raises instead
            raise self.fail(join(path, key), M_("missing field"))
        return value

    def boolean(self, parent: Table, key: str, path: str) -> bool:
        value = parent.get(key, False)
        if not isinstance(value, bool):
            raise self.fail(
                join(path, key), M_("expected true or false, got {value}", value=_kind(value))
            )
        return value

    def integer(self, parent: Table, key: str, path: str, *, required: bool = True) -> int | None:
        value = parent.get(key)
        if value is None:
            if required:
                raise self.fail(join(path, key), M_("missing field"))
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.fail(
                join(path, key), M_("expected an integer, got {value}", value=_kind(value))
            )
        return value

    def only(self, table: Table, allowed: frozenset[str] | set[str], path: str) -> None:
        """Collect an error for every key of ``table`` not in ``allowed``; reading goes on, so
        one typo does not hide the other errors of the same table."""
        for key in table:
            if key not in allowed:
                self.errors.append(self.fail(join(path, key), unknown_field(key, allowed)))

    def figure(self, parent: Table, key: str, path: str) -> Figure:
        text = self.required_text(parent, key, path)
        path = join(path, key)
        return self.once(("figure", text, self.notation), lambda: self._parse(text, path))

    def cell(self, text: str, path: str) -> Figure | NotTargeted:
        """``text`` read as a cell (a figure or "Tidak ditargetkan"), errors placed at
        ``path``."""
        return self.once(("cell", text, self.notation), lambda: self._cell(text, path))

    def _parse(self, text: str, path: str) -> Figure:
        with self.placed(path, replace=True):
            return parse_figure(text, notation=self.notation)

    def _cell(self, text: str, path: str) -> Figure | NotTargeted:
        with self.placed(path, replace=True):
            return parse_cell(text, notation=self.notation)

    def once(self, key: tuple[object, ...], make: Callable[[], _T]) -> _T:
        """``make()``, made once per ``key`` in this file: a report repeats its figures
        ("100%", "12 Laporan"), and what is made of them is immutable, so equal ones share
        one object (and the work). An error is raised each time, at its own place."""
        found = self._made.get(key)
        if found is None:
            found = self._made[key] = make()
        return cast(_T, found)

    def shared(self, text: str) -> str:
        """One ``str`` object for equal printed texts (a loaded report keeps them all)."""
        return self._texts.setdefault(text, text)

    def printed(
        self, parent: Table, path: str, allowed: frozenset[Quantity]
    ) -> tuple[PrintedFigure, ...]:
        table = self.table(parent, "printed", path, required=False)
        base = join(path, "printed")
        figures: list[PrintedFigure] = []
        for quantity_name, places in table.items():
            qpath = join(base, quantity_name)
            with self.placed(qpath, replace=True):
                quantity = Quantity.from_name(quantity_name)
            if quantity not in allowed:
                names = ", ".join(sorted(q.value for q in allowed))
                raise self.fail(
                    qpath,
                    M_(
                        "{quantity_name} is not printed here; expected {names}",
                        quantity_name=repr(quantity_name),
                        names=names,
                    ),
                )
            if not isinstance(places, Mapping):
                raise self.fail(qpath, M_('expected a table of table-id = "text"'))
            for place, texts in places.items():
                figures += self.printed_place(texts, quantity, place, join(qpath, place), path)
        return tuple(figures)

    def notation_for(self, place: str, quantity: Quantity) -> Notation:
        """The notation of a figure of ``quantity`` printed in table ``place`` that states none:
        its column's, else its table's, else the report's."""
        table = self.tables.get(place)
        return self.notation if table is None else table.notation_of(quantity, self.notation)

    def printed_place(
        self, texts: object, quantity: Quantity, place: str, ppath: str, within: str
    ) -> list[PrintedFigure]:
        """The figures of ``quantity`` printed in table ``place`` (at ``ppath``): a text, a
        text that states its notation (``{ text = "102,43", notation = "indonesian" }``), or a
        list of those."""
        items = texts if isinstance(texts, list) else [texts]
        if not items or not all(isinstance(t, str | Mapping) for t in items):
            raise self.fail(ppath, M_("expected the printed text, or a list of texts"))
        if isinstance(texts, Mapping) and not document.PRINTED_TEXT & texts.keys() and texts:
            # TOML reads `tabel.3 = "…"` as a table `tabel` holding a key `3`.
            dotted = f"{place}.{next(iter(texts))}"
            raise self.fail(
                ppath,
                M_(
                    "expected the printed text, or a list of texts; a table id "
                    'with a dot must be quoted: "{dotted}" = …',
                    dotted=dotted,
                ),
            )
        figures = []
        default = self.notation_for(place, quantity)
        for index, item in enumerate(items):
            where = ppath if not isinstance(texts, list) else f"{ppath}[{index}]"
            text, notation, working = (
                (item, default, None) if isinstance(item, str) else self._stated(item, where)
            )
            figures.append(
                PrintedFigure(
                    quantity,
                    self.shared(place),
                    self.shared(text),
                    self.origin(where, within=within),
                    notation=notation or default,
                    working=working,
                )
            )
        return figures

    def _stated(self, item: Table, path: str) -> tuple[str, Notation | None, str | None]:
        """The text, the notation it states (if any) and the working printed beside it (if
        any) of a printed figure written as a table; it states one of them at least."""
        self.only(item, document.PRINTED_TEXT, path)
        text = self.text(item, "text", path)
        if text is None:  # pragma: no cover - text() raises instead
            raise NotBuiltError
        name = self.text(item, "notation", path, required="working" not in item)
        working = self.text(item, "working", path, required=False)
        if name is None:
            return text, None, working
        with self.placed(join(path, "notation"), replace=True):
            return text, Notation.from_name(name), working


class _Placed:
    """The context of :meth:`Reader.placed`."""

    __slots__ = ("path", "reader", "replace")

    def __init__(self, reader: Reader, path: str, replace: bool) -> None:
        self.reader, self.path, self.replace = reader, path, replace

    def __enter__(self) -> None:
        return None

    def __exit__(self, kind: object, error: BaseException | None, _traceback: object) -> None:
        # Returns None: an error that is not ours goes on as it is (and mypy knows that nothing
        # is swallowed here).
        if not isinstance(error, LakipError):
            return
        reader = self.reader
        if self.replace and error.source != reader.source:
            shown = reader.rename(self.path)
            line = reader.lines.line(shown) if reader.lines is not None else None
            raise error.relocated(field=shown, source=reader.source, line=line) from None
        raise reader.at(self.path, error) from None


def _kind(value: object) -> str | Message:
    words = {
        bool: N_("a boolean"),
        int: N_("an integer"),
        float: N_("a float"),
        str: N_("a string"),
    }
    word = words.get(type(value))
    return M_(word) if word is not None else type(value).__name__
