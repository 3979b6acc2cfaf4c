"""Press releases entered through "New from a press release", and what it costs.

First the release that tests/e2e/test_press_release_entry.py enters by hand, written as a
newswire text (tests/e2e/releases/macao-ocean-economy-forum.txt), on a server of its own
that starts from the same directory: the editor pastes it, corrects on the review page
what the reader got wrong, adds the two photos and their descriptions and saves once;
then completes, each on its record's form, what the review cannot take (the facts the
reader missed, the directory's details of the new entries). The records saved are held
to what the by-hand test saves (its publication aside: intake saves drafts). The counts
and the wall time go to test-results/press_release_intake_counts.json, beside the
by-hand test's press_release_counts.json (README compares them).

Then the seed release, every fact accepted as read (its counts go to
press_release_intake_seed_counts.json), and the review page at phone width. Each step
goes through ``counted_admin.Editor``; the review page is checked with axe (WCAG 2.2 AA).
"""

import json
import re
import subprocess
import sys
import time

import pytest

from tests.e2e import test_press_release_entry as by_hand
from tests.e2e.conftest import ROOT, Server
from tests.e2e.counted_admin import Counts, Editor, counted_tab
from tests.e2e.test_press_release_entry import axe_violations
from tests.images import image_bytes

pytestmark = pytest.mark.e2e

SEED = (ROOT / "tests/intake_corpus/00-nanjing-promotion-hong-kong.txt").read_text(encoding="utf-8")
TITLE = (
    "Nanjing Promotion Conference on High Quality Development & Wider Opening up of "
    "Service Sector (Hong Kong & Macao)"
)
# What it took when this test was written: sign-in (2 fields), the paste, the photo's
# file and its description; one save.
MOST = Counts(main_saves=1, popup_saves=0, page_loads=5, text_fields=4, picks=0, ticks=0,
              files=1, add_another=0)  # fmt: skip


# The by-hand release through intake: the review (sign-in, the paste, 11 corrections, 2
# photos with descriptions, one save), then what the review cannot take, each on its
# record's form: the draft conference (topic, country, end times), its three agreements
# (day, roles, estimate, two missed signatories in popups) and the directory's details of
# six new entries. Since the reader reads the opening ceremony and the keynote by video,
# the ceremony is no longer added by hand; the three signatories' signing parts, which
# the by-hand entry leaves out, are unticked on the review.
SAME_RELEASE_MOST = Counts(main_saves=11, popup_saves=2, page_loads=29, text_fields=40, picks=6,
                           ticks=5, files=2, add_another=5)  # fmt: skip


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """A server of its own, with the directory the by-hand test starts from (the demo
    content), untouched by the other tests' entries."""
    running = Server(tmp_path_factory.mktemp("intake")).prepare().start()
    yield running
    running.stop()


@pytest.fixture(scope="module")
def axe():
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


@pytest.fixture
def editor(browser, server, request):
    with counted_tab(browser, server.url, request, "intake", timeout=30_000) as tab:
        yield tab


def read_a_release(ed: Editor, text: str, scan=lambda: None) -> None:
    """Signed in, from the admin's home: "New from a press release", paste, read.
    ``scan`` checks the empty form before the paste."""
    ed.page.get_by_role("link", name="New from a press release").first.click()
    ed.page.wait_for_url(re.compile(r"/from-press-release/$"))
    ed.counts.page_loads += 1
    scan()
    ed.fill("#id_release", text)
    ed.page.click("input[type=submit][value='Read it']")
    ed.page.wait_for_selector("#photos-heading")
    ed.counts.page_loads += 1


# ---------------------------------------------------------------------------------------
# The by-hand test's release, through intake


RELEASE = (ROOT / "tests/e2e/releases/macao-ocean-economy-forum.txt").read_text(encoding="utf-8")
# The same release entered by hand: the same photos, descriptions and agreement titles.
PHOTO_FILES = [name for name, _, _ in by_hand.PHOTOS]

