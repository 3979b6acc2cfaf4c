"""The blind intake corpora (tests/intake_corpus_blind/ and tests/intake_corpus_blind2/)
are well formed: every release has its facts, and every fact has a known kind and exactly
the keys the contract lists.

The reader is not run here: the corpora measure generalisation and must not become a
bar the rules are tuned against (see their READMEs)."""

import json
from pathlib import Path

import pytest

from partnerships.intake.facts import KINDS
from partnerships.intake.scoring import facts_of_json

# (and the third development set, which follows the same contract)
CORPORA = [
    Path(__file__).parent / name
    for name in ("intake_corpus_blind", "intake_corpus_blind2", "intake_corpus_dev3")
]
RELEASES = [release for corpus in CORPORA for release in sorted(corpus.glob("*.txt"))]


def release_id(path):
    return f"{path.parent.name}/{path.stem}"


@pytest.mark.parametrize("corpus", CORPORA, ids=lambda path: path.name)
def test_the_corpus_holds_eight_releases_each_with_its_facts(corpus):
    releases = sorted(corpus.glob("*.txt"))
    assert len(releases) == 8
    assert sorted(path.stem for path in corpus.glob("*.json")) == [path.stem for path in releases]


@pytest.mark.parametrize("release", RELEASES, ids=release_id)
def test_every_fact_has_a_known_kind_and_the_contract_keys(release):
    data = json.loads(release.with_suffix(".json").read_text(encoding="utf-8"))
    facts = facts_of_json(data)
    assert facts
    for fact in facts:
        assert fact.kind in KINDS
        assert set(fact.value) == set(KINDS[fact.kind]), (fact.kind, fact.value)


@pytest.mark.parametrize("release", RELEASES, ids=release_id)
def test_facts_refer_to_people_and_agreements_the_release_names(release):
    facts = facts_of_json(json.loads(release.with_suffix(".json").read_text(encoding="utf-8")))
    people = {fact.value["name"] for fact in facts if fact.kind == "person"}
    refs = {fact.value["ref"] for fact in facts if fact.kind == "agreement"}
    for fact in facts:
        if "person" in fact.value:
            assert fact.value["person"] in people, fact
        if fact.kind in ("party", "signatory"):
            assert fact.value["agreement"] in refs, fact


@pytest.mark.parametrize("release", RELEASES, ids=release_id)
def test_a_participation_says_remote_or_not_as_a_boolean(release):
    """As the reader writes it (``facts.py``); "" would never match its ``false``."""
    data = json.loads(release.with_suffix(".json").read_text(encoding="utf-8"))
    for fact in facts_of_json(data):
        if fact.kind == "participation":
            assert isinstance(fact.value["remote"], bool), fact
