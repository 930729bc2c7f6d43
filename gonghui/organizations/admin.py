from django.contrib import admin
from treebeard.admin import TreeAdmin
from treebeard.forms import movenodeform_factory

from .models import Node, Unit


@admin.register(Node)
class NodeAdmin(TreeAdmin):
    form = movenodeform_factory(Node)
    list_display = ("name", "kind", "founded_on")
    search_fields = ("name",)


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = ("name", "uscc", "street", "union", "workforce")
    search_fields = ("name", "uscc")
    raw_id_fields = ("street", "union")