# What the draft must hold when the editor is done: what the by-hand test enters, less
# its publication (intake saves drafts) and the directory details a release does not
# hand over (kinds, cities and Chinese names of organizations, honorifics, the dates
# posts began), which the review cannot take; see README.
EXPECTED = {
    "conference": {
        "title": by_hand.TITLE,
        "theme": "Blue ports, shared data",
        "summary": "Two days of talks in Macao on port data, marine research and a fund for "
        "ocean technology, ending with three agreements.",
        "dates": ["2026-11-18", "09:30", "2026-11-19", "17:30", "Asia/Macau"],
        "place": ["Cotai Waterfront Convention Hall", "Macao", "China"],
        "topics": ["Industrial cooperation"],
        "source": ["Forum press office", "MACAO", "2026-11-20"],
    },
    "organizers": [
        ["Macao Institute of Marine Industries", "organizer"],
        ["Guangdong Ocean Development Association", "co_organizer"],
        ["Hong Kong Trade Development Council", "co_organizer"],
        ["Hengqin Blue Economy Fund", "supporter"],
    ],
    "sessions": [
        ["Opening ceremony", "ceremony", "2026-11-18", "09:30", "10:00"],
        ["Keynote: ports that share their data", "video_address", "2026-11-18", "10:00", "10:40"],
        ["Panel: financing blue ports", "panel", "2026-11-19", "10:00", "11:30"],
        ["Signing ceremony", "ceremony", "2026-11-19", "16:00", "17:00"],
    ],
    "participants": [
        [
            "Helena Sou",
            "keynote",
            True,
            "Keynote: ports that share their data",
            [
                "President, Macao Institute of Marine Industries",
                "Vice-Chair, Guangdong Ocean Development Association",
            ],
        ],
        [
            "Patrick Lau",
            "speaker",
            False,
            "Panel: financing blue ports",
            ["Deputy Executive Director, Hong Kong Trade Development Council"],
        ],
        [
            "Wong Ka-lok",
            "moderator",
            False,
            "Panel: financing blue ports",
            ["Chair of the Advisory Board, Guangdong Ocean Development Association"],
        ],
    ],  # fmt: skip
    "key_figures": [["more_than", "120", "companies from both sides of the estuary"]],
    "photos": [[caption, alt] for _, caption, alt in by_hand.PHOTOS],
    "agreements": {
        by_hand.AGREEMENTS["platform"]: {
            "kind": "framework",
            "signed": ["2026-11-19", "Macao"],
            "value": [None, "", False],
            "parties": [
                ["Macao Institute of Marine Industries", "party"],
                ["Guangdong Ocean Development Association", "party"],
                ["Hong Kong Trade Development Council", "party"],
            ],
            "signatories": [
                ["Helena Sou", "Macao Institute of Marine Industries", "President"],
                ["Lin Jiahui", "Guangdong Ocean Development Association", None],
                # The post he signed in, which the release gives (not entered by hand).
                ["Patrick Lau", "Hong Kong Trade Development Council", "Deputy Executive Director"],
            ],
        },
        by_hand.AGREEMENTS["berths"]: {
            "kind": "memorandum",
            "signed": ["2026-11-19", "Macao"],
            "value": [None, "", False],
            "parties": [
                ["Macao Institute of Marine Industries", "party"],
                ["Zhuhai Port Group", "party"],
            ],
            "signatories": [["Ho Wai-man", "Zhuhai Port Group", None]],
        },
        by_hand.AGREEMENTS["fund"]: {
            "kind": "letter_of_intent",
            "signed": ["2026-11-19", "Macao"],
            "value": ["300000000", "CNY", True],
            "parties": [
                ["Hengqin Blue Economy Fund", "funder"],
                ["Macao Institute of Marine Industries", "implementer"],
            ],
            "signatories": [["Wong Ka-lok", "Hengqin Blue Economy Fund", None]],
        },
    },
}

ORGANIZATIONS = {
    "Macao Institute of Marine Industries": {
        "short_name": "MIMI", "kind": "other", "place": ["Macao", "China"],
        "aliases": ["澳門海洋產業研究院"],
    },
    "Guangdong Ocean Development Association": {
        "short_name": "GODA", "kind": "association", "place": ["Guangzhou", "China"],
        "aliases": ["广东海洋发展协会"],
    },
    "Hengqin Blue Economy Fund": {
        "short_name": "", "kind": "other", "place": ["Zhuhai", "China"],
        "aliases": ["横琴蓝色经济基金"],
    },
    "Zhuhai Port Group": {
        "short_name": "", "kind": "other", "place": ["Zhuhai", "China"], "aliases": [],
    },
}  # fmt: skip
PEOPLE = {
    "Helena Sou": {
        "honorific": "Dr.", "name_alt": "蘇海倫",
        "posts": [["President", "Macao Institute of Marine Industries", "2021-01-01"],
                  ["Vice-Chair", "Guangdong Ocean Development Association", "2023-06-01"]],
    },
    "Wong Ka-lok": {
        "honorific": "Prof.", "name_alt": "黃家樂",
        "posts": [["Chair of the Advisory Board", "Guangdong Ocean Development Association",
                   None]],
    },
    "Lin Jiahui": {"honorific": "", "name_alt": "林嘉慧", "posts": []},
    "Ho Wai-man": {"honorific": "", "name_alt": "何慧敏", "posts": []},
}  # fmt: skip

