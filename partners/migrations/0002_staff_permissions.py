"""Give the existing centre staff groups their partners permissions (accounts.roles).

New centres get them from accounts.roles.centre_groups_ensure; groups made before this app
are completed here. The lists are copied, not imported, so this migration keeps meaning the
same thing when roles.py changes later.
"""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db import migrations

CHANGES = ["view_partnerchange", "change_partnerchange"]
PARTNERS = ["view_partner", "add_partner", "change_partner", "delete_partner"]
GROUPS = {" – Moderatorzy": CHANGES, " – Urzędnicy": CHANGES + PARTNERS, " – Redaktorzy": CHANGES + PARTNERS}


def grant(apps, schema_editor):
    CentrePage = apps.get_model("home", "CentrePage")
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    centres = list(CentrePage.objects.all())
    if not centres:
        return
    # Permissions are normally created after all migrations ran (post_migrate): make them now.
    create_permissions(global_apps.get_app_config("partners"), apps=apps, verbosity=0)
    for centre in centres:
        for suffix, codenames in GROUPS.items():
            group = Group.objects.filter(name=f"{centre.title}{suffix}").first()
            if group is None:
                continue
            group.permissions.add(
                *Permission.objects.filter(
                    content_type__app_label="partners", codename__in=codenames
                )
            )


class Migration(migrations.Migration):
    dependencies = [
        ("partners", "0001_partners_and_changes"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
