"""Methods as data: presets under names that say what they do, aliases, methods defined in a
report file (``[methods.NAME]``), the rounding a method declares, and ``lakip methods``."""

from __future__ import annotations

from decimal import Decimal
from importlib.resources import files

import pytest

import lakipcore
from lakipcore import (
    ReportFileError,
    ScoringMethod,
    dump_report,
    format_percent,
    loads_report,
    score_report,
)
from lakipcore.audit import audit
from lakipcore.cli import main
from lakipcore.errors import InvalidValueError, UnknownNameError
from lakipcore.methods import ALIASES, PRESETS, get_method

BANTEN = (files("lakipcore.data") / "banten-2019.toml").read_text(encoding="utf-8")

# The two Banten methods written out part by part, under the report's own names.
WRITTEN_OUT = """\
[methods.kanwil-2018]
description = "Baris kantor 2018: rata-rata capaian unit, rata-rata persentase penyerapan"
achievement = "mean-of-unit-means"
absorption = "mean-of-unit-rates"
lower-is-better = "kondisi-khusus"
zero-target = "error"
rounding = "half-up"
weights = { achievement = "50%", absorption = "50%" }

[methods.kanwil-2019]
base = "pooled-sum"
description = "Baris kantor 2019"
weights = { achievement = "0,5", absorption = "0,5" }

"""


def _written_out(text: str = BANTEN, methods: str = WRITTEN_OUT) -> str:
    text = text.replace('method = "banten-2018"', 'method = "kanwil-2018"')
    text = text.replace('method = "banten-2019"', 'method = "kanwil-2019"')
    first = '\n[[periods]]\nkey = "2018"'
    assert first in text
    return text.replace(first, "\n" + methods + first.lstrip("\n"), 1)


def test_presets_say_what_they_do_and_the_banten_names_are_aliases() -> None:
    assert ["pooled-sum", "mean-of-units"] == list(PRESETS)
    assert {"banten-2019": "pooled-sum", "banten-2018": "mean-of-units"} == dict(ALIASES)
    alias = get_method("banten-2019")
    assert "banten-2019" == alias.name  # results say what the file said
    assert alias.same_parts(PRESETS["pooled-sum"])
    assert not alias.same_parts(PRESETS["mean-of-units"])
    with pytest.raises(UnknownNameError, match="'pooled-sum', 'mean-of-units', 'banten-2019'"):
        get_method("pooled")


def test_banten_reproduces_with_its_methods_written_out_in_the_file() -> None:
    """The presets and the same parts written in the file give identical results."""
    preset = score_report(lakipcore.load_example())
    report = loads_report(_written_out())
    own = score_report(report)
    assert ["kanwil-2018", "kanwil-2019"] == [m.name for m in report.methods]
    assert report.method("kanwil-2019").same_parts(PRESETS["pooled-sum"])
    assert report.method("kanwil-2018").same_parts(PRESETS["mean-of-units"])
    assert "116,13%" == format_percent(own.current.performance)
    for ours, theirs in zip(own.periods, preset.periods, strict=True):
        assert ours.units == theirs.units
        assert (ours.achievement, ours.absorption, ours.performance) == (
            theirs.achievement,
            theirs.absorption,
            theirs.performance,
        )
    assert [c.office for c in own.changes] == [c.office for c in preset.changes]

    # The audit finds the same figures wrong under either spelling of the methods (its
    # messages name the methods as the file does).
    def found(findings):
        return [(f.code, f.subject, f.period, f.location.field) for f in findings]

    assert found(audit(report)) == found(audit(lakipcore.load_example()))


def test_methods_round_trip_through_the_file() -> None:
    report = loads_report(_written_out())
    text = dump_report(report)
    assert "[methods.kanwil-2019]" in text
    again = loads_report(text)
    assert report == again
    assert report.methods == again.methods
    assert text == dump_report(again)


def test_a_method_of_the_file_changes_the_figures() -> None:
    """A cap of 100 % and the mean of unit means: the 2019 office row changes accordingly."""
    capped = _written_out(
        methods=(
            '[methods.kanwil-2018]\nbase = "mean-of-units"\n\n'
            '[methods.kanwil-2019]\nbase = "pooled-sum"\ncap = "100%"\n\n'
        )
    )
    scored = score_report(loads_report(capped)).current
    assert all(i.capaian is None or i.capaian <= 100 for u in scored.units for i in u.indicators)
    plain = score_report(lakipcore.load_example()).current
    assert scored.achievement < plain.achievement
    expected = score_report(
        lakipcore.load_example(),
        {"2019": ScoringMethod("capped", cap=Decimal(100))},
    ).current
    assert expected.achievement == scored.achievement


