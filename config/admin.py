"""Django's own groups and users in the admin, their permissions listed in the staff
member's language (config/permissions.py)."""

from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group, Permission, User
from django.utils.translation import gettext_lazy as _

from .permissions import permission_label

PERMISSION_FIELDS = ("permissions", "user_permissions")


class PermissionsInTheReadersLanguage:
    """The permission pickers (``permissions``, ``user_permissions``) label each
    permission in the active language, each read with its content type (one query). A
    staff member who may only view the group or user reads the same names: the read-only
    field is drawn from ``permissions_read`` (Django would join the stored English
    names, with a query per permission)."""

    def get_fields(self, request, obj=None):
        fields = super().get_fields(request, obj)
        if obj is None or self.has_change_permission(request, obj):
            return fields
        return [self._read_only(field) for field in fields]

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None or self.has_change_permission(request, obj):
            return fieldsets
        return [
            (name, {**options, "fields": [self._read_only(field) for field in options["fields"]]})
            for name, options in fieldsets
        ]

    @staticmethod
    def _read_only(field):
        return "permissions_read" if field in PERMISSION_FIELDS else field

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if obj is not None and not self.has_change_permission(request, obj):
            readonly = [*(f for f in readonly if f not in PERMISSION_FIELDS), "permissions_read"]
        return readonly

    @admin.display(description=_("permissions"))
    def permissions_read(self, obj):
        related = obj.permissions if isinstance(obj, Group) else obj.user_permissions
        return ", ".join(
            permission_label(permission) for permission in related.select_related("content_type")
        )

    def formfield_for_manytomany(self, db_field, request=None, **kwargs):
        if db_field.remote_field.model is Permission:
            queryset = kwargs.get("queryset", Permission.objects)
            kwargs["queryset"] = queryset.select_related("content_type")
        field = super().formfield_for_manytomany(db_field, request=request, **kwargs)
        if field is not None and db_field.remote_field.model is Permission:
            field.label_from_instance = permission_label
        return field


class TranslatedGroupAdmin(PermissionsInTheReadersLanguage, GroupAdmin):
    pass


class TranslatedUserAdmin(PermissionsInTheReadersLanguage, UserAdmin):
    pass


for model, model_admin in [(Group, TranslatedGroupAdmin), (User, TranslatedUserAdmin)]:
    admin.site.unregister(model)
    admin.site.register(model, model_admin)
