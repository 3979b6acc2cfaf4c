"""Spreadsheets in the admin (django-import-export): export any changelist, import
records, with the site's rules on every path.

How an admin gets them::

    from events.admin.spreadsheets import ContentResource, RowError

    class AgreementResource(ContentResource):
        class Meta:
            model = Agreement
            fields = ["id", "title_en", ...]

        def check_rows(self, instance, row, new):  # parse related columns, may raise RowError
            ...
        def save_rows(self, instance, row, new):   # write them (same transaction, revision)
            ...

    class AgreementAdmin(..., VersionedAdmin):     # ContentAdmin and VersionedAdmin
        import_resources = [AgreementResource]     # include SpreadsheetMixin; leave
                                                   # import_resources out: export only

What every admin with ``SpreadsheetMixin`` gets (every admin of ours: ``ContentAdmin``
and ``VersionedAdmin`` include it):

- **Export** (CSV with a BOM, so that Excel reads UTF-8 Chinese; XLSX) of the changelist
  as filtered and searched (the export link carries its query string), for users who may
  view the records. Columns are readable: names instead of ids for related records, a
  translated text in one column per language (``name_en``, ``name_zh_hans``,
  ``name_zh_hant``). Related records are read with ``select_related``/``prefetch``, so
  the query count does not grow with the rows. A text that a spreadsheet would run as a
  formula (``=``, ``+``, ``-``, ``@``, tab, return first) gets a ``'`` before it; the
  import takes it off again.
- **Import** (with ``import_resources``), for users who may add or change the records:
  the upload is checked (size, encoding, a zip bomb posing as XLSX, rows and columns: a
  form error, never a 500); a preview says what would be created and changed; errors name
  the row and column ("Row 3, column 'organization': ..."; row numbers are the
  spreadsheet's, the header is row 1); the confirm step writes everything or, on any
  error, nothing. Each record goes through the write path (``events.services``) in a
  revision naming the user, with its own rows (``save_rows``) in that same revision, as
  an admin save is. Each record is judged by its admin's rules (``may_restore``: may this
  user turn the record as it is into the record as imported), and an import by a user
  who may not publish makes drafts: the publishing columns of the file are ignored (new
  records are drafts; existing ones keep their state, and a published one is refused).
"""

import contextlib
import copy
import csv
import functools
import io
import itertools
import os
import re
import stat
import tempfile
import time as time_module
import uuid
import zipfile
from datetime import date, datetime, time
from decimal import Decimal
from pathlib import Path

import openpyxl
import tablib
from django.conf import settings
from django.contrib import messages
from django.contrib.admin.options import IncorrectLookupParameters
from django.core.exceptions import (
    NON_FIELD_ERRORS,
    ImproperlyConfigured,
    PermissionDenied,
    ValidationError,
)
from django.db import models
from django.db.models import Prefetch
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext, gettext_lazy
from import_export import fields as ie_fields
from import_export import widgets
from import_export.admin import ImportExportMixin
from import_export.formats import base_formats
from import_export.forms import ConfirmImportForm, ExportForm, ImportForm
from import_export.resources import ModelResource
from import_export.results import RowResult
from import_export.tmp_storages import BaseStorage
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from .. import services
from ..languages import CODES, column, text_columns
from ..models import Publishable
from ..search.text import normalize

DRAFT = Publishable.PublicationStatus.DRAFT

# What an upload may be: larger files, longer sheets and zip bombs are refused with a
# form error before anything reads them whole.
# The size limit is the setting ``SPREADSHEET_IMPORT_MAX_BYTES`` (5 MB).
MAX_UNPACKED_BYTES = getattr(settings, "SPREADSHEET_IMPORT_MAX_UNPACKED_BYTES", 50 * 1024 * 1024)
# Rows in one file (the setting ``SPREADSHEET_IMPORT_MAX_ROWS``): a preview of 1,000 new
# people with posts takes about 15 s, and a request has 30 (gunicorn's timeout).
MAX_COLUMNS = 200

