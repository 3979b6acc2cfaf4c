"""Migrations carry frozen copies of what they compute: they give today what they gave
when written, whatever the live search code (events/search/) becomes."""

import ast
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.db import connection
from django.db.migrations import RunPython
from django.db.migrations.loader import MigrationLoader

from events.models import Conference, Organization, Person
from events.search import PAIR_MARK
from events.search.text import normalize
from partnerships.models import Agreement
from tests.factories import (
    AgreementFactory,
    ConferenceFactory,
    OrganizationAliasFactory,
    OrganizerFactory,
    ParticipationFactory,
    PartyFactory,
    PositionFactory,
    SignatoryFactory,
    TopicFactory,
)

ROOT = Path(__file__).resolve().parents[2]
MODELS = (Conference, Organization, Person, Agreement)


def run_backfills(app_label: str, name: str) -> None:
    """Run the search_text backfills of one migration on the rows there are now, with
    the models as that migration saw them."""
    loader = MigrationLoader(connection)
    migration = loader.get_migration(app_label, name)
    state = loader.project_state((app_label, name), at_end=True)
    # The backfills read only the editor's connection (a real editor cannot be opened
    # inside the test's transaction on SQLite).
    editor = SimpleNamespace(connection=connection)
    backfills = [
        op
        for op in migration.operations
        if isinstance(op, RunPython) and op.code.__qualname__.startswith("backfill.")
    ]
    assert backfills
    for operation in backfills:
        operation.code(state.apps, editor)


@pytest.fixture
def records(db):
    conference = ConferenceFactory(title="南京都市圈 Promotion Conference", city="Ｈong Kong")
    position = PositionFactory(person__name="Chen Zhichang", title="Mayor of Nanjing 南京市市长")
    OrganizationAliasFactory(organization=position.organization, name="招商局集团")
    AgreementFactory(title="Strategic Cooperation 战略合作", conference=conference)


def texts() -> dict:
    return {model: dict(model.objects.values_list("pk", "search_text")) for model in MODELS}


def blank() -> None:
    for model in MODELS:
        model.objects.update(search_text="")


def test_the_latest_recompute_gives_what_saving_a_record_gives(records):
    """What a fresh migrate of an existing database leaves is what the site would save:
    when the stored format changes, a migration recomputing it must come with it (and
    this test then names that migration)."""
    conference, position = Conference.objects.get(), Person.objects.get().positions.get()
    ParticipationFactory(conference=conference, person=position.person)
    OrganizerFactory(conference=conference, organization=position.organization)
    conference.topics.add(TopicFactory(name="Green Finance 绿色金融", name_zh_hant="綠色金融"))
    # Texts in the other languages (content per language, events' 0018).
    conference.title_zh_hant, conference.city_zh_hans = "南京都市圈推介會", "香港"
    conference.save()
    position.title_zh_hant = "南京市市長"
    position.save()
    position.person.name_zh_hant = "陳之常"
    position.person.save()
    agreement = Agreement.objects.get()
    agreement.summary_zh_hans = "南京与招商局集团签署"
    agreement.save()
    saved = texts()
    assert "mayor of nanjing" in saved[Conference][conference.pk]
    assert any(PAIR_MARK in text for text in saved[Person].values())
    blank()
    run_backfills("events", "0008_search_text_cjk_pairs")
    run_backfills("partnerships", "0006_search_text_cjk_pairs")
    run_backfills("events", "0015_conference_search_holds_participants")
    run_backfills("events", "0019_search_text_every_language")
    run_backfills("partnerships", "0014_search_text_every_language")
    run_backfills("events", "0020_search_text_folds_scripts")
    run_backfills("partnerships", "0015_search_text_folds_scripts")
    assert texts() == saved
    # Held folded to one script (events/search/text.py).
    for text in ("南京都市圈推介會", "綠色金融", "陳之常", "南京市市長"):  # a participant's
        assert normalize(text) in saved[Conference][conference.pk]
    assert "南京与招商局集团签署" in saved[Agreement][agreement.pk]


@pytest.fixture
def traditional(db):
    """Records written in traditional characters (and a Hong Kong variant, 綫), their
    people's and organizations' texts held by a conference and an agreement."""
    conference = ConferenceFactory(title="南京都市圈（香港）投資推介會", city="澳門")
    position = PositionFactory(person__name="韓立明", title="南京市市長 熱綫")
    OrganizationAliasFactory(organization=position.organization, name="招商局集團")
    ParticipationFactory(conference=conference, person=position.person)
    OrganizerFactory(conference=conference, organization=position.organization)
    conference.topics.add(TopicFactory(name="綠色金融"))
    agreement = AgreementFactory(title="戰略合作協議 Strategic Cooperation", conference=conference)
    SignatoryFactory(agreement=agreement, person=position.person)
    PartyFactory(agreement=agreement, organization=position.organization)


def fold_migrations() -> None:
    run_backfills("events", "0020_search_text_folds_scripts")
    run_backfills("partnerships", "0015_search_text_folds_scripts")


def test_folding_the_stored_text_gives_what_saving_gives(traditional):
    """The text stored before the fold (as the last migrations that made it from the
    fields left it), folded where it lies, is what a save stores now: the order of the
    words, the pair tokens, the texts a conference and an agreement hold."""
    saved = texts()
    assert "韩立明" in saved[Conference][Conference.objects.get().pk]
    blank()
    run_backfills("events", "0008_search_text_cjk_pairs")
    run_backfills("partnerships", "0006_search_text_cjk_pairs")
    run_backfills("events", "0015_conference_search_holds_participants")
    run_backfills("partnerships", "0012_agreement_search_holds_parties")
    run_backfills("events", "0019_search_text_every_language")
    run_backfills("partnerships", "0014_search_text_every_language")
    before = texts()
    assert "韓立明" in before[Agreement][Agreement.objects.get().pk]
    assert before != saved
    fold_migrations()
    assert texts() == saved


def test_folding_twice_changes_nothing(traditional):
    """The lead may order this fold after another migration that rebuilds the text:
    running it on a text already folded leaves it as it is."""
    saved = texts()
    fold_migrations()
    assert texts() == saved
    fold_migrations()
    assert texts() == saved


def test_the_first_backfill_still_gives_the_text_without_pairs(records):
    """0006/0005 were written before the pair tokens: they still compute the text as it
    was then, so their result does not follow the live code."""
    saved = texts()
    blank()
    run_backfills("events", "0006_search_text")
    run_backfills("partnerships", "0005_search_text")
    without_pairs = {
        model: {
            pk: " ".join(word for word in text.split() if not word.endswith(PAIR_MARK))
            for pk, text in rows.items()
        }
        for model, rows in saved.items()
    }
    assert texts() == without_pairs
    assert texts() != saved


def test_no_migration_imports_the_live_search_code():
    for path in sorted(ROOT.glob("*/migrations/0*.py")):
        tree = ast.parse(path.read_text(), filename=str(path))
        imported = [
            f"{node.module}.{alias.name}" if isinstance(node, ast.ImportFrom) else alias.name
            for node in ast.walk(tree)
            if isinstance(node, ast.Import | ast.ImportFrom)
            for alias in node.names
        ]
        # (Django's own references to validators and upload paths are fine: they are
        # named in the migration, and kept for as long as a migration names them.)
        assert not [name for name in imported if name and name.startswith("events.search")], path
