"""Words a user sees: Indonesian by default, English on request, from gettext catalogues.

The catalogue check (every message of the code has both languages, the compiled catalogue is
current) is ``tools/messages.py --check``; it runs here so that the README's test command
catches a message added without its Indonesian text.
"""

from __future__ import annotations

import json
import re
import sys
import threading
from pathlib import Path

import pytest

import lakipcore
from lakipcore.audit import FindingCode
from lakipcore.cli import main
from lakipcore.errors import LakipTypeError, UnknownNameError
from lakipcore.formats.toml import load_example, load_report
from lakipcore.i18n import N_, Message, language, placeholders, speaking, translate

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((Path(lakipcore.__file__).parent / "data").glob("*.toml"))
sys.path.insert(0, str(ROOT / "tools"))


@pytest.fixture(autouse=True)
def _no_language_in_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("LAKIP_LANG", raising=False)


def test_the_catalogues_are_complete_and_current() -> None:
    """Every N_() message of the package has an Indonesian text with the same placeholders,
    no message is left over, and the compiled .mo holds what the .po says."""
    pytest.importorskip("babel")
    import messages  # tools/messages.py

    assert [] == messages.problems()


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        (None, "id"),
        ("id", "id"),
        ("en", "en"),
        ("EN", "en"),
        ("id_ID.UTF-8", "id"),
        ("en-GB", "en"),
        ("ind", "id"),
    ],
)
def test_a_language_is_named_as_people_and_locales_name_it(
    given: str | None, expected: str
) -> None:
    assert expected == language(given)


def test_an_unknown_language_is_refused_with_a_suggestion() -> None:
    with pytest.raises(
        UnknownNameError, match=r"unknown language 'engl'.*did you mean 'en'"
    ) as caught:
        language("engl")
    assert "lang" == caught.value.field
    with pytest.raises(LakipTypeError, match="as a name"):
        language(3)  # type: ignore[arg-type]


def test_the_environment_and_a_block_choose_the_language(monkeypatch: pytest.MonkeyPatch) -> None:
    """lang= beats a speaking() block, which beats LAKIP_LANG, which beats the default."""
    monkeypatch.setenv("LAKIP_LANG", "en")
    assert "en" == language()
    with speaking("id"):
        assert "id" == language()
        assert "en" == language("en")
    assert "en" == language()
    monkeypatch.setenv("LAKIP_LANG", "")  # empty counts as not set
    assert "id" == language()
    monkeypatch.setenv("LAKIP_LANG", "fr")
    with pytest.raises(UnknownNameError) as caught:
        language()
    assert "LAKIP_LANG" == caught.value.field


def test_a_speaking_block_is_its_own_threads_alone() -> None:
    """The block's language is a context variable: another thread keeps the default."""
    seen: list[str] = []
    with speaking("en"):
        worker = threading.Thread(target=lambda: seen.append(language()))
        worker.start()
        worker.join()
        assert "en" == language()
    assert ["id"] == seen


def test_a_message_renders_its_arguments_and_nested_messages_in_one_language() -> None:
    inner = Message(N_("{amount} too low"), amount="0,10")
    outer = Message(N_("{first}; {then}"), first=Message(N_("the report")), then=inner)
    assert "laporan; 0,10 terlalu rendah" == outer.render("id")
    assert "the report; 0,10 too low" == outer.render("en")
    assert outer == Message(N_("{first}; {then}"), then=inner, first=Message(N_("the report")))
    assert hash(outer) == hash(
        Message(N_("{first}; {then}"), first=outer.arguments[0][1], then=inner)
    )


