"""The columnar path (lakipcore.bulk) agrees with the Decimal core on every figure."""

from __future__ import annotations

import enum
import sys
from decimal import Decimal as D  # noqa: N817 - the short name keeps the figures readable
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import lakipcore as L  # noqa: N812 - as in docs/methodology.md
from extras import require
from lakipcore.errors import LakipError, LakipValueError, MethodNotApplicableError, ZeroTargetError
from lakipcore.methods import AbsorptionBase

pa = require("pyarrow")
bulk = pytest.importorskip("lakipcore.bulk")
from lakipcore.arrow import BULK_COLUMNS, score_tables  # noqa: E402 - after the skip above
from lakipcore.bulk import _numpy  # noqa: E402


@pytest.fixture(autouse=True, scope="module", params=["numpy", "pyarrow"])
def kernels(request: pytest.FixtureRequest) -> Any:
    """Every test runs on the numpy kernels and on the pyarrow compute fallback (numpy is not
    a dependency of the arrow extra). Module-scoped, so hypothesis accepts it."""
    if request.param == "numpy":
        require("numpy")
    before = _numpy.ENABLED
    _numpy.ENABLED = request.param == "numpy"
    yield request.param
    _numpy.ENABLED = before


DATA = Path(L.__file__).parent / "data"
EXAMPLES = sorted(p.name for p in DATA.glob("*.toml"))
TABLES = ("indicators", "units", "office", "changes", "indicator_changes")
KEYS = ("earlier", "later", "period", "unit", "code")


def _keyed(rows: list[dict[str, Any]]) -> dict[tuple[str, ...], dict[str, Any]]:
    keyed = {tuple(str(row.get(k)) for k in KEYS): row for row in rows}
    assert len(keyed) == len(rows), "one row per key"
    return keyed


def core_tables(
    report: L.Report,
    method: Any = None,
    *,
    scale: int = 2,
    rounding: L.Rounding = L.Rounding.HALF_UP,
    exact_places: int | None = None,
) -> Any:
    """The Decimal core's score tables of ``report`` (one assessment, as every output reads
    it); the first indicator that cannot be scored is raised, as the bulk path raises it."""
    assessed = L.assess(report, method=method, audit=False)
    if assessed.problems:
        raise assessed.problems[0].error
    return score_tables(assessed, scale=scale, rounding=rounding, exact_places=exact_places)


def assert_agrees(report: L.Report, exact_places: int | None = None, **options: Any) -> Any:
    """Every table of the bulk path equals the core's, rounded the same way, column for
    column of what the bulk path fills (one schema: the same names and types)."""
    method = options.get("method")
    got = bulk.report_to_batches(report, method=method).score(**options)
    expected = core_tables(
        report,
        method,
        scale=options.get("scale", 2),
        rounding=options.get("rounding", L.Rounding.HALF_UP),
        exact_places=exact_places,
    )
    for name in TABLES:
        columns = BULK_COLUMNS[name]
        want_table = getattr(expected, name).select(list(columns))
        assert want_table.schema == getattr(got, name).schema, name
        want = _keyed(want_table.to_pylist())
        have = _keyed(getattr(got, name).to_pylist())
        wrong = {k: (have.get(k), row) for k, row in want.items() if have.get(k) != row}
        assert want.keys() == have.keys(), name
        assert not wrong, f"{name}: (bulk, core) {wrong}"
    return got


def test_banten_office_performance() -> None:
    """The Banten example scored in bulk gives the report's office row: 116,13 % in 2019."""
    scored = bulk.report_to_batches(L.load_example()).score()
    office = {row["period"]: row for row in scored.office.to_pylist()}
    assert office["2019"]["performance"] == D("116.13")
    assert office["2019"]["achievement"] == D("133.51")
    assert office["2019"]["absorption"] == D("98.75")
    assert office["2018"]["performance"] == D("108.66")
    assert scored.office.schema.field("performance").type == pa.decimal128(38, 2)


@pytest.mark.parametrize("rounding", list(L.Rounding))
@pytest.mark.parametrize("places", [0, 2, 5])
def test_shipped_examples_agree(rounding: L.Rounding, places: int) -> None:
    """Every shipped example, at 0, 2 and 5 places in every rounding, equals the core."""
    for name in EXAMPLES:
        assert_agrees(L.load_report(DATA / name), scale=places, rounding=rounding)


# --- generated reports --------------------------------------------------------------------