# The draft's records as the database holds them (run in the server's environment).
RECORDS = """
import json
from events.models import Conference, Organization, Person
c = Conference.objects.get(title_en=%r)
t = lambda v: v.strftime("%%H:%%M") if v else None
d = lambda v: v.isoformat() if v else None
print(json.dumps({
 "pk": c.pk,
 "status": c.publication_status,
 "conference": {
  "title": c.title_en, "theme": c.theme_en, "summary": c.summary_en,
  "dates": [d(c.start_date), t(c.start_time), d(c.end_date), t(c.end_time), str(c.time_zone)],
  "place": [c.venue_en, c.city_en, c.country_en],
  "topics": sorted(x.name_en for x in c.topics.all()),
  "source": [c.source_publisher, c.source_dateline, d(c.source_date)],
 },
 "organizers": [[o.organization.name_en, o.role] for o in c.organizers.order_by("order")],
 "sessions": sorted([s.title_en, s.kind, d(s.date), t(s.start_time), t(s.end_time)]
                    for s in c.sessions.all()),
 "sessions_by_id": {s.title_en: s.pk for s in c.sessions.all()},
 "participants": sorted([p.person.name_en, p.role, p.remote,
                         p.session.title_en if p.session else None,
                         sorted(str(x) for x in p.positions.all())]
                        for p in c.participations.all()),
 "key_figures": [[k.qualifier, format(k.value.normalize(), "f"), k.label_en]
                 for k in c.key_figures.order_by("order")],
 "photos": [[m.caption_en, m.alt_text_en] for m in c.media.order_by("order")],
 "photos_on_agreements": sum(a.photos.count() for a in c.agreements.all()),
 "agreement_pks": {a.title_en: a.pk for a in c.agreements.all()},
 "agreements": {a.title_en: {
   "kind": a.kind,
   "signed": [d(a.signed_on), a.place_en],
   "value": [format(a.value_amount.normalize(), "f") if a.value_amount is not None else None,
             a.value_currency, a.value_is_estimate],
   "parties": [[p.organization.name_en, p.role] for p in a.parties.order_by("order", "pk")],
   "signatories": [[s.person.name_en, s.party.organization.name_en if s.party else None,
                    s.position.title_en if s.position else None]
                   for s in a.signatories.order_by("order", "pk")],
 } for a in c.agreements.all()},
 "directory": {
  "organizations": {o.name_en: {"pk": o.pk, "short_name": o.short_name_en or "", "kind": o.kind,
                                "place": [o.city_en, o.country_en],
                                "aliases": sorted(x.name for x in o.aliases.all())}
                    for o in Organization.objects.filter(name_en__in=%r)},
  "people": {p.name_en: {"pk": p.pk, "honorific": p.honorific, "name_alt": p.name_alt,
                         "posts": sorted([x.title_en, x.organization.name_en, d(x.start_date)]
                                         for x in p.positions.all())}
             for p in Person.objects.filter(name_en__in=%r)},
 },
}))
"""


@pytest.fixture(scope="module")
def records(server):
    def read() -> dict:
        result = subprocess.run(
            [
                sys.executable,
                "manage.py",
                "shell",
                "-c",
                RECORDS % (by_hand.TITLE, ORGANIZATIONS, PEOPLE),
            ],
            cwd=ROOT,
            env=server.env,
            check=True,
            capture_output=True,
            text=True,
        )
        return json.loads(result.stdout.strip().splitlines()[-1])

    return read


