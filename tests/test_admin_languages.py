"""The admin in the staff member's language beyond Django's own catalogs: permission
names in the group and user pages, and the interface text of the site's own admin code."""

import json
import re

import polib
import pytest
from django.conf import settings
from django.contrib import admin
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from django.utils import translation

from config import catalogs
from config.permissions import permission_name
from tests.pages import page_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(client, django_user_model):
    user = django_user_model.objects.create_superuser("editor", "e@example.org", "pw")
    client.force_login(user)
    return client


def in_language(client, code: str):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = code
    return client


def permission_options(response) -> list[str]:
    """The label of each permission offered by the page's permission picker."""
    html = response.content.decode()
    picker = re.search(r'<select name="(?:user_)?permissions".*?</select>', html, re.S)
    return re.findall(r"<option [^>]*>([^<]*)</option>", picker.group(0))


OTHER_PACKAGES = ("Axes |", "Reversion |", "Sessions |")


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("en", ["Can add conference", "Can publish and unpublish conferences"]),
        ("zh-hans", ["可以添加会议", "可以发布和撤下会议", "可以查看协议"]),
        ("zh-hant", ["可以新增會議", "可以發布和撤下會議", "可以檢視協議"]),
    ],
)
def test_the_group_page_names_permissions_in_the_staff_members_language(staff, code, expected):
    group = Group.objects.create(name="Editors")
    group.permissions.add(Permission.objects.get(codename="add_conference"))

    response = in_language(staff, code).get(reverse("admin:auth_group_change", args=[group.pk]))
    options = permission_options(response)

    assert len(options) == Permission.objects.count()
    names = [option.rsplit(" | ", 1)[1] for option in options]
    for name in expected:
        assert name in names
    if code != "en":
        # Only other packages' models that no catalog names in this script (axes,
        # django-reversion, and Django's sessions in traditional Chinese) keep their
        # stored English names, whole: never a Chinese action around an English noun.
        english = [option for option in options if option.rsplit(" | ", 1)[1].startswith("Can ")]
        assert english and [o for o in english if not o.startswith(OTHER_PACKAGES)] == []
        assert not [name for name in names if re.fullmatch(r"可以.*[A-Za-z]{3,}", name)]
    # The one the group holds is shown in the same words.
    text = page_text(response)
    assert expected[0] in text
    # Nothing stored changed.
    assert Permission.objects.get(codename="add_conference").name == "Can add conference"


@pytest.mark.parametrize("code", ["zh-hans", "zh-hant"])
def test_the_user_page_names_permissions_in_the_staff_members_language(staff, code):
    user = staff.get(reverse("admin:index")).wsgi_request.user

    response = in_language(staff, code).get(reverse("admin:auth_user_change", args=[user.pk]))
    options = permission_options(response)

    assert len(options) == Permission.objects.count()
    english = [option for option in options if option.rsplit(" | ", 1)[1].startswith("Can ")]
    assert [option for option in english if not option.startswith(OTHER_PACKAGES)] == []


@pytest.mark.parametrize("code", ["zh-hans", "zh-hant"])
def test_every_permission_of_the_site_has_a_name_in_chinese(code):
    """Each model's default permissions and every name the site declares itself."""
    with translation.override(code):
        untranslated = [
            permission.codename
            for permission in Permission.objects.select_related("content_type")
            if permission.content_type.app_label in (*catalogs.APPS, "auth")
            and re.search(r"\bCan\b", permission_name(permission))
        ]

    assert untranslated == []


def our_english_texts() -> set[str]:
    """The site's own interface texts in English, as the catalogs hold them: those of
    two words or more without placeholders (one word may be content: "Shanghai")."""
    texts = set()
    for app in catalogs.APPS:
        for entry in polib.pofile(str(catalogs.catalog_path(app, "zh_Hans"))):
            text = entry.msgid
            if " " in text.strip() and "%" not in text and "{" not in text and "<" not in text:
                texts.add(text)
    return texts


def admin_pages() -> list[str]:
    """The index, the group page and each changelist and add form of the site's own
    models (Django's users and groups too)."""
    pages = [reverse("admin:index"), reverse("admin:auth_group_add")]
    for model in admin.site._registry:
        opts = model._meta
        if opts.app_label not in (*catalogs.APPS, "auth"):
            continue
        for view in ("changelist", "add"):
            pages.append(reverse(f"admin:{opts.app_label}_{opts.model_name}_{view}"))
    return pages


def shown_text(response) -> str:
    """What a reader sees or hears: the page's text, and its titles and labels."""
    html = response.content.decode()
    attributes = re.findall(r'\b(?:title|aria-label|placeholder|alt)="([^"]*)"', html)
    return " ".join([page_text(response), *attributes])


@pytest.mark.parametrize("code", ["zh-hans", "zh-hant"])
def test_the_admins_pages_show_none_of_the_sites_english_texts(staff, code):
    in_language(staff, code)
    english = our_english_texts()
    pages = admin_pages()
    # Texts the walk found in English before they were marked or translated, and the
    # gaps of Django's simplified Chinese admin catalog.
    found_before = ["Posts held", "Other names", "Places", "Edit version", "Model name",
                    "Change or view list link", "Can add", "Can publish"]  # fmt: skip

    assert len(pages) > 30
    for page in pages:
        response = staff.get(page)
        assert response.status_code == 200, page
        text = shown_text(response)
        if 'name="permissions"' in response.content.decode():
            # Other packages' permissions keep their stored English names (above).
            for option in permission_options(response):
                if option.startswith(OTHER_PACKAGES):
                    text = text.replace(option, "")
        assert [t for t in english if t in text] == [], page
        assert [t for t in found_before if t in text] == [], page


@pytest.mark.parametrize(
    ("code", "expected"),
    [("zh-hans", ["选择全部", "删除全部"]), ("zh-hant", ["選取全部", "移除全部"])],
)
def test_the_two_list_pickers_buttons_are_translated(staff, code, expected):
    """Django's admin scripts (the group's permission picker): its zh_Hans catalog
    lacks "Choose all %s" and "Remove all %s"."""
    script = in_language(staff, code).get(reverse("admin:jsi18n")).content.decode()

    catalog = json.loads(re.search(r"const newcatalog = (\{.*?\});", script, re.S).group(1))

    assert [catalog["Choose all %s"][:4], catalog["Remove all %s"][:4]] == expected
