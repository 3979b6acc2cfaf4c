"""Slugs that are never empty and never collide, whatever the script of the title."""

from django.utils.text import slugify


def unique_slug(instance, text: str, *, field_name: str = "slug") -> str:
    """A slug for ``instance`` built from ``text``, unique among its model's rows.

    Chinese titles keep their characters (``南京推介会``), so a Chinese-only title
    gets a real, readable slug. Text with nothing sluggable falls back to the
    model's name; collisions (and the words a model reserves for its own URLs, such
    as ``feed``) get ``-2``, ``-3``, ... appended.
    """
    model = type(instance)
    max_length = model._meta.get_field(field_name).max_length
    base = slugify(text, allow_unicode=True)[:max_length].strip("-_") or model._meta.model_name
    others = model._default_manager.all()
    if instance.pk is not None:
        others = others.exclude(pk=instance.pk)
    reserved = getattr(model, "reserved_slugs", frozenset())
    candidate, number = base, 1
    while candidate in reserved or others.filter(**{field_name: candidate}).exists():
        number += 1
        suffix = f"-{number}"
        candidate = base[: max_length - len(suffix)].rstrip("-_") + suffix
    return candidate
