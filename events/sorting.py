"""Names in the order each language's reader expects: English by the English name (the
``name`` column, as before), simplified and traditional Chinese by pinyin, the order of
Chinese dictionaries and directories (安 an < 北 bei < 陈 chen < 张 zhang), not by the
characters' code points (which would put 张 U+5F20 before 陈 U+9648).

A person or an organization keeps its pinyin key in ``sort_pinyin`` (indexed: a list's
first page is read from the index, as the English order is from ``name``), made on
every save and on writes in bulk (``events.services.prepare``) from its Chinese name:
``name_key``, the one function that picks it. The key is the syllables with their
tones (``chen2 zhi1 chang2``): syllable by syllable, letters then tone, as a dictionary
orders them; a name with no Chinese characters gets its letters (``patrick lau``), so
that it sorts among the others by its first letter. Keys hold only ``a``-``z``, digits
and spaces, so any collation orders them as the code points do.

The public lists and their menus choose the column by the active language
(``name_order``); what is built once per process is built once per language.

What it costs: a list in Chinese reads as fast as in English (first pages of the
people and organization lists, in process, page cache off: 3.1-3.8 ms in each
language on the full bench archive, as before; ``python -m bench.names_and_places``)
and makes the same queries. A save pays for the key: 35 µs for a person's name, 75 µs
for an organization's long Chinese name, 4 µs for a Latin-only name; the first key a
process makes loads pypinyin's dictionaries (about 0.3 s and 55 MB), so only processes
that save people or organizations (the admin, imports) hold them, never one that only
serves pages. Migration 0019 fills the key of 110,000 rows in 23 s (full archive).
"""

import functools
import re
import unicodedata

import opencc
from django.db import models

from . import languages

# The longest key kept (a name of 300 characters gives at most about 2,000).
KEY_LENGTH = 400

HAN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")
WORD = re.compile(r"[^\W_]+")

# Surnames read otherwise than the character alone (曾 is ceng2 in 曾经, zeng1 as a
# name): the first character of a person's Chinese name.
SURNAMES = {
    "曾": "zeng1",
    "单": "shan4",
    "單": "shan4",
    "解": "xie4",
    "区": "ou1",
    "區": "ou1",
    "仇": "qiu2",
    "朴": "piao2",
    "查": "zha1",
    "盖": "ge3",
    "蓋": "ge3",
    "乐": "yue4",
    "樂": "yue4",
    "尉": "yu4",
    "缪": "miao4",
    "繆": "miao4",
    "覃": "qin2",
    "种": "chong2",
    "種": "chong2",
    "召": "shao4",
    "柏": "bai3",
    "秘": "bi4",
}


def letters(text: str) -> str:
    """The words of a text, accents dropped and case folded: ``José Lau`` → ``jose lau``."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    return " ".join(WORD.findall(plain))


@functools.cache
def simplified():
    return opencc.OpenCC("t2s")


def pinyin_key(text: str, person: bool = False) -> str:
    """The pinyin of a Chinese name with tone numbers, its other words as letters:
    ``香港贸发局 HKTDC`` → ``xiang1 gang3 mao4 fa1 ju2 hktdc``. ``person``: its first
    character is read as a surname. Traditional characters are read as their
    simplified words (OpenCC's phrases: 長沙 is 长沙, chang2 sha1, not zhang3 sha1)."""
    from pypinyin import Style, lazy_pinyin  # (its dictionaries load on first use)

    text = simplified().convert(text.strip())
    first = []
    if person and text[:1] in SURNAMES:
        first, text = [SURNAMES[text[0]]], text[1:]
    syllables = lazy_pinyin(text, style=Style.TONE3, neutral_tone_with_five=True)
    return " ".join([*first, *(letters(syllable) for syllable in syllables)]).strip()


def name_key(record) -> str:
    """The pinyin sort key of a person or an organization, from its Chinese name: the
    first of ``name_zh_hans``, ``name_zh_hant`` (the names per language, when the model
    has them), ``name_alt`` (a person's name in another script) and ``name`` that has
    Chinese characters; without one, the letters of the English name."""
    person = hasattr(record, "name_alt")
    for field in ("name_zh_hans", "name_zh_hant", "name_alt", "name"):
        value = getattr(record, field, "") or ""
        if HAN.search(value):
            key = pinyin_key(value, person=person)
            break
    else:
        key = letters(getattr(record, "name_en", "") or record.name or "")
    return " ".join(key.split())[:KEY_LENGTH]


class NameSorted(models.Model):
    """A record listed by name: ``sort_pinyin`` kept on every save."""

    sort_pinyin = models.CharField(
        "pinyin sort key", max_length=KEY_LENGTH, blank=True, default="", editable=False
    )

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.sort_pinyin = name_key(self)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "sort_pinyin"}
        super().save(*args, **kwargs)

    @classmethod
    def refresh_sort_keys(cls, pks=None) -> int:
        """Make the key again for these rows (or all), after a write without ``save()``
        (a restore): returns how many changed."""
        rows = cls._default_manager.all()
        if pks is not None:
            rows = rows.filter(pk__in=list(pks))
        changed = []
        for record in list(rows):
            key = name_key(record)
            if key != record.sort_pinyin:
                record.sort_pinyin = key
                changed.append(record)
        cls._default_manager.bulk_update(changed, ["sort_pinyin"], batch_size=500)
        return len(changed)


def name_order(code: str | None = None) -> tuple[str, str]:
    """The columns a list by name is ordered by in this language (the active one):
    ``sort_pinyin`` in Chinese, ``name`` in English; the key last, so that rows with
    one name keep their place from page to page."""
    code = code or languages.current()
    return ("sort_pinyin", "pk") if languages.is_chinese(code) else ("name", "pk")
