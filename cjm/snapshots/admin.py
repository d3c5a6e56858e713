"""Snapshots in the admin: read-only (a snapshot never changes; it is made and deleted on the
map page or through the API, where the deletion is recorded)."""

from django.contrib import admin

from cjm.core.admin import WorkspaceScopedAdmin

from .models import Snapshot


@admin.register(Snapshot)
class SnapshotAdmin(WorkspaceScopedAdmin):
    read_only = True
    list_display = ("name", "journey", "created_at", "created_by")
    list_select_related = ("journey", "created_by")
    search_fields = ("name", "journey__title")
    date_hierarchy = "created_at"
    fields = ("name", "journey", "created_at", "created_by")
    readonly_fields = fields