# Texts a spreadsheet would read as a formula; numbers ("-5", "+86 25 ...") are left alone.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
NUMBER = re.compile(r"^[+-]?[\d\s.,]+$")


def escape_formula(value):
    """``value`` as a spreadsheet shows it and never runs: a ``'`` before a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_START) and not NUMBER.match(value):
        return "'" + value
    return value


def unescape_formula(value: str) -> str:
    """What ``escape_formula`` gave back as it was."""
    if value.startswith("'") and value[1:].startswith(FORMULA_START):
        return value[1:]
    return value


def cell_text(value) -> str:
    """A cell as text, whatever the format read it as: XLSX gives numbers and dates."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime):
        value = value.date() if value.time() == time(0) else value
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value, "f")
    # Control characters (a vertical tab pasted from Word) are no text: not stored, and
    # an XLSX cannot hold them.
    return unescape_formula(ILLEGAL_CHARACTERS_RE.sub("", str(value)).strip())


def max_rows() -> int:
    return getattr(settings, "SPREADSHEET_IMPORT_MAX_ROWS", 1000)


def too_many_rows(most: int) -> ValueError:
    return ValueError(gettext("The file has more than %(count)s rows.") % {"count": most})


def check_csv_rows(text: str) -> None:
    """Refuse a CSV with more rows than the limit before tablib builds them: counted
    by the csv module as it reads (quoted cells over several lines are one row), keeping
    nothing, and stopping at the first row too many."""
    most = max_rows()
    rows = (row for row in csv.reader(io.StringIO(text)) if row)
    if sum(1 for _ in itertools.islice(rows, most + 2)) > most + 1:  # the header is a row
        raise too_many_rows(most)


def check_xlsx_rows(data: bytes) -> None:
    """Refuse a workbook whose sheet says it has more rows than the limit before its
    rows are read (the count after reading still holds for a sheet that does not say)."""
    most = max_rows()
    book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        declared = book.active.max_row if book.active is not None else None
    finally:
        book.close()
    if declared is not None and declared - 1 > most:
        raise too_many_rows(most)


def as_text(dataset: tablib.Dataset) -> tablib.Dataset:
    """Every cell of ``dataset`` as text, every header stripped."""
    headers = [cell_text(header) for header in dataset.headers or []]
    if len(headers) > MAX_COLUMNS:
        raise ValueError(
            gettext("The file has more than %(count)s columns.") % {"count": MAX_COLUMNS}
        )
    most = max_rows()
    if len(dataset) > most:
        raise too_many_rows(most)
    cleaned = tablib.Dataset(headers=headers)
    for row in dataset:
        cells = [cell_text(cell) for cell in row][: len(headers)]
        if any(cells):  # blank lines are no records
            cleaned.append(cells + [""] * (len(headers) - len(cells)))
    return cleaned


def escaped(dataset: tablib.Dataset, clean=lambda cell: cell) -> tablib.Dataset:
    safe = tablib.Dataset(headers=dataset.headers)
    for row in dataset:
        safe.append([escape_formula(clean(cell)) for cell in row])
    return safe


def without_control_characters(cell):
    """What an XLSX cell may hold: openpyxl refuses control characters."""
    return ILLEGAL_CHARACTERS_RE.sub("", cell) if isinstance(cell, str) else cell


class CSV(base_formats.CSV):
    """UTF-8 with a byte order mark: Excel reads the Chinese right only with one."""

    CONTENT_TYPE = "text/csv; charset=utf-8"

    def create_dataset(self, in_stream, **kwargs):
        check_csv_rows(in_stream)
        return as_text(super().create_dataset(in_stream, **kwargs))

    def export_data(self, dataset, **kwargs):
        return "\ufeff" + escaped(dataset).export("csv", **kwargs)


class XLSX(base_formats.XLSX):
    def create_dataset(self, in_stream):
        check_xlsx(in_stream)
        check_xlsx_rows(in_stream)
        book_dataset = super().create_dataset(in_stream)
        return as_text(book_dataset)

    def export_data(self, dataset, **kwargs):
        return escaped(dataset, without_control_characters).export("xlsx", **kwargs)


