from django.utils import translation

from events import languages


def test_every_language_falls_back_through_the_other_two():
    for code in languages.CODES:
        assert languages.FALLBACKS[code][0] == code
        assert sorted(languages.FALLBACKS[code]) == sorted(languages.CODES)


def test_current_maps_regional_chinese_to_its_script():
    for given, expected in [
        ("zh-hk", "zh-hant"),
        ("zh-tw", "zh-hant"),
        ("zh-cn", "zh-hans"),
        ("zh-hans", "zh-hans"),
        ("en-gb", "en"),
    ]:
        with translation.override(given):
            assert languages.current() == expected


def test_column_names_follow_modeltranslation():
    assert languages.column("title", "zh-hans") == "title_zh_hans"
    assert languages.column("name", "en") == "name_en"
