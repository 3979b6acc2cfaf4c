"""Scoring a reading against expected facts, and the corpus at the bar `make test` sets."""

import io
import json
import shutil
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from partnerships.intake.facts import Fact
from partnerships.intake.scoring import (
    KIND_MINIMUM,
    OVERALL_MINIMUM,
    normalized,
    same,
    score,
    score_corpus,
)

CORPUS = Path(__file__).parents[1] / "intake_corpus"


def test_normalization_ignores_case_spacing_quotes_punctuation_and_zeros():
    assert normalized(" The  “First Stop”, Ltd. ") == "the first stop ltd"
    assert normalized("38800000000.00") == normalized("38800000000") == "38800000000"
    assert normalized(True) == "true" and normalized(None) == ""


def test_long_texts_match_closely_short_ones_exactly():
    remark = "Hong Kong has been booming in green finance in recent years and believes that more"

    assert same(remark, remark.replace("booming", "blooming"))
    assert not same(remark, "Macao has been booming in green finance in recent years.")
    assert not same("Chen Zhichang", "Chen Zhichan")


def test_per_kind_true_and_false_positives_and_negatives():
    expected = [
        Fact("person", {"name": "Chen Zhichang"}),
        Fact("person", {"name": "Patrick Lau"}),
        Fact("city", {"text": "Hong Kong"}),
    ]
    read = [
        Fact("person", {"name": "chen  zhichang"}),
        Fact("person", {"name": "chen zhichang"}),  # read twice: once wrong
        Fact("city", {"text": "Macao"}),
    ]

    result = score(read, expected)

    person, city = result.kinds["person"], result.kinds["city"]
    assert (person.true_positives, person.false_positives, person.false_negatives) == (1, 1, 1)
    assert (person.precision, person.recall) == (0.5, 0.5)
    assert (city.precision, city.recall) == (0.0, 0.0)
    assert (result.overall.precision, result.overall.recall) == (1 / 3, 1 / 3)
    assert result.failures()[0] == f"overall precision 0.333 < {OVERALL_MINIMUM}"


def test_a_date_that_restates_the_site_s_default_is_no_fact_on_either_side():
    """A one-day conference saved with its end date on its start date, or without one,
    is the same conference; so is a session dated on the first day, or undated."""
    start = Fact("start_date", {"date": "2026-06-03"})
    session = {"title": "Signing ceremony", "kind": "ceremony", "start_time": "11:30"}
    expected = [
        start,
        Fact("end_date", {"date": "2026-06-03"}),
        Fact("session", {**session, "date": "2026-06-03"}),
    ]
    read = [start, Fact("session", {**session, "date": ""})]

    result = score(read, expected)

    assert result.overall.true_positives == 2
    assert (result.overall.false_positives, result.overall.false_negatives) == (0, 0)
    # a session on another day, or a real end date, still counts
    later = [start, Fact("end_date", {"date": "2026-06-04"}),
             Fact("session", {**session, "date": "2026-06-04"})]  # fmt: skip
    assert score(read, later).overall.false_negatives == 2


def test_nothing_expected_and_nothing_read_is_perfect():
    result = score([], [])

    assert (result.overall.precision, result.overall.recall) == (1.0, 1.0)
    assert result.failures() == []


def test_the_corpus_clears_the_bar():
    total, each = score_corpus(CORPUS)

    assert len(each) >= 13
    assert total.overall.precision >= OVERALL_MINIMUM
    assert total.overall.recall >= OVERALL_MINIMUM
    for kind, tally in total.kinds.items():
        assert tally.precision >= KIND_MINIMUM, kind
        assert tally.recall >= KIND_MINIMUM, kind
    assert total.failures() == []


def test_every_expected_fact_is_of_a_known_kind_with_its_keys():
    from partnerships.intake.facts import KINDS

    for path in sorted(CORPUS.glob("*.json")):
        for item in json.loads(path.read_text(encoding="utf-8")):
            assert set(item["value"]) == set(KINDS[item["kind"]]), (path.name, item)


def test_the_command_prints_the_table_and_checks_the_bar():
    out = io.StringIO()

    call_command("intake_score", str(CORPUS), "--check", stdout=out)

    assert "kind" in out.getvalue() and "overall" in out.getvalue()
    assert "At or above the bar" in out.getvalue()


def test_the_command_fails_under_the_bar(tmp_path):
    shutil.copy(CORPUS / "00-nanjing-promotion-hong-kong.txt", tmp_path / "01-seed.txt")
    (tmp_path / "01-seed.json").write_text(
        json.dumps([{"kind": "city", "value": {"text": "Macao"}}]), encoding="utf-8"
    )
    out = io.StringIO()

    with pytest.raises(CommandError, match="Under the bar: overall precision 0.000"):
        call_command("intake_score", str(tmp_path), "--check", "--show", stdout=out)

    assert "missed city {'text': 'Macao'}" in out.getvalue()


def test_the_command_says_what_is_wrong_with_a_folder(tmp_path):
    with pytest.raises(CommandError, match="holds no releases"):
        call_command("intake_score", str(tmp_path), stdout=io.StringIO())
    (tmp_path / "01-x.txt").write_text("HONG KONG", encoding="utf-8")
    with pytest.raises(CommandError, match="01-x.txt has no 01-x.json"):
        call_command("intake_score", str(tmp_path), stdout=io.StringIO())
