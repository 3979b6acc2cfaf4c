"""Editors saving one record at the same moment, from the same version, through the
production server (several worker processes, a real database): exactly one save wins,
every other editor is told someone else saved and keeps their input, and nothing
answers 500. Runs on SQLite in the SQLite pass and on PostgreSQL in the PostgreSQL pass.
"""

import threading
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.production import (
    ProductionServer,
    StaffBrowser,
    collect_static,
    form_value,
    fresh_database,
    require_server_tools,
)

EDITORS = 8


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    require_server_tools()
    folder = tmp_path_factory.mktemp("concurrent-saves")
    static_root = collect_static(tmp_path_factory.getbasetemp())
    for database_url in fresh_database(folder, "concurrent_saves"):
        running = ProductionServer(folder, database_url, static_root, workers=4)
        running.prepare(demo=False).start()
        yield running
        running.stop()


def person_form(page: str, name_alt: str) -> dict:
    return {
        "csrfmiddlewaretoken": form_value(page, "csrfmiddlewaretoken"),
        "name_en": "Chen Zhichang",
        "slug": "chen-zhichang",
        "name_alt": name_alt,
        "bio_en": "",
        "positions-TOTAL_FORMS": "0",
        "positions-INITIAL_FORMS": "0",
        "edit_version": form_value(page, "edit_version"),
    }


def test_of_many_saves_from_one_version_exactly_one_wins(server):
    first = StaffBrowser(server).sign_in()
    status, _page = first.request(
        "/admin/events/person/add/",
        {
            "csrfmiddlewaretoken": form_value(
                first.request("/admin/events/person/add/")[1], "csrfmiddlewaretoken"
            ),
            "name_en": "Chen Zhichang",
            "slug": "chen-zhichang",
            "name_alt": "",
            "bio_en": "",
            "positions-TOTAL_FORMS": "0",
            "positions-INITIAL_FORMS": "0",
        },
    )
    assert status == 302
    change_url = "/admin/events/person/1/change/"

    editors = [first.another_tab() for _ in range(EDITORS)]
    # Every editor opens the record before anyone saves: all hold the same version.
    forms = [
        person_form(editor.request(change_url)[1], f"version of editor {number}")
        for number, editor in enumerate(editors)
    ]
    assert len({form["edit_version"] for form in forms}) == 1
    start = threading.Barrier(EDITORS)

    def save(number):
        start.wait()
        return editors[number].request(change_url, forms[number])

    with ThreadPoolExecutor(EDITORS) as pool:
        answers = list(pool.map(save, range(EDITORS)))

    outcomes = Counter(status for status, _page in answers)
    assert outcomes == {302: 1, 200: EDITORS - 1}, server.log_text()[-1500:]
    winner = next(number for number, (status, _page) in enumerate(answers) if status == 302)
    for number, (_status, page) in enumerate(answers):
        if number != winner:
            assert "Someone else saved this person at" in page
            assert f'value="version of editor {number}"' in page
    _status, page = first.request(change_url)
    assert f'value="version of editor {winner}"' in page
