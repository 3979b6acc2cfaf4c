"""The public sitemaps as a search engine reads them: the index ``/sitemap.xml``, then
each page it names."""

import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"
SECTIONS = ("pages", "conferences", "agreements", "people", "organizations")


def sitemap_pages(client) -> list[str]:
    """The address (path and ``?p=``) of each sitemap the index names, in its order."""
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    assert root.tag == f"{SITEMAP}sitemapindex"
    pages = []
    for location in root.iter(f"{SITEMAP}loc"):
        parts = urlsplit(location.text)
        assert (parts.scheme, parts.netloc) == ("http", "testserver"), location.text
        pages.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return pages


def sitemap_documents(client) -> list[bytes]:
    """Each sitemap the index names, as served."""
    documents = []
    for page in sitemap_pages(client):
        response = client.get(page)
        assert response.status_code == 200, page
        documents.append(response.content)
    return documents


def sitemap_entries(client) -> list[ET.Element]:
    """Every ``<url>`` of every sitemap the index names."""
    return [
        url
        for document in sitemap_documents(client)
        for url in ET.fromstring(document).findall(f"{SITEMAP}url")
    ]


def alternates(entry: ET.Element) -> dict[str, str]:
    """An entry's ``hreflang`` → address."""
    return {link.get("hreflang"): link.get("href") for link in entry.findall(f"{XHTML}link")}
