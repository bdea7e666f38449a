"""An evaluation shows itself in a notebook: the components, the total and the predikat, always
as a simulation."""

from __future__ import annotations

from lakipcore import lke
from lakipcore.lke import notebook


def test_a_notebook_shows_the_components_and_the_simulated_predikat() -> None:
    evaluation = lke.evaluate(lke.example_worksheet())
    page = evaluation._repr_html_()
    assert "Perencanaan Kinerja" in page
    assert "24,24" in page
    assert "74,73" in page
    assert "BB" in page
    english = notebook.markdown(evaluation, lang="en")
    assert "Total 74,73, predikat BB" in english
    assert "Proposed score (simulation)" in english
    assert "| 1 | Perencanaan Kinerja | 24,24 | 30 |" in english


def test_a_printed_only_worksheet_says_why_it_is_not_scored() -> None:
    evaluation = lke.evaluate(lke.example_worksheet("grobogan-2024.toml"))
    text = notebook.markdown(evaluation, lang="en")
    assert "Not scored: No layer has answers" in text
    assert "|" not in text


def test_a_notebook_escapes_the_unit_name() -> None:
    import attrs

    worksheet = attrs.evolve(lke.example_worksheet(), name="<script>x</script>")
    page = lke.evaluate(worksheet)._repr_html_()
    assert "<script>" not in page
    assert "&lt;script&gt;" in page
