"""Permission names in the staff member's language for one who may only view groups
(config/admin.py: the read-only field is drawn from the same names as the picker)."""

import pytest
from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from tests.pages import page_text

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("code", "expected"), [("zh-hans", "可以添加会议"), ("zh-hant", "可以新增會議")]
)
def test_a_view_only_staff_member_reads_the_groups_permissions_in_their_language(
    client, django_user_model, code, expected
):
    group = Group.objects.create(name="Editors")
    group.permissions.add(Permission.objects.get(codename="add_conference"))
    viewer = django_user_model.objects.create_user("viewer", "v@example.org", "pw", is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_group"))
    client.force_login(viewer)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = code

    response = client.get(reverse("admin:auth_group_change", args=[group.pk]))

    assert response.status_code == 200
    text = page_text(response)
    assert "Can add conference" not in text
    assert expected in text