FORMATS = [CSV, XLSX]


def check_xlsx(data: bytes) -> None:
    """An XLSX file is a zip archive: refuse one that is not, or that unpacks to more than
    ``MAX_UNPACKED_BYTES`` (a zip bomb), before openpyxl unpacks it."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(member.file_size for member in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise ValueError(gettext("This is not an XLSX file.")) from error
    if unpacked > MAX_UNPACKED_BYTES:
        raise ValueError(gettext("This XLSX file unpacks to too much data."))


class UploadForm(ImportForm):
    """The upload: its size, and whether it reads as the format chosen, checked here so
    that a wrong file is a form error."""

    def __init__(self, formats, resources, **kwargs):
        self.formats = formats
        super().__init__(formats, resources, **kwargs)

    def clean(self):
        cleaned = super().clean()
        upload = cleaned.get("import_file")
        chosen = cleaned.get("format")
        if upload is None or chosen in (None, ""):
            return cleaned
        limit = getattr(settings, "SPREADSHEET_IMPORT_MAX_BYTES", 5 * 2**20)
        if upload.size > limit:
            self.add_error(
                "import_file",
                gettext("The file is larger than %(size)s MB.") % {"size": round(limit / 2**20, 1)},
            )
            return cleaned
        data = b"".join(upload.chunks())
        upload.seek(0)
        file_format = self.formats[int(chosen)]()
        try:
            if file_format.is_binary():
                dataset = file_format.create_dataset(data)
            else:
                dataset = file_format.create_dataset(data.decode("utf-8-sig"))
        except UnicodeDecodeError:
            self.add_error(
                "import_file", gettext("This file is not UTF-8 text: save it as CSV UTF-8.")
            )
        except Exception as error:  # any parser's complaint about bytes it cannot read
            message = str(error) if isinstance(error, ValueError) and error.args else ""
            self.add_error(
                "import_file",
                message
                or gettext("This file cannot be read as %(format)s.")
                % {"format": file_format.get_title()},
            )
        else:
            if not dataset.headers or not len(dataset):
                self.add_error("import_file", gettext("The file has no rows to import."))
        return cleaned


class UploadStorage(BaseStorage):
    """The upload between the preview and the confirm step, in a folder of its own under a
    random name that the confirm form must give back exactly: a crafted name reads
    nothing else."""

    NAME = re.compile(r"^[0-9a-f]{32}$")

    KEEP_SECONDS = 24 * 3600  # an upload nobody confirmed is removed a day later

    @staticmethod
    def folder() -> Path:
        """The folder, private to the user the site runs as: made with mode 0o700, and
        refused if it is a link, someone else's or open to others (a local user could
        have made it first, to read or swap the uploads)."""
        default = Path(tempfile.gettempdir()) / f"spreadsheet-uploads-{os.getuid()}"
        path = Path(getattr(settings, "SPREADSHEET_UPLOAD_DIR", default))
        path.parent.mkdir(parents=True, exist_ok=True)
        with contextlib.suppress(FileExistsError):
            path.mkdir(mode=0o700)
        info = os.lstat(path)
        if not stat.S_ISDIR(info.st_mode) or info.st_uid != os.getuid() or info.st_mode & 0o077:
            raise ImproperlyConfigured(
                f"The spreadsheet upload folder {path} must be a folder (not a link) owned "
                "by the user the site runs as, with mode 0700 (SPREADSHEET_UPLOAD_DIR)."
            )
        return path

    def remove_stale(self) -> None:
        too_old = time_module.time() - self.KEEP_SECONDS
        for each in self.folder().iterdir():
            with contextlib.suppress(OSError):
                if self.NAME.match(each.name) and each.stat().st_mtime < too_old:
                    each.unlink()

    def path(self) -> Path:
        if not self.name:
            self.name = uuid.uuid4().hex
        if not self.NAME.match(self.name):
            raise FileNotFoundError(self.name)
        return self.folder() / self.name

    def save(self, data):
        self.remove_stale()
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW
        with os.fdopen(os.open(self.path(), flags, 0o600), "wb") as out:
            out.write(data if isinstance(data, bytes) else data.encode())

    def read(self):
        with os.fdopen(os.open(self.path(), os.O_RDONLY | os.O_NOFOLLOW), "rb") as stored:
            data = stored.read()
        return data if "b" in self.read_mode else data.decode(self.encoding or "utf-8-sig")

    def remove(self):
        self.path().unlink(missing_ok=True)


class ConfirmForm(ConfirmImportForm):
    """The confirm step's hidden fields, checked: the library indexes its formats and
    resources with them (``int(format)``), so a crafted number out of range would fail."""

    format_count = len(FORMATS)
    resource_count = 1  # set by ``SpreadsheetMixin.create_confirm_form``

    def clean_import_file_name(self):
        name = self.cleaned_data["import_file_name"]
        if not UploadStorage.NAME.match(name):
            raise ValidationError(gettext("This upload has expired; upload the file again."))
        return name

    def clean_format(self):
        return self.index(self.cleaned_data["format"], self.format_count)

    def clean_resource(self):
        return self.index(self.cleaned_data["resource"] or "0", self.resource_count)

    @staticmethod
    def index(value: str, count: int) -> str:
        if value.isascii() and value.isdigit() and int(value) < count:
            return value
        raise ValidationError(gettext("This form has been altered; upload the file again."))


# Errors, named by row and column.


class RowError(ValueError):
    """A cell that cannot be imported: raised in ``check_rows`` (or a widget), it becomes
    "Row N, column 'column': message"."""

    def __init__(self, column: str, message: str):
        super().__init__(message)
        self.column = column
        self.message = message


def row_errors(result, resource) -> list[str]:
    """Every error of an import ``result`` as one sentence, row and column named."""
    columns = {field.attribute: field.column_name for field in resource.get_import_fields()}
    columns.update({name: name for name in columns.values()})
    sentences = [
        gettext("The file: %(message)s") % {"message": e.error} for e in result.base_errors
    ]
    for number, errors in result.row_errors():
        for error in errors:
            sentences.append(sentence(number, None, error.error))
    for invalid in result.invalid_rows:
        for key, messages_ in invalid.error_dict.items():
            if column(key, CODES[0]) in invalid.error_dict:
                continue  # a translated field's own column: its English column says it
            name = None if key == NON_FIELD_ERRORS else columns.get(key, key)
            for message in messages_:
                sentences.append(sentence(invalid.number, name, message))
    return sentences


def sentence(number: int, name: str | None, message) -> str:
    message = " ".join(getattr(message, "messages", None) or [str(message)])
    row = number + 1  # the header is the spreadsheet's row 1
    if name:
        return gettext("Row %(row)s, column '%(column)s': %(message)s") % {
            "row": row,
            "column": name,
            "message": message,
        }
    return gettext("Row %(row)s: %(message)s") % {"row": row, "message": message}


# Matching by names, as search compares them.


def name_key(name: str) -> str:
    """A name as search folds it: case, width and script (韓 as 韩) do not matter."""
    return normalize(name or "")


class NameIndex:
    """Records found by any of their names: ``{folded name: {pk, ...}}``, built in one or
    two queries when the import starts."""

    def __init__(self):
        self.pks: dict[str, set[int]] = {}

    def add(self, pk, *names) -> None:
        for name in names:
            key = name_key(name)
            if key:
                self.pks.setdefault(key, set()).add(pk)

    def find(self, *names) -> set[int]:
        found = set()
        for name in names:
            found |= self.pks.get(name_key(name), set())
        return found


def split_list(text: str) -> list[str]:
    """``a; b`` (or ``；``, or one a line) as ``["a", "b"]``."""
    return [part.strip() for part in re.split(r"[;；\n]", text or "") if part.strip()]


def join_list(items) -> str:
    return "; ".join(item for item in items if item)


# Export: any model's changelist, readable.


class NameWidget(widgets.Widget):
    """A related record by its name (``str``), a list of them joined with "; "."""

    def render(self, value, obj=None, **kwargs):
        if value is None:
            return ""
        if isinstance(value, models.Manager):
            return join_list(str(item) for item in value.all())
        if isinstance(value, models.fields.files.FieldFile):
            return value.name or ""
        return str(value)


def related_paths(model, name: str) -> list[str]:
    """``name`` (a relation) and the relations of the related record: ``str`` of a post
    names its organization, of a party its agreement."""
    related = model._meta.get_field(name).related_model
    return [name] + [
        f"{name}__{field.name}"
        for field in related._meta.concrete_fields
        if field.is_relation and field.many_to_one
    ]


def _has_columns(model, name: str) -> bool:
    return len(text_columns(model, name)) > 1


@functools.cache
def export_resource_for(model) -> type[ModelResource]:
    """A resource that exports ``model`` readably: every field a person edits, translated
    texts in their language columns, related records by name."""
    names, declared, joined, prefetched = ["id"], {}, [], []
    for field in model._meta.concrete_fields:
        if not field.editable or field.primary_key or _has_columns(model, field.name):
            continue
        if field.is_relation:
            joined += related_paths(model, field.name)
            declared[field.name] = ie_fields.Field(
                attribute=field.name, column_name=field.name, widget=NameWidget()
            )
        elif isinstance(field, models.FileField):
            declared[field.name] = ie_fields.Field(
                attribute=field.name, column_name=field.name, widget=NameWidget()
            )
        names.append(field.name)
    for field in model._meta.many_to_many:
        related = field.related_model
        inner = [f.name for f in related._meta.concrete_fields if f.is_relation and f.many_to_one]
        prefetched.append(Prefetch(field.name, related._default_manager.select_related(*inner)))
        declared[field.name] = ie_fields.Field(
            attribute=field.name, column_name=field.name, widget=NameWidget()
        )
        names.append(field.name)

    meta = type("Meta", (), {"model": model, "fields": names, "export_order": names})
    attrs = {
        "Meta": meta,
        **declared,
        "export_select_related": joined,
        "export_prefetch_related": prefetched,
        "__module__": __name__,
    }
    return type(f"{model.__name__}ExportResource", (ExportResource,), attrs)


class ExportResource(ModelResource):
    """Reads the related records of an export with its queryset: a fixed number of
    queries per 1,000 rows, whatever they hold."""

    export_select_related: list = []
    export_prefetch_related: list = []

    def __init__(self, request=None, model_admin=None, **kwargs):
        super().__init__(**kwargs)
        self.request = request
        self.model_admin = model_admin

    def get_chunk_size(self):
        # Rows read at a time: with prefetches, a page of rows and one query per relation
        # (a fixed count per 1,000 rows; every id of a page goes in one IN list, and
        # SQLite takes at most 32,766 of them).
        return 1000

    def filter_export(self, queryset, **kwargs):
        queryset = queryset.select_related(*self.export_select_related)
        if self.export_prefetch_related:
            queryset = queryset.prefetch_related(*self.export_prefetch_related)
        return queryset

    @classmethod
    def get_display_name(cls):
        return cls._meta.model._meta.verbose_name_plural


# Import.


class ContentResource(ExportResource):
    """An import through the site's write path and rules (see the module's docstring).

    Subclasses name their ``Meta.model`` and ``fields``; ``check_rows`` reads columns that
    are not fields of the record (other names, posts, parties) and raises ``RowError``;
    ``save_rows`` writes them after the record, in its revision; ``rows_unchanged`` says
    whether they would change anything (a row with nothing to change is skipped: a round
    trip changes nothing). ``find_existing`` matches a row with no id (by names)."""

    class Meta:
        import_id_fields = []  # the id column is optional: ``get_instance`` reads it
        skip_unchanged = True
        report_skipped = True
        clean_model_instances = True
        use_transactions = True

    comment = gettext_lazy("Imported from a spreadsheet.")

    # Matching: the id first, then ``find_existing``.

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        if "id" in self.fields:
            self.fields["id"].readonly = True  # a row's id finds its record (get_instance)

    def get_instance(self, instance_loader, row):
        try:
            return self.find_instance(row)
        except RowError as error:
            raise ValidationError({error.column: error.message}) from error

    def find_instance(self, row):
        model = self._meta.model
        given = row.get("id", "")
        if given:
            try:
                return model._default_manager.get(pk=int(given))
            except (ValueError, model.DoesNotExist) as error:
                raise ValidationError(
                    {
                        "id": gettext("no %(model)s has the id %(id)s")
                        % {
                            "model": model._meta.verbose_name,
                            "id": given,
                        }
                    }
                ) from error
        return self.find_existing(row)

    def find_existing(self, row):
        """The record this row (without an id) describes, or None for a new one."""
        return None

    def before_import(self, dataset, **kwargs):
        """A column this import does not know is refused, not ignored: it is most often
        the wrong file (people offered as organizations) or a misspelt header."""
        known = {field.column_name for field in self.get_import_fields()}
        unknown = [header for header in dataset.headers or [] if header and header not in known]
        if unknown:
            raise ValueError(
                gettext("unknown columns: %(unknown)s (known: %(known)s)")
                % {"unknown": ", ".join(unknown), "known": ", ".join(sorted(known))}
            )

    def import_instance(self, instance, row, **kwargs):
        self.new = instance.pk is None
        self.current = None if self.new else copy.deepcopy(instance)  # as it is stored
        errors = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        self.keep_empty(instance)
        self.keep_drafts(instance)
        try:
            self.check_rows(instance, row, self.new)
        except RowError as error:
            errors.setdefault(error.column, []).append(error.message)
        if errors:
            raise ValidationError(errors)

    def keep_empty(self, instance) -> None:
        """An empty cell is no change to a text that is empty (None, in the Chinese columns
        modeltranslation makes nullable)."""
        if self.current is None:
            return
        for field in self.get_import_fields():
            name = field.attribute
            if name and getattr(instance, name, None) == "" and getattr(self.current, name) is None:
                setattr(instance, name, None)

    def keep_drafts(self, instance) -> None:
        """A user who may not publish writes drafts: new records are drafts, existing ones
        keep their publishing columns, whatever the file says."""
        from .guards import may_publish

        model = type(instance)
        if not issubclass(model, Publishable) or may_publish(self.user, model):
            return
        for name in ("publication_status", "published_at", "unpublish_at"):
            default = DRAFT if name == "publication_status" else None
            setattr(
                instance, name, default if self.current is None else getattr(self.current, name)
            )

    @property
    def user(self):
        return getattr(self.request, "user", None)

    def check_rows(self, instance, row, new) -> None:
        """Read the columns that are not the record's own fields; raise ``RowError``."""

    def save_rows(self, instance, row, new) -> None:
        """Write what ``check_rows`` read, after the record, in its transaction and revision."""

    def rows_unchanged(self, instance) -> bool:
        return True

    def skip_row(self, instance, original, row, import_validation_errors=None):
        if self.new:
            return False
        return super().skip_row(instance, original, row, import_validation_errors) and (
            self.rows_unchanged(instance)
        )

    # Writing: the admin's rules, then the write path, in one revision.

    def save_instance(self, instance, is_create, row, **kwargs):
        if self.model_admin is not None and self.request is not None:
            if not self.model_admin.may_restore(self.request, self.current, instance):
                raise ValidationError(
                    gettext("your role may not change “%(record)s”.") % {"record": self.current}
                    if self.current is not None
                    else gettext("your role may not add %(model)s.")
                    % {"model": type(instance)._meta.verbose_name_plural}
                )
        with services.history(self.user, str(self.comment)):
            services.save(instance)
            self.save_rows(instance, row, is_create)

    def save_m2m(self, instance, row, **kwargs):
        """Many-to-many columns are written by ``save_rows``, in the record's revision."""


