"""A save that races a publish: the record changes between the moment the admin reads it
(and checks the editor's rights on it) and the moment the save takes the row lock. The
save must be refused, even from a crafted request that leaves the version out; else it
writes the old row back and unpublishes what the publisher just published.

PostgreSQL only: there readers do not wait for writers, so the race exists. On SQLite
every admin request takes the write lock when its transaction begins, and the whole
request runs after the publish (tests/test_concurrent_saves.py covers both).
"""

import threading
import time

import pytest
from django.contrib.auth.models import Permission, User
from django.db import connection, transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from events.models import Conference
from tests.admin_forms import CONFERENCE_INLINES, conference_form, empty_inlines
from tests.factories import ConferenceFactory

pytestmark = [pytest.mark.postgres_only, pytest.mark.django_db(transaction=True)]


def waiting_for_a_lock() -> bool:
    with connection.cursor() as cursor:
        # pg_locks is read afresh each time (pg_stat_activity is a snapshot per transaction).
        cursor.execute("SELECT count(*) FROM pg_locks WHERE NOT granted")
        return cursor.fetchone()[0] > 0


def test_a_save_that_races_a_publish_is_refused_and_unpublishes_nothing():
    conference = ConferenceFactory(title="Raced conference", publication_status="draft")
    # An Editor's rights, given directly: a test that commits for real empties the tables
    # when it ends, the roles that a migration made among them.
    editor = User.objects.create_user("editor", password="x", is_staff=True)
    editor.user_permissions.add(
        *Permission.objects.filter(
            content_type__app_label="events", codename__in=["view_conference", "change_conference"]
        )
    )
    url = reverse("admin:events_conference_change", args=[conference.pk])
    # A crafted request: no edit_version at all.
    post = {
        **conference_form(title="Raced conference", slug=conference.slug, theme="Editor's"),
        **empty_inlines(*CONFERENCE_INLINES),
    }
    answers = []

    def editor_saves():
        client = Client()
        client.force_login(editor)
        try:
            answers.append(client.post(url, post))
        finally:
            connection.close()

    with transaction.atomic():
        # The publisher holds the row: the editor's request reads the draft (readers do not
        # wait) and is allowed to change it, then waits for the lock.
        Conference.objects.select_for_update().get(pk=conference.pk)
        thread = threading.Thread(target=editor_saves)
        thread.start()
        deadline = time.monotonic() + 20
        while not waiting_for_a_lock():
            assert time.monotonic() < deadline, "the editor's save never reached the lock"
            time.sleep(0.05)
        Conference.objects.filter(pk=conference.pk).update(
            publication_status="published", published_at=timezone.now(), updated=timezone.now()
        )
    thread.join(30)

    (answer,) = answers
    assert answer.status_code == 200
    assert "Someone else saved this conference at" in answer.content.decode()
    conference.refresh_from_db()
    assert conference.publication_status == "published"
    assert conference.theme != "Editor's"
