"""An activity's room becomes a room of the centre (rooms.Room); the free text stays as the
place for elsewhere. Existing text naming a room of the activity's centre is mapped to it."""

import django.db.models.deletion
from django.db import migrations, models


def map_rooms(apps, schema_editor):
    ActivityPage = apps.get_model("events", "ActivityPage")
    CentrePage = apps.get_model("home", "CentrePage")
    Room = apps.get_model("rooms", "Room")
    centres = list(CentrePage.objects.only("path"))
    for activity in ActivityPage.objects.exclude(place=""):
        centre = next((c for c in centres if activity.path.startswith(c.path)), None)
        if centre is None:
            continue
        room = Room.objects.filter(centre_id=centre.pk, name__iexact=activity.place.strip()).first()
        if room is not None:
            ActivityPage.objects.filter(pk=activity.pk).update(room=room, place="")


def unmap_rooms(apps, schema_editor):
    ActivityPage = apps.get_model("events", "ActivityPage")
    for activity in ActivityPage.objects.exclude(room=None).select_related("room"):
        ActivityPage.objects.filter(pk=activity.pk).update(place=activity.room.name[:120])


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0001_activities_and_signups"),
        ("rooms", "0001_rooms_and_bookings"),
        ("home", "0004_remove_sitewide_default_groups"),
    ]

    operations = [
        migrations.RenameField(model_name="activitypage", old_name="room", new_name="place"),
        migrations.AlterField(
            model_name="activitypage",
            name="place",
            field=models.CharField(
                blank=True,
                help_text="Where it is, when it is not one of the centre's rooms.",
                max_length=120,
                verbose_name="place",
            ),
        ),
        migrations.AddField(
            model_name="activitypage",
            name="room",
            field=models.ForeignKey(
                blank=True,
                help_text="A room of the centre, if it is here: the activity books it for each date.",
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="activities",
                to="rooms.room",
                verbose_name="room",
            ),
        ),
        migrations.RunPython(map_rooms, unmap_rooms),
    ]
