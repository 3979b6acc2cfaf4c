"""The blind intake corpus (tests/intake_corpus_blind/) is well formed: every release has
its facts, and every fact has a known kind and exactly the keys the contract lists.

The reader is not run here: the corpus measures generalisation and must not become a
bar the rules are tuned against (see its README)."""

import json
from pathlib import Path

import pytest

from partnerships.intake.facts import KINDS
from partnerships.intake.scoring import facts_of_json

CORPUS = Path(__file__).parent / "intake_corpus_blind"
RELEASES = sorted(CORPUS.glob("*.txt"))


def test_the_corpus_holds_eight_releases_each_with_its_facts():
    assert len(RELEASES) == 8
    assert sorted(path.stem for path in CORPUS.glob("*.json")) == [path.stem for path in RELEASES]


@pytest.mark.parametrize("release", RELEASES, ids=lambda path: path.stem)
def test_every_fact_has_a_known_kind_and_the_contract_keys(release):
    data = json.loads(release.with_suffix(".json").read_text(encoding="utf-8"))
    facts = facts_of_json(data)
    assert facts
    for fact in facts:
        assert fact.kind in KINDS
        assert set(fact.value) == set(KINDS[fact.kind]), (fact.kind, fact.value)


@pytest.mark.parametrize("release", RELEASES, ids=lambda path: path.stem)
def test_facts_refer_to_people_and_agreements_the_release_names(release):
    facts = facts_of_json(json.loads(release.with_suffix(".json").read_text(encoding="utf-8")))
    people = {fact.value["name"] for fact in facts if fact.kind == "person"}
    refs = {fact.value["ref"] for fact in facts if fact.kind == "agreement"}
    for fact in facts:
        if "person" in fact.value:
            assert fact.value["person"] in people, fact
        if fact.kind in ("party", "signatory"):
            assert fact.value["agreement"] in refs, fact


@pytest.mark.parametrize("release", RELEASES, ids=lambda path: path.stem)
def test_a_participation_says_remote_or_not_as_a_boolean(release):
    """As the reader writes it (``facts.py``); "" would never match its ``false``."""
    data = json.loads(release.with_suffix(".json").read_text(encoding="utf-8"))
    for fact in facts_of_json(data):
        if fact.kind == "participation":
            assert isinstance(fact.value["remote"], bool), fact
