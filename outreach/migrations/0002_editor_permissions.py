"""Give the existing centre editors' groups the newsletter permissions (accounts.roles).

New centres get them from accounts.roles.centre_groups_ensure; groups made before this app
are completed here. The list is copied, not imported, so this migration keeps its meaning.
"""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db import migrations

CODENAMES = ["view_newsletter", "add_newsletter", "change_newsletter", "delete_newsletter"]


def grant(apps, schema_editor):
    CentrePage = apps.get_model("home", "CentrePage")
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    centres = list(CentrePage.objects.all())
    if not centres:
        return
    # Permissions are normally created after all migrations ran (post_migrate): make them now.
    create_permissions(global_apps.get_app_config("outreach"), apps=apps, verbosity=0)
    permissions = Permission.objects.filter(
        content_type__app_label="outreach", codename__in=CODENAMES
    )
    for centre in centres:
        group = Group.objects.filter(name=f"{centre.title} – Redaktorzy").first()
        if group is not None:
            group.permissions.add(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("outreach", "0001_newsletters"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
