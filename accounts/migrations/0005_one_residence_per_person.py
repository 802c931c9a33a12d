"""One place of residence at a time; deleted accounts keep no active verification.

Before the constraint: verifications of already-deleted accounts end, and a person verified in
several towns keeps only the most recent verification (the others end with the reason).
"""

from django.db import migrations, models
from django.utils import timezone

DELETED_REASON = "Konto usunięte przez właściciela."
MOVED_REASON = "Jedno miejsce zamieszkania: obowiązuje nowsza weryfikacja (%s)."


def end_extra_verifications(apps, schema_editor):
    Verification = apps.get_model("accounts", "Verification")
    now = timezone.now()
    active = Verification.objects.filter(revoked_at__isnull=True)
    active.filter(user__deleted_at__isnull=False).update(
        revoked_at=now, revoked_by=None, revoke_reason=DELETED_REASON
    )
    kept: dict[int, object] = {}
    for verification in active.select_related("centre").order_by("user_id", "-created_at", "-pk"):
        newest = kept.setdefault(verification.user_id, verification)
        if newest.pk != verification.pk:
            verification.revoked_at = now
            verification.revoke_reason = MOVED_REASON % newest.centre.title
            verification.save(update_fields=["revoked_at", "revoke_reason"])


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0004_contact_consent"),
        ("home", "0004_remove_sitewide_default_groups"),
    ]

    operations = [
        migrations.RunPython(end_extra_verifications, migrations.RunPython.noop),
        migrations.RemoveConstraint(
            model_name="verification",
            name="accounts_one_active_verification_per_centre",
        ),
        migrations.AddConstraint(
            model_name="verification",
            constraint=models.UniqueConstraint(
                condition=models.Q(("revoked_at__isnull", True)),
                fields=("user",),
                name="accounts_one_active_verification_per_user",
            ),
        ),
    ]
