"""Give existing centre officials and moderators the paper-ballot permissions.

New centre groups get them from accounts.roles.centre_groups_ensure; groups made before
this change are completed here. The lists are copied, not imported, so this migration
keeps meaning the same thing when roles.py changes later.
"""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP_SUFFIXES = (" – Moderatorzy", " – Urzędnicy")
CODENAMES = [
    "view_ballot",
    "add_ballot",
    "change_ballot",
    "view_participation",
    "change_participation",
]


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    groups = [group for group in Group.objects.all() if group.name.endswith(GROUP_SUFFIXES)]
    if not groups:
        return
    # Permissions are normally created after all migrations ran (post_migrate): make them now.
    create_permissions(global_apps.get_app_config("consultations"), apps=apps, verbosity=0)
    permissions = Permission.objects.filter(
        content_type__app_label="consultations", codename__in=CODENAMES
    )
    for group in groups:
        group.permissions.add(*permissions)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(
        content_type__app_label="consultations", codename__in=CODENAMES
    )
    for group in Group.objects.all():
        if group.name.endswith(GROUP_SUFFIXES):
            group.permissions.remove(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_residency_moderation_profile"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("consultations", "0002_voting"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