C, P = L.MeasureKind.COUNT, L.MeasureKind.PERCENT
# Targets that divide 100 × R with few digits make capaian ties at 2 places (R 0,01–99,99
# against 8 gives x,xx5 often); 3 and 7 give quotients that do not terminate.
# Negative targets and realisations (a growth rate of -1,41 %) are scored in bulk too, by the
# rule of docs/methodology.md ("Negative targets and realisations").
TARGETS = st.sampled_from(
    ["8", "16", "40", "80", "3", "7", "0.3", "12.5", "200", "0", "-8", "-0.3"]
)
REALISED = st.integers(-3_000, 30_000).map(lambda n: D(n).scaleb(-2))


@st.composite
def indicators(draw: st.DrawFn, code: str, zero: bool) -> L.Indicator:
    lower = draw(st.booleans())
    formula = None
    if lower and draw(st.booleans()):
        formula = L.model.Formula.INVERSE_RATIO
    entries = []
    for key in ("2018", "2019"):
        if draw(st.integers(0, 9)) == 0:
            entries.append(L.IndicatorPeriod(key, L.figures.NOT_TARGETED))
            continue
        target = D(draw(TARGETS))
        if target == 0 and not zero:
            target = D(8)
        realised = draw(REALISED)
        if formula is L.model.Formula.INVERSE_RATIO:  # T / R has no reading below zero
            target, realised = abs(target), abs(realised)
        if formula is L.model.Formula.INVERSE_RATIO and realised == 0 and not zero:
            realised = D(1)
        entries.append(L.IndicatorPeriod(key, L.Target(P, target), L.Realisation(P, realised)))
    negative = any(
        m.value < 0
        for e in entries
        for m in (e.target, e.realisation)
        if isinstance(m, L.model.Measure)
    )
    if lower and negative and formula is None:  # not the method's T / R, should it be one
        formula = L.model.Formula.KONDISI_KHUSUS
    return L.Indicator(
        code,
        code,
        entries,
        polarity=L.Polarity.LOWER_IS_BETTER if lower else L.Polarity.HIGHER_IS_BETTER,
        formula=formula,
    )


AMOUNTS = st.integers(0, 10**12)


