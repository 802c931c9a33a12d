"""Activities organised by a partner named in free text (`organiser_name`) get a partner
entry of their centre with that name (unlisted until staff complete it) and link to it."""

from django.db import migrations

CENTRE_DEPTH = 3  # root, home page, centre


def link(apps, schema_editor):
    ActivityPage = apps.get_model("events", "ActivityPage")
    CentrePage = apps.get_model("home", "CentrePage")
    Partner = apps.get_model("partners", "Partner")
    pages = ActivityPage.objects.filter(
        organiser="partner", partner__isnull=True, depth__gt=CENTRE_DEPTH
    ).exclude(organiser_name="")
    for page in pages:
        centre = CentrePage.objects.filter(path=page.path[: 4 * CENTRE_DEPTH]).first()
        if centre is None:
            continue
        partner, _created = Partner.objects.get_or_create(
            centre=centre, name=page.organiser_name.strip()[:200], defaults={"listed": False}
        )
        ActivityPage.objects.filter(pk=page.pk).update(partner=partner)


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0003_activity_partner"),
        ("partners", "0001_partners_and_changes"),
    ]

    operations = [migrations.RunPython(link, migrations.RunPython.noop)]
