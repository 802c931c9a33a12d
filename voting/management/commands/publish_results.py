"""Count the votes of a closed vote and publish the result, e.g. from a job run after voting."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from accounts.models import User
from consultations.models import ConsultationPage
from consultations.permissions import may_publish_results
from voting.services import results


class Command(BaseCommand):
    help = (
        "Count the votes of a consultation whose voting has closed and publish the results, "
        "in the name of an editor or official of its centre (schedule it after voting closes)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--consultation", type=int, required=True, help="the page's ID")
        parser.add_argument(
            "--by", required=True, help="email address of the editor or official who publishes"
        )

    def handle(self, *args, **options):
        consultation = ConsultationPage.objects.filter(pk=options["consultation"]).first()
        if consultation is None:
            raise CommandError(f"No consultation with ID {options['consultation']}.")
        user = User.objects.filter(email__iexact=options["by"].strip()).first()
        if user is None:
            raise CommandError(f"No account with the email address {options['by']}.")
        if not may_publish_results(user, consultation):
            raise CommandError(
                f"{user.email} may not publish the results of “{consultation.title}”: "
                "only its editors and the officials of its centre may."
            )
        try:
            snapshot = results.publish_results(consultation=consultation, by=user)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        turnout = snapshot.figures["turnout"]
        self.stdout.write(
            f"Published the results of “{consultation.title}”: {turnout['ballots']} ballots "
            f"({turnout['valid']} valid, {turnout['void']} void).\n"
            f"SHA-256 of the ballots: JSON {snapshot.ballots_checksum}, "
            f"CSV {snapshot.csv_checksum}."
        )
