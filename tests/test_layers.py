"""The layers hold: config above partnerships above events, and nothing reaches up.

import-linter (``make lint``, ``[tool.importlinter]`` in pyproject.toml) checks the
imports; these tests check what an import checker cannot see: a lower app naming an
upper one in a string (``apps.get_model("partnerships", …)``, ``"partnerships.Party"``,
a ``partnerships:`` URL name, a ``partnerships/`` template) or including a template
that only an upper app provides. Migrations are history and are left as they are.
"""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# Lowest first: each app may name itself and the apps before it, never those after it.
LAYERS = ["events", "partnerships", "config"]

# A string or template naming an upper app's models, URLs or templates.
UPPER_APP_PATTERNS = {
    "partnerships": [
        r"""get_model\(\s*["']partnerships["']""",
        r"""get_app_config\(\s*["']partnerships["']""",
        r"""["']partnerships\.""",
        r"""["']partnerships:""",
        r"""["']partnerships/""",
        r"""(?:from|import)\s+partnerships\b""",
    ],
    "config": [
        r"""(?:from|import)\s+config\b""",
        r"""["']config[.:/"']""",
        r"""get_model\(\s*["']config["']""",
        r"""get_app_config\(\s*["']config["']""",
    ],
}

# A template named in a template tag or in Python ("includes/figure.html").
TEMPLATE_NAME = re.compile(r"""["']([\w./-]+\.html)["']""")


def app_files(app: str) -> list[Path]:
    folder = ROOT / app
    return sorted(
        path
        for path in folder.rglob("*")
        if path.suffix in {".py", ".html", ".txt", ".xml"}
        and "migrations" not in path.relative_to(folder).parts
        and "__pycache__" not in path.parts
    )


def upper_app_references(app: str) -> list[str]:
    upper = LAYERS[LAYERS.index(app) + 1 :]
    found = []
    for path in app_files(app):
        text = path.read_text(encoding="utf-8")
        for number, line in enumerate(text.splitlines(), start=1):
            for name in upper:
                for pattern in UPPER_APP_PATTERNS[name]:
                    if re.search(pattern, line):
                        found.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    return found


def templates_from_above(app: str) -> list[str]:
    """Templates that only an upper app provides, named in this app's templates or code.
    The site frame's ``base.html`` is the exception: every project provides one, and
    each app's pages extend it."""
    upper_folders = [
        ROOT / name / folder
        for name in LAYERS[LAYERS.index(app) + 1 :]
        for folder in ("templates", "jinja2")  # Django's engine (admin), Jinja2 (public)
    ]
    found = []
    for path in app_files(app):
        for name in TEMPLATE_NAME.findall(path.read_text(encoding="utf-8")):
            if name != "base.html" and any((folder / name).exists() for folder in upper_folders):
                found.append(f"{path.relative_to(ROOT)}: {name}")
    return found


@pytest.mark.parametrize("app", ["events", "partnerships"])
def test_lower_app_names_no_upper_app(app):
    assert upper_app_references(app) == []


@pytest.mark.parametrize("app", ["events", "partnerships"])
def test_lower_app_templates_use_only_their_own_and_lower_templates(app):
    assert templates_from_above(app) == []


def test_events_walks_no_relation_up_to_find_a_model():
    """``Model._meta.get_field("agreements").related_model`` reaches partnerships by the
    back door; events' views and templates tags have no reason to walk relations."""
    walks = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in app_files("events")
        if path.suffix == ".py" and "admin" not in (path.stem, path.parent.name)
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if "related_model" in line or "related_objects" in line
    ]
    assert walks == []


def test_the_checks_find_a_reference_up():
    """The patterns catch each kind of reference they are meant to (so that a passing
    run above means something)."""
    lines = [
        'Party = apps.get_model("partnerships", "Party")',
        'apps.get_model("partnerships.Party")',
        "{% url 'partnerships:list' %}",
        '{% include "partnerships/includes/agreement_card.html" %}',
        "from partnerships.models import Agreement",
    ]
    for line in lines:
        assert any(re.search(p, line) for p in UPPER_APP_PATTERNS["partnerships"]), line
    for line in ["from config.pagecache import remember", "from config import pagecache"]:
        assert any(re.search(p, line) for p in UPPER_APP_PATTERNS["config"]), line
    for line in ["from django.conf import settings", "settings.PAGE_CACHE_ALIAS"]:
        assert not any(re.search(p, line) for p in UPPER_APP_PATTERNS["config"]), line
    assert TEMPLATE_NAME.findall('{% include "includes/agreement_card.html" %}') == [
        "includes/agreement_card.html"
    ]
    assert TEMPLATE_NAME.findall('@register.inclusion_tag("events/includes/picture.html")') == [
        "events/includes/picture.html"
    ]


def upper_accessors() -> list[str]:
    """The names that partnerships' relations add to events' models (``agreements`` on a
    conference, ``signatures`` on a person): following them reaches up."""
    from django.apps import apps

    return sorted(
        {
            relation.get_accessor_name()
            for model in apps.get_app_config("events").get_models()
            for relation in model._meta.related_objects
            if relation.related_model._meta.app_label != "events"
        }
    )


def test_events_follows_no_relation_that_partnerships_adds():
    names = upper_accessors()
    assert "agreements" in names and "signatures" in names  # the check has something to find
    pattern = re.compile(
        r"""\.(?:{names})\b|["'](?:{names})(?:__\w+)?["']""".format(names="|".join(names))
    )
    found = [
        f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
        for path in app_files("events")
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if pattern.search(line)
    ]
    assert found == []
