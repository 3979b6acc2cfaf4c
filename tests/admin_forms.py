"""Build admin POST data the way the browser sends it: main form plus inline formsets.

A translated field is sent as its English column (``title`` → ``title_en``), as the
admin's form names it; the other languages are left empty unless a test names them."""

from django.apps import apps

from events.languages import DEFAULT, column, text_columns

# The inline formsets' prefixes, and the model of their rows.
INLINE_MODELS = {
    "sessions": "events.Session",
    "participations": "events.Participation",
    "key_figures": "events.KeyFigure",
    "media": "events.MediaItem",
    "positions": "events.Position",
    "documents": "partnerships.AgreementDocument",
}


def in_english(model, fields: dict) -> dict:
    """``fields`` with each translated field of ``model`` named by its English column."""
    if isinstance(model, str):
        model = apps.get_model(model)
    return {
        column(name, DEFAULT) if len(text_columns(model, name)) > 1 else name: value
        for name, value in fields.items()
    }


def management_form(prefix: str, total: int, initial: int = 0) -> dict:
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def inline_rows(prefix: str, rows: list[dict], initial: int = 0) -> dict:
    data = management_form(prefix, len(rows), initial)
    model = INLINE_MODELS.get(prefix)
    for index, row in enumerate(rows):
        if model:
            row = in_english(model, row)
        for field, value in row.items():
            data[f"{prefix}-{index}-{field}"] = value
    return data


def empty_inlines(*prefixes: str) -> dict:
    data = {}
    for prefix in prefixes:
        data.update(management_form(prefix, 0))
    return data


CONFERENCE_INLINES = ("organizers", "sessions", "participations", "key_figures", "media")
AGREEMENT_INLINES = ("parties", "signatories", "documents")


def conference_form(**fields) -> dict:
    data = {
        "title": "",
        "slug": "",
        "theme": "",
        "summary": "",
        "body": "",
        "start_date": "2023-02-08",
        "start_time": "",
        "end_date": "",
        "end_time": "",
        "time_zone": "Asia/Hong_Kong",
        "venue": "",
        "city": "Hong Kong",
        "country": "China",
        "source_publisher": "",
        "source_dateline": "",
        "source_date": "",
        "source_url": "",
        "publication_status": "draft",
    }
    data.update(fields)
    return in_english("events.Conference", data)


def agreement_form(**fields) -> dict:
    data = {
        "title": "",
        "slug": "",
        "kind": "strategic_cooperation",
        "summary": "",
        "signed_on": "2023-02-08",
        "place": "Hong Kong",
        "conference": "",
        "status": "signed",
        "value_amount": "",
        "value_currency": "",
        "publication_status": "draft",
    }
    data.update(fields)
    return in_english("partnerships.Agreement", data)


def rendered_form_data(response) -> dict:
    """What a browser would send back for an admin form as rendered, inlines included."""
    data = {}

    def put(form, name):
        field = form.fields[name]
        value = form[name].value()
        key = form.add_prefix(name)
        if hasattr(field, "fields") and isinstance(value, list | tuple):  # split date/time
            for index, part in enumerate(value):
                data[f"{key}_{index}"] = "" if part is None else str(part)
        elif isinstance(value, bool):
            if value:
                data[key] = "on"
        elif isinstance(value, list | tuple):
            data[key] = [str(item) for item in value]
        elif value is not None:
            data[key] = str(value)

    form = response.context["adminform"].form
    for name in form.fields:
        put(form, name)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        management = formset.management_form
        for name in management.fields:
            data[management.add_prefix(name)] = str(management[name].value())
        for inline_form in formset.forms:
            for name in inline_form.fields:
                put(inline_form, name)
    return data