def fact_field(page, legend: str, key: str, person: str | None = None) -> str:
    """The selector of a field of the review's fact whose heading begins ``legend`` (and,
    for a participation, whose person is ``person``)."""
    boxes = page.locator("fieldset.intake-fact").filter(
        has=page.locator(":scope > legend", has_text=legend)
    )
    for index in range(boxes.count()):
        box = boxes.nth(index)
        if person and box.locator("[name$='-person']").input_value() != person:
            continue
        return "#" + box.locator(f"[name$='-{key}']").first.get_attribute("id")
    raise AssertionError(f"no fact “{legend}” ({person or key}) to review")


def participation_accept(page, person: str, role: str) -> str:
    """The selector of the "Accept" box of ``person``'s participation in ``role``."""
    boxes = page.locator("fieldset.intake-fact").filter(
        has=page.locator(":scope > legend", has_text="Participation")
    )
    for index in range(boxes.count()):
        box = boxes.nth(index)
        if (
            box.locator("[name$='-person']").input_value() == person
            and box.locator("[name$='-role']").input_value() == role
        ):
            return "#" + box.locator("[name$='-accept']").get_attribute("id")
    raise AssertionError(f"no participation of {person} as {role} to review")


def review_the_release(ed: Editor, photos) -> None:
    """What the reader got wrong, corrected on the review page (README lists it)."""
    page = ed.page
    # The agenda items' titles as the by-hand entry gives them.
    ed.fill(fact_field(page, "Agenda item: Keynote speech", "title"), by_hand_sessions[1])
    ed.fill(fact_field(page, "Agenda item: Financing blue ports", "title"), by_hand_sessions[2])
    # The three who signed are read as signatories of the signing ceremony too; the
    # by-hand entry records them on the agreements only.
    for person in ("Helena Sou", "Wong Ka-lok", "Patrick Lau"):
        ed.page.uncheck(participation_accept(page, person, "signatory"))
        ed.counts.ticks += 1
    # What the figure counts, in full.
    ed.fill(fact_field(page, "Key figure", "label"), "companies from both sides of the estuary")
    # The agreements' titles: the reader names them after their parties.
    for read_as, key in (
        ("Agreement: Tripartite", "platform"),
        ("Agreement: Memorandum", "berths"),
        ("Agreement: Letter of intent", "fund"),
    ):
        ed.fill(fact_field(page, read_as, "title"), by_hand.AGREEMENTS[key])
    # The two photos and their descriptions; the signing photo is the conference's only,
    # as entered by hand (the review offers it to the agreements too).
    for index, (path, (_, caption, alt)) in enumerate(zip(photos, by_hand.PHOTOS, strict=True)):
        assert page.locator(f"#id_photo-{index}-caption").input_value() == caption
        ed.attach(f"#id_photo-{index}-image", path)
        ed.fill(f"#id_photo-{index}-alt_text", alt)
    if page.locator("#id_photo-1-on_agreements").is_checked():
        page.uncheck("#id_photo-1-on_agreements")
        ed.counts.ticks += 1


def in_order(records):
    """Records compared whatever order their rows were saved in."""
    if isinstance(records, dict):
        return {key: in_order(value) for key, value in records.items()}
    if isinstance(records, list) and records and isinstance(records[0], list):
        return sorted(records, key=repr)
    return records


by_hand_sessions = [title for title, *_ in EXPECTED["sessions"]]


def complete_the_conference(ed: Editor, draft: dict) -> None:
    """What the release does not say or the reader missed, on the draft's own form."""
    ed.goto(f"/admin/events/conference/{draft['pk']}/change/")
    ed.choose_another("id_topics", "Industrial", "Industrial cooperation")
    ed.fill("#id_country_en", "China")
    ends = {title: end for title, _, _, _, end in EXPECTED["sessions"]}
    rows = ed.page.locator("[id^='id_sessions-'][id$='-title_en']")
    for index in range(rows.count()):
        field = rows.nth(index)
        title = field.input_value()
        if "__prefix__" not in field.get_attribute("id") and title in ends:
            row = field.get_attribute("id").removeprefix("id_").removesuffix("-title_en")
            ed.fill(f"#id_{row}-end_time", ends[title])
    ed.save(re.compile(r"/admin/events/conference/(\?.*)?$"))
    assert "was changed successfully" in ed.page.locator(".messagelist").inner_text()


