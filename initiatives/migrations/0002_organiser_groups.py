"""Give every existing centre its organisers' group (the `organiser` role of accounts.roles).

New centres get it from accounts.roles.centre_groups_ensure; centres made before this app are
completed here. The role's contents are copied, not imported, so this migration keeps meaning
the same thing when roles.py changes later.
"""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db import migrations

SUFFIX = " – Organizatorzy"
CODENAMES = ["view_initiative", "change_initiative"]


def grant(apps, schema_editor):
    CentrePage = apps.get_model("home", "CentrePage")
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    centres = list(CentrePage.objects.all())
    if not centres:
        return
    # Permissions are normally created after all migrations ran (post_migrate): make them now.
    create_permissions(global_apps.get_app_config("initiatives"), apps=apps, verbosity=0)
    own = list(
        Permission.objects.filter(content_type__app_label="initiatives", codename__in=CODENAMES)
    )
    access_admin = Permission.objects.filter(
        content_type__app_label="wagtailadmin", codename="access_admin"
    ).first()
    add_page = Permission.objects.get(content_type__app_label="wagtailcore", codename="add_page")
    for centre in centres:
        group, _created = Group.objects.get_or_create(name=f"{centre.title}{SUFFIX}")
        group.permissions.add(*own, *([access_admin] if access_admin else []))
        GroupPagePermission.objects.get_or_create(
            group=group, page_id=centre.pk, permission=add_page
        )


class Migration(migrations.Migration):
    dependencies = [
        ("initiatives", "0001_initial"),
        ("home", "0004_remove_sitewide_default_groups"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