@pytest.mark.parametrize(
    ("methods", "error", "field", "message"),
    [
        (
            '[methods.m]\nachievment = "pooled-indicators"\n',
            ReportFileError,
            "methods.m.achievment",
            "unknown field 'achievment'",
        ),
        (
            '[methods.m]\nachievement = "pooled"\n',
            UnknownNameError,
            "methods.m.achievement",
            "unknown achievement aggregation 'pooled'",
        ),
        (
            '[methods.m]\nweights = { achievement = "60%", absorption = "50%" }\n',
            InvalidValueError,
            "methods.m.weights",
            "must sum to 1",
        ),
        ('[methods.m]\ncap = "120"\n', ReportFileError, "methods.m.cap", "as a percentage"),
        ('[methods.m]\ncap = "-5%"\n', InvalidValueError, "methods.m", "cap must be positive"),
        ('[methods.m]\nbase = "nope"\n', UnknownNameError, "methods.m.base", "'pooled-sum'"),
        ("[methods.pooled-sum]\n", ReportFileError, "methods.pooled-sum", "name of a preset"),
        ("[methods.Besar]\n", InvalidValueError, "methods.Besar", "lower-case"),
        ('[methods.m]\nrounding = "up"\n', UnknownNameError, "methods.m.rounding", "'half-up'"),
        (
            '[methods.m]\nlower-is-better = "ratio"\n',
            InvalidValueError,
            "methods.m",
            "lower-is-better formula",
        ),
    ],
)
def test_bad_methods_are_refused_naming_the_field(methods, error, field, message) -> None:
    text = _written_out(methods=WRITTEN_OUT + methods + "\n")
    with pytest.raises(error, match=message) as info:
        loads_report(text, source="r.toml")
    errors = info.value.errors
    assert any(e.field is not None and e.field.startswith(field) for e in errors), [
        str(e) for e in errors
    ]
    assert all(e.source == "r.toml" for e in errors)


def test_a_period_naming_an_undefined_method_lists_the_choices() -> None:
    text = _written_out().replace('method = "kanwil-2019"', 'method = "kanwil-2020"')
    with pytest.raises(
        UnknownNameError, match="'kanwil-2018', 'kanwil-2019', 'pooled-sum'"
    ) as info:
        loads_report(text, source="r.toml")
    assert "periods[1].method" == info.value.field


def test_a_report_built_in_python_checks_its_methods() -> None:
    report = lakipcore.load_example()
    own = ScoringMethod("mine")
    with pytest.raises(InvalidValueError, match="defined twice"):
        lakipcore.Report(report.periods, report.root, report.tables, methods=[own, own])
    with pytest.raises(InvalidValueError, match="name of a preset"):
        lakipcore.Report(
            report.periods, report.root, report.tables, methods=[ScoringMethod("banten-2018")]
        )
    periods = [lakipcore.ReportPeriod("2018"), lakipcore.ReportPeriod("2019", method="mine")]
    with pytest.raises(UnknownNameError, match="unknown scoring method 'mine'") as info:
        lakipcore.Report(periods, report.root.units[0], report.tables)
    assert "periods[2019].method" == info.value.field
    built = lakipcore.Report(periods, report.root.units[0], report.tables, methods=[own])
    assert own == built.period_method("2019")


def test_a_declared_rounding_is_how_the_audit_reads_printed_figures() -> None:
    """Banten's BPHN row is printed truncated (an info finding); a method declaring truncation
    reads it as declared, and the figures that were half-up become the info findings."""
    findings = audit(lakipcore.load_example())
    truncated = [f for f in findings if f.code == "truncated"]
    assert truncated
    declaring = _written_out(
        methods=(
            '[methods.kanwil-2018]\nbase = "mean-of-units"\nrounding = "truncate"\n\n'
            '[methods.kanwil-2019]\nbase = "pooled-sum"\nrounding = "truncate"\n\n'
        )
    )
    again = audit(loads_report(declaring))
    assert not [f for f in again if f.code == "truncated"]
    half_up = [f for f in again if f.code == "half-up"]
    assert half_up
    assert all("rounded half-up" in f.message_in("en") for f in half_up)
    # The errors are the same: a figure no rounding explains is wrong under either.
    assert [f.message_in("en") for f in findings if f.severity.value == "error"] == [
        f.message_in("en") for f in again if f.severity.value == "error"
    ]


def test_the_cli_takes_a_method_of_the_file_and_lists_them(tmp_path, capsys) -> None:
    path = tmp_path / "r.toml"
    path.write_text(_written_out(), encoding="utf-8")
    assert 0 == main(["score", str(path), "--method", "2019=kanwil-2019"])
    assert "116,13%" in capsys.readouterr().out
    assert 0 == main(["methods", str(path)])
    out = capsys.readouterr().out
    assert "Methods defined in" in out
    assert "kanwil-2018" in out
    assert "achievement: mean-of-unit-means" in out
    assert "banten-2019 = pooled-sum" in out
    assert "Periods: 2018 kanwil-2018; 2019 kanwil-2019" in out
    assert 2 == main(["score", str(path), "--method", "kanwil"])
    err = capsys.readouterr().err
    assert "--method" in err
    assert "'kanwil-2018', 'kanwil-2019', 'pooled-sum'" in err
