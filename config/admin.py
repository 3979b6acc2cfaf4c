"""Django's own groups and users in the admin, their permissions listed in the staff
member's language (config/permissions.py)."""

from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group, Permission, User

from .permissions import permission_label


class PermissionsInTheReadersLanguage:
    """The permission pickers (``permissions``, ``user_permissions``) label each
    permission in the active language, each read with its content type (one query)."""

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