def complete_an_agreement(ed: Editor, pk: int, signatories=(), roles=(), estimate=False):
    """An agreement's day (intake gives the conference's first), and what the reader missed:
    signatories new to the directory, the parties' roles, an estimated value."""
    ed.goto(f"/admin/partnerships/agreement/{pk}/change/")
    ed.fill("#id_signed_on", "2026-11-19")
    for index, role in roles:
        ed.pick(f"#id_parties-{index}-role", role)
    if estimate:
        ed.tick("#id_value_is_estimate")
    for person, party in signatories:
        row = ed.add_row("signatories")
        with ed.popup(f"id_signatories-{row}-person") as popup:
            for field, value in person.items():
                popup.fill(f"#id_{by_hand.english(field)}", value)
        ed.pick_containing(f"#id_signatories-{row}-party", party)
    ed.save(re.compile(r"/admin/partnerships/agreement/(\?.*)?$"))
    assert "was changed successfully" in ed.page.locator(".messagelist").inner_text()


def complete_the_directory(ed: Editor, draft: dict) -> None:
    """The directory's details of the organizations and people new to it, which a release
    does not give or the review does not take: kinds, cities, Chinese names, honorifics,
    the dates posts began."""
    organizations = draft["directory"]["organizations"]
    for name, wanted in ORGANIZATIONS.items():
        ed.goto(f"/admin/events/organization/{organizations[name]['pk']}/change/")
        if wanted["kind"] != "other":
            ed.pick("#id_kind", wanted["kind"])
        city, country = wanted["place"]
        ed.fill("#id_city_en", city)
        ed.fill("#id_country_en", country)
        for alias in wanted["aliases"]:
            row = ed.add_row("aliases")
            ed.fill(f"#id_aliases-{row}-name", alias)
        ed.save(re.compile(r"/admin/events/organization/(\?.*)?$"))
    people = draft["directory"]["people"]
    for name in ("Helena Sou", "Wong Ka-lok"):
        wanted = PEOPLE[name]
        ed.goto(f"/admin/events/person/{people[name]['pk']}/change/")
        ed.fill("#id_honorific", wanted["honorific"])
        ed.fill("#id_name_alt", wanted["name_alt"])
        since = {title: day for title, _, day in wanted["posts"] if day}
        rows = ed.page.locator("[id^='id_positions-'][id$='-title_en']")
        for index in range(rows.count()):
            field = rows.nth(index)
            if "__prefix__" not in field.get_attribute("id") and field.input_value() in since:
                row = field.get_attribute("id").removeprefix("id_").removesuffix("-title_en")
                ed.fill(f"#id_{row}-start_date", since[field.input_value()])
        ed.save(re.compile(r"/admin/events/person/(\?.*)?$"))


def test_an_editor_turns_the_by_hand_release_into_the_same_draft(
    editor, server, records, tmp_path, capsys
):
    photos = []
    for (name, _, _), color in zip(by_hand.PHOTOS, [(20, 90, 140), (160, 120, 40)], strict=True):
        path = tmp_path / name
        path.write_bytes(image_bytes((1200, 800), color=color))
        photos.append(path)

    ed = editor
    checking = []  # seconds spent reading the database, left out of the wall time
    began = time.monotonic()
    ed.sign_in()
    read_a_release(ed, RELEASE)

    # Patrick Lau and HKTDC are the directory's: the review offers them, chosen.
    lau = ed.page.locator("fieldset.intake-fact").filter(
        has=ed.page.locator(":scope > legend", has_text="Person: Patrick Lau")
    )
    assert lau.locator("input[type=radio]:checked").get_attribute("value") != "new"
    review_the_release(ed, photos)
    ed.page.click("input[type=submit][value='Save as a draft']")
    ed.page.wait_for_url(re.compile(r"/admin/events/conference/\d+/change/$"))
    ed.counts.main_saves += 1
    ed.counts.page_loads += 1
    assert (
        "is a new draft made from the press release" in ed.page.locator(".messagelist").inner_text()
    )
    at_review = {**ed.counts.as_dict(), "seconds": round(time.monotonic() - began, 1)}

    began_check = time.monotonic()
    draft = records()
    checking.append(time.monotonic() - began_check)
    complete_the_conference(ed, draft)
    pks = draft["agreement_pks"]
    complete_an_agreement(
        ed,
        pks[by_hand.AGREEMENTS["platform"]],
        signatories=[({"name": "Lin Jiahui", "name_alt": "林嘉慧"}, "Guangdong Ocean")],
    )
    complete_an_agreement(
        ed,
        pks[by_hand.AGREEMENTS["berths"]],
        signatories=[({"name": "Ho Wai-man", "name_alt": "何慧敏"}, "Zhuhai Port Group")],
    )
    complete_an_agreement(
        ed,
        pks[by_hand.AGREEMENTS["fund"]],
        roles=[(0, "funder"), (1, "implementer")],
        estimate=True,
    )
    complete_the_directory(ed, draft)
    seconds = round(time.monotonic() - began - sum(checking), 1)

    counts = {**ed.counts.as_dict(), "seconds": seconds, "at_the_review": at_review}
    with capsys.disabled():
        print("\nthe by-hand release through intake:", json.dumps(counts))
    folder = ROOT / "test-results"
    folder.mkdir(exist_ok=True)
    (folder / "press_release_intake_counts.json").write_text(json.dumps(counts, indent=2) + "\n")

    saved = records()
    assert saved["status"] == "draft"
    for part, expected in EXPECTED.items():
        if part in ("sessions", "participants", "agreements"):
            saved[part], expected = in_order(saved[part]), in_order(expected)
        assert saved[part] == expected, part
    assert saved["photos_on_agreements"] == 0
    directory = saved["directory"]
    for part in directory.values():
        for record in part.values():
            del record["pk"]
    assert directory == {"organizations": ORGANIZATIONS, "people": PEOPLE}
    over = ed.counts.over(SAME_RELEASE_MOST)
    assert over == {}, "intake now takes more (count, most): " + str(over)


