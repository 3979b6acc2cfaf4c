"""Texts that django-import-export shows on the import and export pages and does not
translate into traditional Chinese (it ships simplified only). Marked here, they join this
app's catalogs, which Django merges with the library's: the pages read in all three
languages. Nothing calls this module's names; ``gettext_noop`` only marks them."""

from django.utils.translation import gettext_noop

LIBRARY_TEXTS = [
    gettext_noop("Import"),
    gettext_noop("Export"),
    gettext_noop("Format"),
    gettext_noop("Resource"),
    gettext_noop("File to import"),
    gettext_noop("Submit"),
    gettext_noop("Confirm import"),
    gettext_noop("Preview"),
    gettext_noop("New"),
    gettext_noop("Skipped"),
    gettext_noop("Update"),
    gettext_noop("Delete"),
    gettext_noop(
        "Below is a preview of data to be imported. If you are satisfied with the results, "
        "click 'Confirm import'"
    ),
    gettext_noop("This exporter will export the following fields: "),
    gettext_noop("This importer will import the following fields: "),
]
