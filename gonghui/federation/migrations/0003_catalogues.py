"""The catalogues every district starts with: the district's model-union standard (four parts,
100 points) and the 12351 hotline's two-level categories with their deadlines and routing."""

from django.db import migrations

from gonghui.federation.catalogues import CATEGORIES, STANDARD


def forwards(apps, schema_editor):
    item = apps.get_model("federation", "StandardItem")
    for order, (part, code, title, score) in enumerate(STANDARD):
        item.objects.create(part=part, code=code, title=title, max_score=score, order=order)
    category = apps.get_model("federation", "HotlineCategory")
    for code, name, children in CATEGORIES:
        parent = category.objects.create(code=code, name=name, level="district", deadline_days=10)
        for child, label, days, level, dispute in children:
            category.objects.create(
                parent=parent, code=child, name=label, deadline_days=days, level=level, dispute=dispute
            )


def backwards(apps, schema_editor):
    apps.get_model("federation", "StandardItem").objects.all().delete()
    category = apps.get_model("federation", "HotlineCategory")
    category.objects.filter(parent__isnull=False).delete()
    category.objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("federation", "0002_progress_append_only")]
    operations = [migrations.RunPython(forwards, backwards)]