def test_an_editor_turns_the_seed_release_into_a_draft(
    editor, server, axe, tmp_path, capsys, screenshots
):
    photo = tmp_path / "signing.jpg"
    photo.write_bytes(image_bytes((1200, 800), color=(160, 120, 40)))
    violations = []
    checking = []  # seconds spent in axe and screenshots, left out of the wall time

    def scan(shot=""):
        began_check = time.monotonic()
        violations.extend(axe_violations(axe, ed.page))
        if shot:
            ed.page.screenshot(path=str(screenshots / shot), full_page=True)
        checking.append(time.monotonic() - began_check)

    ed = editor
    began = time.monotonic()

    ed.sign_in()
    read_a_release(ed, SEED, scan)
    assert ed.page.locator(".intake-source mark").count() > 10
    scan("intake-review-1280.png")

    ed.attach("#id_photo-0-image", photo)
    ed.fill("#id_photo-0-alt_text", "Two officials sign folders at a long table")
    ed.page.click("input[type=submit][value='Save as a draft']")
    ed.page.wait_for_url(re.compile(r"/admin/events/conference/\d+/change/$"))
    ed.counts.main_saves += 1
    ed.counts.page_loads += 1
    seconds = round(time.monotonic() - began - sum(checking), 1)

    assert (
        "is a new draft made from the press release" in ed.page.locator(".messagelist").inner_text()
    )
    assert ed.page.locator("#id_title_en").input_value() == TITLE

    counts = {**ed.counts.as_dict(), "seconds": seconds}
    with capsys.disabled():
        print("\npress release through intake:", json.dumps(counts))
    folder = ROOT / "test-results"
    folder.mkdir(exist_ok=True)
    (folder / "press_release_intake_seed_counts.json").write_text(
        json.dumps(counts, indent=2) + "\n"
    )

    assert violations == []
    over = ed.counts.over(MOST)
    assert over == {}, "intake now takes more (count, most): " + str(over)


def test_the_review_fits_a_phone(browser, server, axe, request, screenshots):
    phone = {"viewport": {"width": 375, "height": 800}, "is_mobile": True}
    with counted_tab(browser, server.url, request, "intake-phone", 30_000, **phone) as ed:
        ed.sign_in()
        read_a_release(ed, SEED)
        tab = ed.page
        tab.screenshot(path=str(screenshots / "intake-review-375.png"), full_page=True)

        # Every fact's box fits the screen: nothing to scroll sideways to.
        widest = tab.evaluate(
            "Math.max(...Array.from(document.querySelectorAll('.intake-fact'))"
            ".map(box => box.getBoundingClientRect().right))"
        )
        assert widest <= 375
        assert axe_violations(axe, tab) == []