# The admin.


class SpreadsheetMixin(ImportExportMixin):
    """Export for every admin of ours; import where ``import_resources`` is set."""

    import_resources: list = []
    import_form_class = UploadForm
    # Every column, always: what is exported reads back in (no choice of columns).
    export_form_class = ExportForm
    confirm_form_class = ConfirmForm
    tmp_storage_class = UploadStorage
    import_template_name = "admin/events/spreadsheet_import.html"
    from_encoding = "utf-8-sig"

    @property
    def formats(self):
        return FORMATS

    def get_import_data_kwargs(self, **kwargs):
        # All or nothing: a row refused by validation rolls back the others too.
        return {**super().get_import_data_kwargs(**kwargs), "rollback_on_validation_errors": True}

    def get_resource_kwargs(self, request, *args, **kwargs):
        return {"request": request, "model_admin": self}

    def get_export_resource_classes(self, request):
        return self.import_resources[:1] or [export_resource_for(self.model)]

    def get_import_resource_classes(self, request):
        return self.import_resources

    def has_export_permission(self, request):
        return self.has_view_or_change_permission(request)

    def has_import_permission(self, request):
        return bool(self.import_resources) and (
            self.has_add_permission(request) or self.has_change_permission(request)
        )

    def create_confirm_form(self, request, import_form=None):
        form = super().create_confirm_form(request, import_form)
        form.format_count = len(self.get_import_formats())
        form.resource_count = len(self.get_import_resource_classes(request))
        return form

    def export_action(self, request):
        """Filters the changelist cannot read (``?start_date__gte=x``, a field that does
        not exist) send the export back to the changelist with ``?e=1``, as Django's
        changelist does, which says so."""
        try:
            return super().export_action(request)
        except IncorrectLookupParameters:
            opts = self.model._meta
            changelist = reverse(
                f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_changelist"
            )
            return HttpResponseRedirect(changelist + "?e=1")

    def process_import(self, request, **kwargs):
        if not self.has_import_permission(request):
            raise PermissionDenied
        try:
            return super().process_import(request, **kwargs)
        except OSError:
            messages.error(request, gettext("This upload has expired; upload the file again."))
        except ValueError as error:  # the stored file no longer reads
            messages.error(request, str(error))
        return HttpResponseRedirect(self.import_url())

    def import_url(self):
        opts = self.model._meta
        return reverse(f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_import")

    def process_dataset(self, dataset, form, request, **kwargs):
        result = super().process_dataset(dataset, form, request, **kwargs)
        result.spreadsheet_resource = self.choose_import_resource_class(form, request)(
            **self.get_import_resource_kwargs(request)
        )
        return result

    def process_result(self, result, request):
        if result.has_errors() or result.has_validation_errors():
            # Something changed since the preview: nothing was saved (one transaction).
            for text in row_errors(result, result.spreadsheet_resource):
                messages.error(request, text)
            messages.error(request, gettext("Nothing was imported."))
            return HttpResponseRedirect(self.import_url())
        return super().process_result(result, request)

    def add_success_message(self, result, request):
        totals = result.totals
        messages.success(
            request,
            gettext("Imported: %(new)s new, %(changed)s changed, %(same)s unchanged.")
            % {
                "new": totals[RowResult.IMPORT_TYPE_NEW],
                "changed": totals[RowResult.IMPORT_TYPE_UPDATE],
                "same": totals[RowResult.IMPORT_TYPE_SKIP],
            },
        )

    def import_action(self, request, **kwargs):
        if not self.has_import_permission(request):
            raise PermissionDenied
        response = super().import_action(request, **kwargs)
        context = getattr(response, "context_data", None) or {}
        if context.get("result") is not None:
            form = context["form"]
            resource = self.choose_import_resource_class(form, request)(
                **self.get_import_resource_kwargs(request)
            )
            context["row_error_sentences"] = row_errors(context["result"], resource)
        return response
