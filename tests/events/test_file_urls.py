"""A page's many file addresses, worked out at once, are the storage's own addresses."""

import pytest
from django.core.files.storage import FileSystemStorage, default_storage

from events.templatetags.events import file_url

NAMES = [
    "media/2023/02/ab12cd.jpg",
    "media/2023/02/ab12cd-480.webp",
    "媒体/签约 仪式.jpg",
    "odd names/a#b?c%d;e&f+g.png",
    "/media/leading-slash.png",
    "./media/dot.png",
    "media/../elsewhere.png",
    "media/.hidden.png",
    "",
]


@pytest.mark.parametrize("base_url", ["/media/", "https://cdn.example.org/files/"])
def test_local_disk_addresses_match_the_storage(tmp_path, base_url):
    storage = FileSystemStorage(location=tmp_path, base_url=base_url)

    assert [file_url(storage)(name) for name in NAMES] == [storage.url(n) for n in NAMES]


def test_default_storage_through_its_lazy_wrapper():
    assert [file_url(default_storage)(name) for name in NAMES] == [
        default_storage.url(name) for name in NAMES
    ]


def test_a_storage_with_its_own_addresses_gives_them(tmp_path):
    class SignedStorage(FileSystemStorage):
        def url(self, name):
            return f"https://bucket.example.org/{name}?signature=abc"

    storage = SignedStorage(location=tmp_path, base_url="/media/")

    assert (
        file_url(storage)("media/a.jpg") == "https://bucket.example.org/media/a.jpg?signature=abc"
    )
