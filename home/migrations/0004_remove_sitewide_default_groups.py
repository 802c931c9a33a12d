from django.db import migrations


def remove_sitewide_groups(apps, schema_editor):
    """Wagtail's starter "Editors" and "Moderators" groups act on the whole page tree.

    Staff of one centre must act on that centre only, through the centre's own groups
    (accounts.roles), so the site-wide ones go before anyone is put in them by mistake.
    """
    Group = apps.get_model("auth.Group")
    Group.objects.filter(name__in=["Editors", "Moderators"], user__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("home", "0003_add_districts"), ("wagtailcore", "0002_initial_data")]

    operations = [migrations.RunPython(remove_sitewide_groups, migrations.RunPython.noop)]
