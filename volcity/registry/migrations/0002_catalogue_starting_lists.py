from django.db import migrations

from volcity.registry.catalogue_data import SERVICE_CATEGORIES, SKILLS


def load(apps, schema_editor):
    for model_name, rows in (("Skill", SKILLS), ("ServiceCategory", SERVICE_CATEGORIES)):
        model = apps.get_model("registry", model_name)
        for sort, (code, name, name_en) in enumerate(rows):
            model.objects.update_or_create(
                code=code, defaults={"name": name, "name_en": name_en, "sort": sort}
            )


def unload(apps, schema_editor):
    for model_name, rows in (("Skill", SKILLS), ("ServiceCategory", SERVICE_CATEGORIES)):
        apps.get_model("registry", model_name).objects.filter(
            code__in=[code for code, _n, _e in rows]
        ).delete()


class Migration(migrations.Migration):
    dependencies = [("registry", "0001_volunteers_teams_memberships")]
    operations = [migrations.RunPython(load, unload)]
