"""The interface's translation catalogs (config/catalogs.py): every text marked in the code
and templates is in each catalog, translated, not fuzzy, with its placeholders, and
each compiled .mo says what its .po says."""

import re

import polib
import pytest

from config import catalogs

PLACEHOLDER = re.compile(r"%\([a-z_]+\)[sd]|%[sd]|\{\}|\{[a-z_]+\}")
CATALOGS = [(app, locale) for app in catalogs.APPS for locale in catalogs.LOCALES]


def placeholders(text: str) -> list[str]:
    return sorted(PLACEHOLDER.findall(text))


@pytest.fixture(scope="module")
def extracted():
    return {app: catalogs.extract_app(app) for app in catalogs.APPS}


@pytest.mark.parametrize(("app", "locale"), CATALOGS)
def test_every_marked_text_is_in_the_catalog_and_nothing_else(app, locale, extracted):
    catalog = polib.pofile(str(catalogs.catalog_path(app, locale)))
    in_catalog = {(entry.msgctxt, entry.msgid) for entry in catalog if not entry.obsolete}

    missing = set(extracted[app]) - in_catalog
    stale = in_catalog - set(extracted[app])

    assert not missing, f"run `make messages` and translate: {sorted(missing)}"
    assert not stale, f"run `make messages`: no longer marked: {sorted(stale)}"


@pytest.mark.parametrize(("app", "locale"), CATALOGS)
def test_every_text_is_translated_with_its_placeholders(app, locale):
    catalog = polib.pofile(str(catalogs.catalog_path(app, locale)))

    assert catalog.metadata["Language"] == locale
    assert not catalog.untranslated_entries()
    assert not catalog.fuzzy_entries()
    assert not catalog.obsolete_entries()
    for entry in catalog:
        if entry.msgid_plural:
            # Chinese has one plural form; it speaks of the count as the plural does.
            assert list(entry.msgstr_plural) == [0], entry.msgid
            assert placeholders(entry.msgstr_plural[0]) == placeholders(entry.msgid_plural)
        else:
            assert placeholders(entry.msgstr) == placeholders(entry.msgid), entry.msgid
        translated = entry.msgstr or entry.msgstr_plural[0]
        assert translated != entry.msgid or not re.search("[a-z]{3}", translated), entry.msgid
        # Markup in a text (a link) is kept, tag for tag.
        tags = re.compile(r"</?[a-z]+")
        assert tags.findall(translated) == tags.findall(entry.msgid) or (
            "visually-hidden" in entry.msgid
        ), entry.msgid


@pytest.mark.parametrize(("app", "locale"), CATALOGS)
def test_each_compiled_catalog_matches_its_source(app, locale):
    source = polib.pofile(str(catalogs.catalog_path(app, locale)))
    compiled = polib.mofile(str(catalogs.catalog_path(app, locale, "mo")))

    def texts(catalog):
        return {
            (entry.msgctxt, entry.msgid): entry.msgstr or entry.msgstr_plural.get(0)
            for entry in catalog
            if entry.msgid
        }

    assert texts(compiled) == texts(source)


def test_simplified_and_traditional_catalogs_are_written_in_their_own_script():
    """The same text in both catalogs, each in its script: a character used only in
    simplified writing never appears in the traditional catalog, and the reverse."""
    simplified_only, traditional_only = set("会议协机构门时这发网"), set("會議協機構門時這發網")
    for app in catalogs.APPS:
        hans = polib.pofile(str(catalogs.catalog_path(app, "zh_Hans")))
        hant = polib.pofile(str(catalogs.catalog_path(app, "zh_Hant")))
        hans_text = "".join(entry.msgstr or entry.msgstr_plural.get(0, "") for entry in hans)
        hant_text = "".join(entry.msgstr or entry.msgstr_plural.get(0, "") for entry in hant)
        assert not traditional_only & set(hans_text), app
        assert not simplified_only & set(hant_text), app
