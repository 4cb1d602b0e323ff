"""Fill Indicator.search_name for indicators created before it existed."""

import unicodedata

from django.db import migrations


def fold(text):
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(plain.replace("ø", "o").replace("æ", "ae").split())


def fill(apps, schema_editor):
    Indicator = apps.get_model("indicators", "Indicator")
    for indicator in Indicator.objects.filter(search_name=""):
        indicator.search_name = fold(indicator.name)
        indicator.save(update_fields=["search_name"])


class Migration(migrations.Migration):
    dependencies = [("indicators", "0002_indicator_search_name_target_source")]
    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