def test_a_message_must_be_given_exactly_its_placeholders(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LAKIP_LANG", "en")  # the errors' English wording is matched
    with pytest.raises(LakipTypeError, match=r"missing \['amount'\]"):
        Message(N_("{amount} too low"))
    with pytest.raises(LakipTypeError, match=r"unexpected \['extra'\]"):
        Message(N_("{amount} too low"), amount="1", extra="2")
    with pytest.raises(LakipTypeError, match="must be text or a Message"):
        Message(N_("{amount} too low"), amount=1)  # type: ignore[arg-type]


def test_a_literal_reads_the_same_in_every_language() -> None:
    """A finding made by a check of one's own with plain text keeps that text."""
    literal = Message.literal("{not a placeholder} 100%")
    assert literal.render("id") == literal.render("en") == "{not a placeholder} 100%"


def test_every_finding_code_means_something_in_both_languages() -> None:
    for code in FindingCode:
        english, indonesian = code.meaning_in("en"), code.meaning_in("id")
        assert english != indonesian, code
        assert indonesian == code.meaning  # the default
        assert english == lakipcore.audit.CODES[code.value][1]


def _findings_of_every_example() -> list[lakipcore.audit.Finding]:
    return [f for path in EXAMPLES for f in lakipcore.assess(load_report(path)).findings]


def test_every_finding_of_the_examples_reads_in_both_languages() -> None:
    """Each message and location renders whole in both languages (no placeholder left, no
    English left in the Indonesian: the catalogue covers every message the audit builds)."""
    findings = _findings_of_every_example()
    assert len(findings) > 25
    english_words = re.compile(r"\b(published|but the|the inputs|too (low|high)|line \d)\b")
    for finding in findings:
        for lang in ("id", "en"):
            said = finding.describe(lang)
            assert not set(placeholders(said)), said
        indonesian = finding.message_in("id")
        assert not english_words.search(indonesian), indonesian
        assert finding.location.words is not None
        assert finding.location.said("id").endswith(f"; baris {finding.location.line}") or (
            finding.location.line is None
        )


def test_the_default_is_indonesian_and_str_is_one_line_for_editors() -> None:
    finding = next(
        f
        for f in lakipcore.assess(load_example()).findings
        if f.location.field == "units[0].periods.2019.printed.achievement.unit-yoy"
    )
    assert finding.message.startswith("dicetak 114,48%, tetapi masukannya memberi 114,58")
    assert finding.message.endswith("0,10 terlalu rendah")
    assert str(finding) == finding.describe("id")
    assert str(finding).startswith("banten-2019.toml:103: kesalahan figure-mismatch: dicetak")
    assert str(finding).endswith(
        "(Tabel REALISASI INDIKATOR KINERJA (YoY), Sekjen - Divisi Administrasi, capaian "
        "kinerja 2019; baris 103)"
    )
    assert "\n" not in str(finding)


def test_the_audit_json_speaks_the_language_asked_and_keeps_its_keys() -> None:
    findings = lakipcore.assess(load_example()).findings
    indonesian = findings.to_dict(source="banten-2019.toml")
    english = findings.to_dict(source="banten-2019.toml", lang="en")
    assert ("id", "en") == (indonesian["lang"], english["lang"])
    for mine, theirs in zip(indonesian["findings"], english["findings"], strict=True):
        assert mine.keys() == theirs.keys()
        assert mine["code"] == theirs["code"]
        assert mine["message_id"] == theirs["message_id"]  # the stable key
        assert mine["location"]["field"] == theirs["location"]["field"]
        assert mine["message"] != theirs["message"]
    first = english["findings"][0]
    assert first["message"] == translate(first["message_id"], "en").format_map(
        _arguments_of(findings[0])
    )


def _arguments_of(finding: lakipcore.audit.Finding) -> dict[str, str]:
    return {
        name: value.render("en") if isinstance(value, Message) else value
        for name, value in finding.text.arguments
    }


@pytest.mark.parametrize("where", ["before", "after"])
def test_cli_lang_before_or_after_the_command(
    where: str, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["--lang", "en", "audit"] if where == "before" else ["audit", "--lang", "en"]
    assert 1 == main(argv)
    out = capsys.readouterr().out
    assert out.rstrip().endswith("9 errors, 2 warnings, 14 notes")
    assert "published 114,48% but the inputs give 114,58" in out
    assert 1 == main(["audit"])
    assert capsys.readouterr().out.rstrip().endswith("9 kesalahan, 2 peringatan, 14 catatan")


def test_cli_reads_lakip_lang_and_refuses_an_unknown_one(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("LAKIP_LANG", "en")
    assert 1 == main(["audit", "--format", "json"])
    data = json.loads(capsys.readouterr().out)
    assert "en" == data["lang"]
    assert data["findings"][0]["location"]["words"].endswith("; line 1506")
    assert 1 == main(["audit", "--format", "json", "--lang", "id"])  # the option wins
    assert "id" == json.loads(capsys.readouterr().out)["lang"]
    monkeypatch.setenv("LAKIP_LANG", "klingon")
    with pytest.raises(SystemExit) as caught:
        main(["audit"])
    assert 2 == caught.value.code
    assert "LAKIP_LANG: unknown language 'klingon'" in capsys.readouterr().err
    # The block the CLI opened is closed again: the process keeps its own language.
    monkeypatch.delenv("LAKIP_LANG")
    assert "id" == language()


def test_an_error_speaks_the_default_language_and_english_on_request() -> None:
    """Errors are messages too: Indonesian by default, English on request, the key stable."""
    with pytest.raises(lakipcore.LakipError) as caught:
        lakipcore.parse_figure("7.1")
    error = caught.value
    english, indonesian = error.message_in("en"), error.message_in("id")
    assert english != indonesian
    assert error.message == indonesian  # no LAKIP_LANG: the default
    assert error.message_id == error.text.msgid  # type: ignore[union-attr]
    assert "7.1" in english
    assert "7.1" in indonesian
    data = error.to_dict()
    assert (indonesian, error.message_id) == (data["message"], data["message_id"])
    with speaking("en"):
        assert str(error).endswith(english)


def test_a_file_with_several_bad_fields_lists_them_in_the_language_shown() -> None:
    """The one error of a file with several bad fields lists each of them, each rendered in
    the language the error is shown in (not the one it was raised in)."""
    text = 'schema = 2\n[report]\ntitle = "x"\nbogus = 1\n[office]\ncode = "A B"\nname = "x"\n'
    with pytest.raises(lakipcore.ReportFileError) as caught:
        lakipcore.loads_report(text, source="dua.toml")
    error = caught.value
    assert 2 <= len(error.errors)
    english, indonesian = error.describe("en"), error.describe("id")
    assert english.startswith(f"dua.toml:4: report.bogus: {len(error.errors)} errors:\n  dua.toml")
    assert f"{len(error.errors)} kesalahan:\n  dua.toml" in indonesian
    for each in error.errors:
        assert each.describe("en") in english
        assert each.describe("id") in indonesian


def test_cli_errors_are_indonesian_by_default(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "rusak.toml"
    path.write_text('schema = 2\n[report]\ntitle = "x"\nbogus = 1\n', encoding="utf-8")
    assert 2 == main(["audit", str(path)])
    indonesian = capsys.readouterr().err
    assert 2 == main(["audit", str(path), "--lang", "en"])
    english = capsys.readouterr().err
    assert english != indonesian
    assert "unknown" in english.lower() or "unexpected" in english.lower()


def test_the_score_tables_speak_the_language_asked() -> None:
    assessment = lakipcore.assess(load_example())
    english = lakipcore.render.render_score_text(assessment, lang="en")
    indonesian = lakipcore.render.render_score_text(assessment, lang="id")
    assert "NO  WORK UNIT" in english
    assert "PERFORMANCE INDICATOR REALISATION Sekjen - Divisi Administrasi" in english
    assert english.rstrip().endswith("Rounding: half-up, 2 decimal places, only when shown.")
    assert "NO  UNIT KERJA" in indonesian
    assert "REALISASI INDIKATOR KINERJA Sekjen - Divisi Administrasi" in indonesian
    assert indonesian.rstrip().endswith("Pembulatan: half-up, 2 desimal, hanya saat ditampilkan.")
    # The figures are the report's either way.
    assert english.count("133,51%") == indonesian.count("133,51%") > 0
    assert indonesian == lakipcore.render.render_score_text(assessment)  # the default


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (["--help"], ("penggunaan: lakip", "opsi:", "tampilkan")),
        (["--lang", "en", "--help"], ("usage: lakip", "options:", "show this help message")),
        (["audit", "--help"], ("penggunaan: lakip audit",)),
        (["audit", "--lang", "en", "--help"], ("usage: lakip audit", "output format")),
    ],
)
def test_the_command_lines_help_speaks_the_language_asked(
    argv: list[str], words: tuple[str, ...], capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as caught:
        main(argv)
    assert 0 == caught.value.code
    out = capsys.readouterr().out
    for word in words:
        assert word in out


def test_the_check_finds_messages_babel_would_skip(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Literals in a pair of parentheses of their own, or an f-string, are skipped by Babel in
    silence: the check names them (a name holding an N_-marked message is fine)."""
    pytest.importorskip("babel")
    import messages  # tools/messages.py

    package = tmp_path / "lakipcore"
    package.mkdir()
    (package / "bad.py").write_text(
        "from lakipcore.i18n import M_, N_, T_\n"
        'A = M_(("parenthesised " "message"))\n'
        'B = T_(f"an f-string {A}")\n'
        'WORD = N_("a word")\n'
        "C = M_(WORD)\n"
        'D = M_("fine {x}", x=1)\n'
        'E = M_("a {placeholder} not given", other=1)\n',
        encoding="utf-8",
    )
    monkeypatch.setattr(messages, "PACKAGE", package)
    found = messages.unextractable()
    assert [line.split(":")[1] for line in found] == ["2", "3", "7"]
    assert "gives ['other'] for the placeholders ['placeholder']" in found[-1]


def test_an_error_shown_under_an_unknown_language_is_english(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A LAKIP_LANG lakipcore does not speak is refused where a language is chosen, but an
    error being shown falls back to English rather than raise while it is printed."""
    with pytest.raises(lakipcore.LakipError) as caught:
        lakipcore.parse_figure("sepuluh")
    monkeypatch.setenv("LAKIP_LANG", "fr")
    assert str(caught.value).startswith("'sepuluh' is not a figure")
