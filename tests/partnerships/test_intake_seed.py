"""The seed release, read by the intake, gives the demo content exactly: every fact the
demo holds, and nothing it does not."""

import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command

from events.models import Conference, KeyFigure, Session
from partnerships.intake.read import read_release
from partnerships.intake.records import facts_of_conference
from partnerships.intake.scoring import facts_of_json, score

pytestmark = pytest.mark.django_db

SEED = Path(__file__).parents[1] / "intake_corpus" / "00-nanjing-promotion-hong-kong.txt"


def test_the_seed_release_reads_as_the_demo_content(demo):
    expected = facts_of_conference(Conference.objects.get())

    result = score(read_release(SEED.read_text(encoding="utf-8")).facts, expected)

    assert [(fact.kind, fact.value) for fact in result.missed] == []
    assert [(fact.kind, fact.value) for fact in result.extra] == []
    assert (result.overall.precision, result.overall.recall) == (1.0, 1.0)
    assert result.overall.true_positives == len(expected) == 40


def test_the_demo_facts_name_what_the_demo_holds(demo):
    facts = facts_of_conference(Conference.objects.get())
    kinds = {fact.kind for fact in facts}

    assert {"title", "agreement", "party", "key_figure", "remark", "caption"} <= kinds
    assert {
        "kind": "agreement",
        "value": {
            "ref": "a1",
            "title": "Strategic cooperation agreement between Nanjing Municipal Government "
            "and China Merchants Group",
            "kind": "strategic_cooperation",
            "value": "",
            "currency": "",
        },
    } in [{"kind": fact.kind, "value": fact.value} for fact in facts]
    assert {"name": "Hong Kong Trade Development Council", "short_name": "HKTDC"} in [
        fact.value for fact in facts if fact.kind == "organization"
    ]


def test_a_site_loaded_with_the_earlier_demo_texts_gets_the_release_words(demo):
    session = Session.objects.get(title="Remarks by Patrick Lau")
    session.title_en, session.title_zh_hans = (
        "Remarks on green finance in Hong Kong",
        "关于香港绿色金融的发言",
    )
    session.title_zh_hant = "劉會平在場的發言"  # edited by staff: kept
    session.save()
    figure = KeyFigure.objects.get(value=33)
    figure.label_en = "Hong Kong-listed companies from Nanjing"
    figure.save()

    call_command("load_demo", stdout=io.StringIO())

    session.refresh_from_db()
    figure.refresh_from_db()
    assert Session.objects.count() == 4
    assert (session.title_en, session.title_zh_hans, session.title_zh_hant) == (
        "Remarks by Patrick Lau",
        "刘会平致辞",
        "劉會平在場的發言",
    )
    assert KeyFigure.objects.count() == 3
    assert figure.label_en == "Hong Kong-listed companies since the reform and opening up"


def test_the_corpus_expects_of_the_seed_what_the_demo_holds(demo):
    written = json.loads(SEED.with_suffix(".json").read_text(encoding="utf-8"))

    result = score(facts_of_json(written), facts_of_conference(Conference.objects.get()))

    assert (result.missed, result.extra) == ([], [])
