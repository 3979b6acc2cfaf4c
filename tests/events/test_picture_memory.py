"""A photo's ``<picture>`` is drawn once and remembered (config/templating.py): what is
remembered is what the drawing gives, and a changed photo is drawn anew."""

from django.template import engines

from events.models import MediaItem


def macros():
    return engines["jinja2"].env.get_template("events/includes/macros.html").module


def photo(**changes):
    fields = {
        "image": "media/photos/abc.jpg",
        "width": 1600,
        "height": 900,
        "alt_text": "Signing ceremony",
        "renditions": [
            {
                "width": 480,
                "height": 270,
                "webp": "media/r/abc-480.webp",
                "fallback": "media/r/abc-480.jpg",
            },
            {
                "width": 960,
                "height": 540,
                "webp": "media/r/abc-960.webp",
                "fallback": "media/r/abc-960.jpg",
            },
        ],
    }
    return MediaItem(**{**fields, **changes})


def test_a_remembered_picture_is_the_one_drawn():
    for lazy in (True, False):
        for sizes in ("100vw", "(min-width: 40rem) 45vw, 100vw"):
            shown = photo()
            first = str(macros().picture(shown, sizes=sizes, lazy=lazy))
            assert first == str(macros().draw_picture(shown, sizes=sizes, lazy=lazy))
            assert str(macros().picture(photo(), sizes=sizes, lazy=lazy)) == first


def test_a_changed_photo_is_drawn_anew():
    assert 'alt="Signing ceremony"' in macros().picture(photo())
    assert 'alt="Two &lt;mayors&gt;"' in macros().picture(photo(alt_text="Two <mayors>"))
    assert 'alt=""' in macros().picture(photo(is_decorative=True))
    renditions = [
        {
            "width": 320,
            "height": 180,
            "webp": "media/r/new-320.webp",
            "fallback": "media/r/new-320.jpg",
        }
    ]
    redrawn = str(macros().picture(photo(renditions=renditions)))
    assert "new-320.webp 320w" in redrawn and "abc-480" not in redrawn
    assert "abc-480.webp 480w" in macros().picture(photo())


def test_a_remembered_picture_keeps_the_lang_mark_of_the_page_it_is_drawn_on():
    # The alternative text is written in English only: Chinese pages fall back to it
    # and mark it lang="en"; the English page does not. Whichever page draws it first,
    # the other gets its own mark.
    from django.utils import translation

    english_only = photo(alt_text_en="Signing ceremony", alt_text_zh_hans="", alt_text_zh_hant="")
    drawn = {}
    for language in ("en", "zh-hans", "en", "zh-hant"):
        with translation.override(language):
            drawn.setdefault(language, set()).add(str(macros().picture(english_only)))
    assert {language: len(pictures) for language, pictures in drawn.items()} == {
        "en": 1,
        "zh-hans": 1,
        "zh-hant": 1,
    }
    assert 'alt="Signing ceremony" lang="en"' not in drawn["en"].pop()
    assert 'alt="Signing ceremony" lang="en"' in drawn["zh-hans"].pop()
    assert 'alt="Signing ceremony" lang="en"' in drawn["zh-hant"].pop()
