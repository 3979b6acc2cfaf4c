"""Spreadsheet files for the import and export tests: CSV and XLSX uploads built from
rows, files read back, and the admin's import steps as a browser sends them."""

import csv
import io

import openpyxl
from django.contrib.auth.models import Group, User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

CSV_FORMAT = "0"  # the order of events.admin.spreadsheets.FORMATS
XLSX_FORMAT = "1"


def csv_bytes(rows: list[list[str]], bom: bool = True) -> bytes:
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    return ("\ufeff" if bom else "").encode() + out.getvalue().encode()


def xlsx_bytes(rows: list[list]) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def read_csv(data: bytes) -> list[dict]:
    assert data.startswith("\ufeff".encode()), "a CSV for Excel starts with a BOM"
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))


def read_xlsx(data: bytes) -> list[dict]:
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    return [
        {h: "" if v is None else str(v) for h, v in zip(rows[0], row, strict=True)}
        for row in rows[1:]
    ]


def csv_from_rows(dicts: list[dict]) -> list[list[str]]:
    headers = list(dicts[0])
    return [headers] + [[row[h] for h in headers] for row in dicts]


def admin_url(model, view: str) -> str:
    opts = model._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_{view}")


def export(client, model, file_format=CSV_FORMAT, query: str = ""):
    """The export page's POST, with the changelist's query string."""
    url = admin_url(model, "export") + (f"?{query}" if query else "")
    return client.post(url, {"format": file_format, "resource": "0"})


def preview(client, model, data: bytes, name="data.csv", file_format=CSV_FORMAT):
    """The first import step: the upload, answered with the preview (or errors)."""
    upload = SimpleUploadedFile(name, data)
    return client.post(
        admin_url(model, "import"),
        {"import_file": upload, "format": file_format, "resource": "0"},
    )


def confirm(client, model, shown):
    """The second step: what the preview's confirm form holds, posted back."""
    form = shown.context["confirm_form"]
    data = {name: form.initial.get(name, "") for name in form.fields}
    return client.post(admin_url(model, "process_import"), data)


def import_file(client, model, data: bytes, name="data.csv", file_format=CSV_FORMAT):
    shown = preview(client, model, data, name, file_format)
    assert shown.status_code == 200, shown.status_code
    assert shown.context.get("confirm_form") is not None, errors_of(shown)
    return confirm(client, model, shown)


def errors_of(response) -> list[str]:
    context = response.context or {}
    texts = list(context.get("row_error_sentences") or [])
    form = context.get("form")
    if form is not None and form.errors:
        texts += [str(e) for errors in form.errors.values() for e in errors]
    return texts


def totals(response) -> dict:
    result = response.context["result"]
    return {kind: count for kind, count in result.totals.items() if count}


def signed_in(role) -> Client:
    """A browser signed in as a member of ``role`` (a group), as staff without a role
    (``"staff"``), or as nobody (``"anonymous"``); the same user each time for a role."""
    client = Client()
    if role == "anonymous":
        return client
    user, _ = User.objects.get_or_create(username=f"{role.lower()}-importer", is_staff=True)
    if role != "staff":
        user.groups.add(Group.objects.get(name=role))
    client.force_login(user)
    return client