@st.composite
def reports(draw: st.DrawFn, zero: bool, rates: bool) -> L.Report:
    units = []
    for u in range(draw(st.integers(1, 4))):
        items = [draw(indicators(f"u{u}-i{i}", zero)) for i in range(draw(st.integers(1, 4)))]
        blocks = []
        for key in ("2018", "2019"):
            if rates and key == "2018":
                rate = D(draw(st.integers(5000, 10000))).scaleb(-2)
                blocks.append(L.UnitPeriod(key, L.model.ReportedAbsorption(rate)))
                continue
            outputs = []
            for o in range(draw(st.integers(1, 3))):
                pagu = draw(AMOUNTS) + 1
                # Realisasi up to 120 % of the pagu, in whole Rupiah.
                realised = pagu * draw(st.integers(0, 120)) // 100
                outputs.append(L.BudgetOutput(f"o{o}", D(pagu), D(realised)))
            # Some programmes state a pagu awal (50–150 % of the pagu, or zero): absorption
            # against it under absorption-base original, in both engines.
            original = draw(st.none() | st.integers(0, 150))
            if original is not None:
                total_pagu = sum(o.pagu for o in outputs)
                original = D(total_pagu * original // 100)
            blocks.append(L.UnitPeriod(key, L.BudgetLine("Program", outputs, original=original)))
        units.append(L.Unit(f"u{u}", f"Unit {u}", items, blocks))
    periods = [L.ReportPeriod("2018"), L.ReportPeriod("2019")]
    return L.Report(periods, L.Unit("office", "Office", units=units))


WEIGHTS = st.sampled_from(
    [
        L.methods.PerformanceWeights(),
        L.methods.PerformanceWeights(D("0.6"), D("0.4")),
        L.methods.PerformanceWeights(D("0.35"), D("0.65")),
    ]
)


@st.composite
def methods(draw: st.DrawFn, rates: bool) -> L.ScoringMethod:
    return L.ScoringMethod(
        name="generated",
        lower_is_better=draw(
            st.sampled_from([L.model.Formula.KONDISI_KHUSUS, L.model.Formula.INVERSE_RATIO])
        ),
        cap=draw(st.sampled_from([None, D(100), D(120), D("112.5")])),
        zero_target=L.methods.ZeroTargetPolicy.EXCLUDE,
        achievement=draw(st.sampled_from(list(L.methods.AchievementAggregation))),
        absorption=(
            L.methods.AbsorptionAggregation.MEAN_OF_UNIT_RATES
            if rates
            else draw(st.sampled_from(list(L.methods.AbsorptionAggregation)))
        ),
        weights=draw(WEIGHTS),
        absorption_base=draw(st.sampled_from(list(AbsorptionBase))),
    )


@st.composite
def cases(draw: st.DrawFn) -> tuple[L.Report, L.ScoringMethod, L.Rounding, int]:
    rates = draw(st.booleans())
    return (
        draw(reports(zero=True, rates=rates)),
        draw(methods(rates)),
        draw(st.sampled_from(list(L.Rounding))),
        draw(st.sampled_from([0, 1, 2, 3])),
    )


@settings(max_examples=60)
@given(cases())
def test_generated_reports_agree(case: tuple[L.Report, L.ScoringMethod, L.Rounding, int]) -> None:
    """Generated reports (ties, lower-is-better, caps, zero targets excluded, reported rates,
    negative changes) score the same in bulk as in the core, at every rounding. The core's
    60-digit values are first rounded to 40 places: quotients that cancel (1/3 + 2/3) leave
    an error in the 60th digit that truncation at an integer would otherwise expose."""
    report, method, rounding, places = case
    assert_agrees(report, exact_places=40, method=method, scale=places, rounding=rounding)


def test_zero_target_refused_under_error_policy() -> None:
    """A zero target under the error policy is refused by both paths, the row named."""
    unit = L.Unit(
        "u",
        "U",
        [
            L.Indicator(
                "i", "i", [L.IndicatorPeriod("2019", L.Target(C, D(0)), L.Realisation(C, D(1)))]
            )
        ],
    )
    report = L.Report([L.ReportPeriod("2019")], L.Unit("office", "Office", units=[unit]))
    with pytest.raises(ZeroTargetError):
        L.score_report(report, "banten-2019")
    table = pa.table(
        {
            "period": ["2019"],
            "unit": ["u"],
            "code": ["i"],
            "target": pa.array([D(0)], pa.decimal128(10, 0)),
            "realisation": pa.array([D(1)], pa.decimal128(10, 0)),
        }
    )
    with pytest.raises(ZeroTargetError, match="unit u, indicator i"):
        bulk.score(table, method="banten-2019")


def test_tie_of_non_terminating_capaian_is_recomputed() -> None:
    """100/3 % and 66,6766… % average to exactly 50,005 %: the interval straddles the tie, the
    mean is recomputed with fractions, and half-up gives 50,01 % as the core does."""
    items = [
        L.Indicator(
            "a", "a", [L.IndicatorPeriod("2019", L.Target(P, D(3)), L.Realisation(P, D(1)))]
        ),
        L.Indicator(
            "b", "b", [L.IndicatorPeriod("2019", L.Target(P, D(3)), L.Realisation(P, D("2.0003")))]
        ),
    ]
    report = L.Report(
        [L.ReportPeriod("2019")], L.Unit("office", "O", units=[L.Unit("u", "U", items)])
    )
    got = assert_agrees(report, method="banten-2019")
    assert got.units.to_pylist()[0]["achievement"] == D("50.01")
    assert got.recomputed >= 1


def test_floats_refused() -> None:
    """A float column is refused: floats cannot hold report figures."""
    table = pa.table(
        {"period": ["2019"], "unit": ["u"], "code": ["i"], "target": [7.1], "realisation": [9.38]}
    )
    with pytest.raises(LakipValueError, match="floats"):
        bulk.score(table, method="banten-2019")


def test_values_beyond_int64_refused() -> None:
    """A figure that does not fit the int64 bound is refused with the bound named."""
    table = pa.table(
        {
            "period": ["2019"],
            "unit": ["u"],
            "code": ["i"],
            "target": pa.array([D(10) ** 30], pa.decimal128(38, 0)),
            "realisation": pa.array([D(1)], pa.decimal128(38, 0)),
        }
    )
    with pytest.raises(LakipValueError, match="int64"):
        bulk.score(table, method="banten-2019")


def test_missing_pyarrow_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without pyarrow the error says which extra to install."""
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    with pytest.raises(LakipError, match=r"lakipcore\[arrow\]"):
        bulk.score(None, method="banten-2019")


def test_nested_tree_refused() -> None:
    """The bulk path is flat; a unit with sub-units below the office is refused."""
    leaf = L.Unit(
        "leaf",
        "Leaf",
        [
            L.Indicator(
                "i", "i", [L.IndicatorPeriod("2019", L.Target(C, D(1)), L.Realisation(C, D(1)))]
            )
        ],
    )
    mid = L.Unit("mid", "Mid", units=[leaf])
    report = L.Report(
        [L.ReportPeriod("2019", method="banten-2019")], L.Unit("office", "O", units=[mid])
    )
    with pytest.raises(LakipValueError, match="sub-units"):
        bulk.report_to_batches(report)


# --- engines ------------------------------------------------------------------------------


def test_duckdb_sql_over_bulk_batches() -> None:
    """DuckDB reads the batches, filters them in SQL, and the bulk result goes back into SQL."""
    duckdb = require("duckdb")
    batches = bulk.report_to_batches(L.load_example())
    con = duckdb.connect()
    con.register("indicators", batches.indicators)
    relation = con.sql("SELECT * FROM indicators WHERE period = '2019'")
    picked = getattr(relation, "to_arrow_table", None) or relation.fetch_arrow_table
    picked = picked()
    scored = bulk.score_indicators(picked, method="banten-2019")
    con.register("scored", scored)
    mean = con.sql(
        "SELECT unit, count(capaian) AS n FROM scored WHERE unit = 'sekjen' GROUP BY unit"
    ).fetchall()
    assert mean == [("sekjen", 3)]
    capaian = con.sql("SELECT capaian FROM scored WHERE code = 'sekjen-ikm-internal'").fetchall()
    assert capaian == [(D("132.11"),)]


def test_polars_frames_in_and_out() -> None:
    """A polars frame goes in through Arrow and the office row comes out the same."""
    pl = require("polars")
    batches = bulk.report_to_batches(L.load_example())
    frame = pl.from_arrow(batches.indicators)
    budgets = pl.from_arrow(batches.budgets)
    scored = bulk.score(
        frame.to_arrow(), budgets.to_arrow(), method=batches.methods, office=batches.office
    )
    office = pl.from_arrow(scored.office).filter(pl.col("period") == "2019")
    assert office["performance"].to_list() == [D("116.13")]
    capaian = pl.from_arrow(
        bulk.score_indicators(
            frame.filter(pl.col("period") == "2019").to_arrow(), method="banten-2019"
        )
    )
    assert capaian.filter(pl.col("code") == "bphn-bantuan-hukum-nonlitigasi")[
        "capaian"
    ].to_list() == [D("290.48")]


def test_chunked_and_encoded_columns_score_the_same() -> None:
    """A table of many chunks (as Parquet row groups give), with dictionary-encoded and
    large_string key columns, scores exactly as the same rows in one chunk."""
    batches = bulk.report_to_batches(L.load_example())
    whole = batches.score()
    indicators = pa.Table.from_batches(batches.indicators.to_batches(max_chunksize=3))
    budgets = pa.Table.from_batches(batches.budgets.to_batches(max_chunksize=2))
    for name, kind in (
        ("unit", pa.dictionary(pa.int32(), pa.string())),
        ("code", pa.large_string()),
    ):
        i = indicators.schema.get_field_index(name)
        indicators = indicators.set_column(i, name, indicators[name].cast(kind))
    i = indicators.schema.get_field_index("period")
    indicators = indicators.set_column(
        i, "period", pa.chunked_array([c.dictionary_encode() for c in indicators["period"].chunks])
    )
    assert indicators["period"].num_chunks > 1
    parts = bulk.score(
        indicators, budgets, method=batches.methods, periods=batches.periods, office=batches.office
    )
    for name in TABLES:
        assert getattr(parts, name).to_pylist() == getattr(whole, name).to_pylist(), name


@pytest.mark.parametrize(
    ("target", "realised"),
    [
        (D(1), D(10) ** 17),  # capaian 10**19 %: beyond int64 at 10 places
        (D(10) ** 18 - 1, D(1)),  # a divisor too large for exact long division
    ],
)
def test_capaian_beyond_the_bound_refused(target: D, realised: D) -> None:
    """A capaian (or divisor) past the int64 bounds is refused, never wrapped, by both
    kernels."""
    table = pa.table(
        {
            "period": ["2019", "2019"],
            "unit": ["u", "u"],
            "code": ["i", "j"],
            "target": pa.array([target, D(8)], pa.decimal128(38, 0)),
            "realisation": pa.array([realised, D(7)], pa.decimal128(38, 0)),
        }
    )
    with pytest.raises(LakipValueError, match="int64"):
        bulk.score(table, method="banten-2019")


def test_numpy_and_pyarrow_kernels_give_the_same_tables() -> None:
    """Both kernels give the same tables, row for row and in the same order (units in order of
    first appearance within each period, budget-only units after them), on rows where units
    appear in a different order in each period and some have only a budget."""
    require("numpy")
    rows = []
    for period, units in (("2018", ["b", "a", "c"]), ("2019", ["c", "a"])):
        for unit in units:
            for code, (target, realised) in enumerate([("3", "1"), ("8", "7.77"), ("7", None)]):
                rows.append((period, unit, f"i{code}", D(target), realised and D(realised)))
    indicators = pa.table(
        {
            "period": [r[0] for r in rows],
            "unit": [r[1] for r in rows],
            "code": [r[2] for r in rows],
            "target": pa.array([r[3] for r in rows], pa.decimal128(10, 2)),
            "realisation": pa.array([r[4] for r in rows], pa.decimal128(10, 2)),
        }
    )
    budgets = pa.table(
        {
            "period": ["2019", "2019", "2018", "2019"],
            "unit": ["z", "a", "a", "c"],
            "pagu": pa.array([D(300), D(100), D(90), D(7)], pa.decimal128(12, 0)),
            "realisation": pa.array([D(200), D(99), D(89), D(6)], pa.decimal128(12, 0)),
        }
    )
    tables = {}
    before = _numpy.ENABLED
    try:
        for enabled in (True, False):
            _numpy.ENABLED = enabled
            tables[enabled] = bulk.score(indicators, budgets, method="banten-2019")
    finally:
        _numpy.ENABLED = before
    for name in TABLES:
        assert getattr(tables[True], name).equals(getattr(tables[False], name)), name
    units = [(u["period"], u["unit"]) for u in tables[True].units.to_pylist()]
    assert units == [
        *[("2018", u) for u in ("b", "a", "c")],
        *[("2019", u) for u in ("c", "a", "z")],
    ]


@pytest.mark.parametrize("name", ["period", "unit"])
def test_row_without_key_refused(name: str) -> None:
    """A row without a period or a unit is refused, naming the row."""
    columns: dict[str, Any] = {
        "period": ["2019", "2019"],
        "unit": ["u", "u"],
        "code": ["i", "j"],
        "target": pa.array([D(8), D(8)], pa.decimal128(10, 0)),
        "realisation": pa.array([D(7), D(7)], pa.decimal128(10, 0)),
    }
    columns[name] = ["u" if name == "unit" else "2019", None]
    with pytest.raises(LakipValueError, match=f"row 1 has no {name}"):
        bulk.score(pa.table(columns), method="banten-2019")


# --- every part of a method, on every shipped example -------------------------------------

# Values of the method parts that are not enums; an enum part takes every member. A new part
# of ScoringMethod that is neither fails test_every_method_part_has_variants until it has some.
VARIANTS: dict[str, list[Any]] = {
    "name": ["another-name"],
    "description": ["another description"],
    "cap": [None, D(100), D("112.5")],
    "weights": [L.methods.PerformanceWeights(), L.methods.PerformanceWeights(D("0.6"), D("0.4"))],
    # Bounds of the audit's warnings: no score changes, and the bulk path accepts any.
    "plausibility": [
        L.methods.DEFAULT_PLAUSIBILITY,
        L.methods.Plausibility(capaian=D(150), slip_factor=None, count_capaian=D(300)),
    ],
}


def _variants(field: Any) -> list[Any]:
    """The values the differential test gives method part ``field``."""
    if field.name in VARIANTS:
        return VARIANTS[field.name]
    kind = field.type if isinstance(field.type, type) else None
    if kind is None:  # postponed annotations: the default's class
        kind = type(field.default)
    if issubclass(kind, enum.Enum):
        return list(kind)
    raise AssertionError(f"method part {field.name!r} has no variants: add them to VARIANTS")


def _with_part(report: L.Report, name: str, value: Any) -> dict[str, L.ScoringMethod] | None:
    """Each period's own method with part ``name`` set to ``value`` (``None``: not a valid
    method, e.g. a lower-is-better formula that is the ratio)."""
    methods = {}
    for period in report.periods:
        own = report.method(period.method or "banten-2019")
        try:
            methods[period.key] = attrs.evolve(own, **{name: value})
        except LakipError:
            return None
    return methods


def test_every_method_part_has_variants_and_a_bulk_rule() -> None:
    """Every field of ScoringMethod has variants here and an entry in bulk.METHOD_PARTS."""
    for field in attrs.fields(L.ScoringMethod):
        assert _variants(field), field.name
        assert field.name in bulk.METHOD_PARTS, field.name


@pytest.mark.parametrize("part", [f.name for f in attrs.fields(L.ScoringMethod)])
def test_every_method_part_agrees_on_every_shipped_example(part: str) -> None:
    """Each value of each part of the method, on each shipped example, gives the same tables
    in bulk as in the core; or both refuse it; or the bulk path refuses it by the part's name
    (never ignoring it)."""
    field = attrs.fields_dict(L.ScoringMethod)[part]
    for name in EXAMPLES:
        report = L.load_report(DATA / name)
        for value in _variants(field):
            methods = _with_part(report, part, value)
            if methods is None:
                continue
            core = _outcome(core_tables, report, methods)
            if isinstance(core, LakipError):
                refused = _outcome(_bulk_score, report, methods)
                assert type(core) is type(refused), (name, part, value)
                continue
            agreed = _outcome(assert_agrees, report, method=methods)
            if isinstance(agreed, MethodNotApplicableError):  # refused by name, never ignored
                assert part == agreed.field, (name, part, value)
            else:
                assert not isinstance(agreed, LakipError), (name, part, value, agreed)


def _outcome(run: Any, *args: Any, **options: Any) -> Any:
    """What ``run(*args, **options)`` returns, or the LakipError it raises."""
    try:
        return run(*args, **options)
    except LakipError as error:
        return error


def _bulk_score(report: L.Report, methods: Any) -> Any:
    return bulk.report_to_batches(report, method=methods).score()


def test_pppomn_under_absorption_against_the_pagu_awal() -> None:
    """The PPPOMN example states its programmes' pagu awal: under absorption-base original,
    both engines measure against it (the bulk path once used the revised pagu: 23,0250 %
    against the core's 22,6876 %)."""
    report = L.load_report(DATA / "pppomn-2021-tw2.toml")
    method = attrs.evolve(report.method("pooled-sum"), absorption_base=AbsorptionBase.ORIGINAL)
    got = assert_agrees(report, method=method, scale=4)
    office = got.office.to_pylist()[0]
    exact = L.assess(report, method=method, audit=False).current.absorption
    assert office["absorption"] == L.round_to(exact, 4)
    revised = L.assess(report, audit=False).current.absorption
    assert L.round_to(exact, 4) != L.round_to(revised, 4)


def test_absorption_against_the_pagu_awal_needs_its_column() -> None:
    """Budget rows without a pagu_original column cannot be scored against the pagu awal:
    refused by the part's name, not scored against the revised pagu."""
    batches = bulk.report_to_batches(L.load_report(DATA / "pppomn-2021-tw2.toml"))
    budgets = batches.budgets.drop_columns(["pagu_original"])
    method = attrs.evolve(L.get_method("pooled-sum"), absorption_base=AbsorptionBase.ORIGINAL)
    with pytest.raises(MethodNotApplicableError, match="pagu_original") as refused:
        bulk.score(batches.indicators, budgets, method=method, office=batches.office)
    assert "absorption_base" == refused.value.field
    # Under the revised pagu the column is not needed.
    bulk.score(batches.indicators, budgets, method="pooled-sum", office=batches.office)


def test_a_method_part_the_bulk_path_does_not_implement_is_refused(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A value outside a part's implemented set (as a new enum member would be) is refused
    with the part named."""
    parts = dict(bulk.METHOD_PARTS)
    parts["absorption"] = frozenset({L.methods.AbsorptionAggregation.TOTAL_AMOUNTS})
    monkeypatch.setattr("lakipcore.bulk.scoring.METHOD_PARTS", parts)
    batches = bulk.report_to_batches(L.load_example())
    with pytest.raises(MethodNotApplicableError, match="does not implement absorption") as error:
        batches.score(method="mean-of-units")
    assert "absorption" == error.value.field


def _one_row(**changed: Any) -> Any:
    columns: dict[str, Any] = {
        "period": ["2019"],
        "unit": ["u"],
        "code": ["i"],
        "target": pa.array([D(8)], pa.decimal128(10, 0)),
        "realisation": pa.array([D(7)], pa.decimal128(10, 0)),
        "polarity": ["higher"],
        "formula": ["ratio"],
    }
    columns.update(changed)
    return pa.table(columns)


BUDGET = {
    "period": ["2019"],
    "unit": ["u"],
    "pagu": pa.array([D(10)], pa.decimal128(20, 2)),
    "realisation": pa.array([D(9)], pa.decimal128(20, 2)),
}


@pytest.mark.parametrize(
    ("table", "name", "values"),
    [
        *[("indicators", n, pa.array([2019])) for n in ("period", "unit", "code")],
        *[("indicators", n, pa.array([1])) for n in ("polarity", "formula")],
        *[("indicators", n, pa.array([True])) for n in ("period", "unit")],
        *[("indicators", n, pa.array(["8"])) for n in ("target", "realisation")],
        ("indicators", "target", pa.array([8.0])),
        ("budgets", "period", pa.array([2019])),
        ("budgets", "unit", pa.array([b"u"])),
        ("budgets", "pagu", pa.array(["10"])),
        ("budgets", "realisation", pa.array([9.0])),
        ("budgets", "pagu_original", pa.array(["10"])),
        ("budgets", "rate", pa.array([99.5])),
    ],
)
def test_a_column_of_the_wrong_type_is_refused_by_name(table: str, name: str, values: Any) -> None:
    """Both kernels refuse a column whose type its name does not allow, naming the column (a
    non-string budgets period raised a bare TypeError in both, issue 21)."""
    indicators, budgets = _one_row(), dict(BUDGET)
    if table == "indicators":
        indicators = indicators.set_column(indicators.column_names.index(name), name, values)
    else:
        budgets[name] = values
    with pytest.raises(LakipValueError, match=f"column '{name}' holds") as info:
        bulk.score(indicators, pa.table(budgets), method="banten-2019")
    assert name == info.value.field


@pytest.mark.parametrize("kernel", ["numpy", "pyarrow"])
def test_the_fuzz_campaigns_batches_are_refused_or_scored_by_both_kernels(
    kernel: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """tools/fuzz.py --batches found batches that raised a foreign exception in both kernels
    (issue 21): a column listed twice (KeyError), a key column of Arrow's null type
    (ArrowInvalid in the join of two periods; ArrowTypeError for a budget's unit), a uint64
    figure beyond int64 (ArrowInvalid) and a table without rows (ArrowNotImplementedError)."""
    monkeypatch.setattr(_numpy, "ENABLED", kernel == "numpy")
    twice = _one_row()
    twice = twice.append_column("period", pa.array(["2019"]))
    with pytest.raises(LakipValueError, match="has the column 'period' twice") as info:
        bulk.score(twice, method="banten-2019")
    assert "period" == info.value.field
    nameless = pa.concat_tables([_one_row(), _one_row(period=["2018"])])
    nameless = nameless.set_column(nameless.column_names.index("code"), "code", pa.nulls(2))
    with pytest.raises(LakipValueError, match="row 0 has no code") as info:
        bulk.score(nameless, method="banten-2019")
    assert "code" == info.value.field
    keyless = {**BUDGET, "unit": pa.nulls(1)}
    with pytest.raises(LakipValueError, match="budget row 0 has no unit") as info:
        bulk.score(_one_row(), pa.table(keyless), method="banten-2019")
    assert "unit" == info.value.field
    huge = {**BUDGET, "pagu": pa.array([2**64 - 1], pa.uint64()), "realisation": pa.array([9])}
    with pytest.raises(LakipValueError, match="uint64 column does not fit int64") as info:
        bulk.score(_one_row(), pa.table(huge), method="banten-2019")
    assert "pagu" == info.value.field
    wide = _one_row(realisation=pa.array([D(10) ** 19], pa.decimal128(38, 0)))
    with pytest.raises(LakipValueError, match="more than 18 digits") as info:
        bulk.score(wide, method="banten-2019")
    assert "realisation" == info.value.field
    empty = _one_row().slice(0, 0)
    scored = bulk.score(empty, method="banten-2019")
    assert 0 == scored.indicators.num_rows
    assert 0 == scored.office.num_rows


def test_an_unknown_polarity_is_refused_not_taken_for_higher() -> None:
    with pytest.raises(LakipValueError, match="unknown polarity 'up' \\(row 0") as info:
        bulk.score(_one_row(polarity=["up"]), method="banten-2019")
    assert "polarity" == info.value.field
    lower = bulk.score(_one_row(polarity=["lower"], formula=[None]), method="banten-2019")
    # banten-2019 scores lower-is-better by kondisi khusus: 100 × (2 × 8 − 7) / 8.
    assert D("112.50") == lower.indicators.to_pylist()[0]["capaian"]


def _batch_outcome(indicators: Any, budgets: Any, method: str) -> Any:
    """The tables, or the error's class, field and message: what a caller can see."""
    try:
        scored = bulk.score(indicators, budgets, method=method)
    except LakipError as error:
        return (type(error).__name__, error.field, str(error))
    return tuple(getattr(scored, name) for name in TABLES)


_FIGURES = st.sampled_from(
    [None, D(0), D(1), D("-1"), D("0.01"), D(8), D("7.77"), D(10) ** 8, D(10) ** 12, D("1e-8")]
)


@st.composite
def _hostile_batches(draw: st.DrawFn) -> tuple[Any, Any, str]:
    """Small batches with every kind of problem the kernels check: missing keys, negative or
    zero figures, values near the int64 bound, unknown or mismatched polarity and formula,
    budgets with half a row, negative amounts, a rate."""
    n = draw(st.integers(1, 6))
    keys = st.sampled_from(["2019", "2019", "2020", None])
    texts = {
        "period": [draw(keys) for _ in range(n)],
        "unit": [draw(st.sampled_from(["a", "b", None])) for _ in range(n)],
        "code": [f"i{i}" for i in range(n)],
        "polarity": [draw(st.sampled_from(["higher", "lower", None, "up"])) for _ in range(n)],
        "formula": [
            draw(st.sampled_from([None, "ratio", "inverse-ratio", "kondisi-khusus", "nope"]))
            for _ in range(n)
        ],
    }
    figures = {
        name: pa.array([draw(_FIGURES) for _ in range(n)], pa.decimal128(38, 8))
        for name in ("target", "realisation")
    }
    indicators = pa.table({**texts, **figures})
    m = draw(st.integers(0, 3))
    amounts = st.sampled_from([None, D(0), D(5), D(10), D("-3")])
    budgets = None
    if m:
        budgets = pa.table(
            {
                "period": [draw(st.sampled_from(["2019", "2020"])) for _ in range(m)],
                "unit": [draw(st.sampled_from(["a", "b"])) for _ in range(m)],
                "pagu": pa.array([draw(amounts) for _ in range(m)], pa.decimal128(20, 2)),
                "realisation": pa.array([draw(amounts) for _ in range(m)], pa.decimal128(20, 2)),
                "rate": pa.array(
                    [draw(st.sampled_from([None, D("99.5")])) for _ in range(m)],
                    pa.decimal128(10, 2),
                ),
            }
        )
    method = draw(st.sampled_from(["banten-2019", "pooled-sum", "mean-of-unit-means"]))
    return indicators, budgets, method


@settings(max_examples=300, deadline=None)
@given(_hostile_batches())
def test_both_kernels_give_the_same_result_or_the_same_error(batch: tuple[Any, Any, str]) -> None:
    """On any batch, problems included, the numpy and pyarrow kernels give the same tables or
    the same error (class, field and message): the first problem found is the same one."""
    require("numpy")
    before = _numpy.ENABLED
    try:
        outcomes = []
        for enabled in (True, False):
            _numpy.ENABLED = enabled
            outcomes.append(_batch_outcome(*batch))
    finally:
        _numpy.ENABLED = before
    numpy_side, arrow_side = outcomes
    if isinstance(numpy_side[0], str) or isinstance(arrow_side[0], str):
        assert numpy_side == arrow_side
    else:
        for name, left, right in zip(TABLES, numpy_side, arrow_side, strict=True):
            assert (left is None and right is None) or left.equals(right), name


def test_a_unit_in_a_period_without_rows_is_counted_as_the_core_counts_it() -> None:
    """A unit in a period with neither indicators nor a budget (printed figures only) had a
    row from score_tables and none from the bulk path, and the office's absorption, a gap in
    the core ("no budget for b"), was computed from the other units (fuzz finding, issue 21)."""
    text = """schema = 2
[report]
title = "two units, one with printed figures only in 2020"
[[periods]]
key = "2020"
method = "banten-2019"
[[tables]]
id = "prose"
kind = "prose"
title = "Uraian"
[office]
code = "office"
name = "Kantor"
[[units]]
code = "a"
name = "Unit A"
[units.periods.2020.budget]
programme = "Program Dukungan Manajemen"
outputs = [{ name = "Layanan", pagu = "100", realisation = "90" }]
[[units.indicators]]
code = "i1"
name = "Laporan"
[units.indicators.periods.2020]
target = "8"
realisation = "7"
[[units]]
code = "b"
name = "Unit B"
[units.periods.2020]
printed.achievement = { prose = "100%" }
"""
    report = L.loads_report(text)
    got = bulk.report_to_batches(report).score()
    want = score_tables(L.assess(report, audit=False), scale=got.scale)
    for name in ("units", "office"):
        assert want.__getattribute__(name).select(list(BULK_COLUMNS[name])).to_pylist() == (
            getattr(got, name).to_pylist()
        ), name
    assert [None] == got.office.column("absorption").to_pylist()
