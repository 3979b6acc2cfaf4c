"""Permission names in the staff member's language.

Django stores a permission's name once, in English, when the model is migrated ("Can add
conference"), and the admin's group and user pages list them as stored. Here the name is
made again when it is shown, in the active language: a model's four default permissions
from the action and the model's ``verbose_name`` (which the catalogs translate), the
site's own permissions (``Meta.permissions``, marked with ``gettext_noop`` where they are
declared) from the catalogs. The stored rows are left as they are: no migration renames
them, and a name nothing translates is shown as stored.
"""

from django.contrib.auth.models import Permission
from django.utils.translation import get_language, gettext, gettext_lazy

# The name of each default permission (``Meta.default_permissions``), with the model's
# name in it.
DEFAULT_ACTIONS = {
    "add": gettext_lazy("Can add %(verbose_name)s"),
    "change": gettext_lazy("Can change %(verbose_name)s"),
    "delete": gettext_lazy("Can delete %(verbose_name)s"),
    "view": gettext_lazy("Can view %(verbose_name)s"),
}


def permission_name(permission: Permission) -> str:
    """What ``permission`` allows, in the active language."""
    model = permission.content_type.model_class()
    if model is not None:
        action, _, model_name = permission.codename.partition("_")
        opts = model._meta
        if (
            action in DEFAULT_ACTIONS
            and action in opts.default_permissions
            and model_name == opts.model_name
            # A model whose name no catalog translates (another package's, such as
            # axes' "access attempt") keeps its stored name, rather than a Chinese
            # action around an English noun.
            and (str(opts.verbose_name) != opts.verbose_name_raw or is_english())
        ):
            return DEFAULT_ACTIONS[action] % {"verbose_name": opts.verbose_name}
    return gettext(permission.name)


def is_english() -> bool:
    return (get_language() or "en").split("-")[0] == "en"


def permission_label(permission: Permission) -> str:
    """Django's label (``app | model | name``, ``Permission.__str__``), the name in the
    active language. Needs the permission's content type read with it."""
    return f"{permission.content_type} | {permission_name(permission)}"
