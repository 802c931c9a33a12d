"""Fill a fresh installation with demo content in Polish: two centres, news, legal pages."""

import logging
import os
import time

from django.core.management.base import BaseCommand
from django.db import transaction
from django.test import override_settings

from demo.people import DEMO_PASSWORD, demo_logins
from demo.seed import ADMIN_EMAIL, DEFAULT_ADMIN_PASSWORD, seed
from home.links import absolute_url

ENV_VARIABLE = "MAM_DEMO_ADMIN_PASSWORD"
SILENT_EMAIL = "django.core.mail.backends.dummy.EmailBackend"
SEED_TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


class Command(BaseCommand):
    help = (
        "Create demo content: the platform home page, programme and legal pages, the centres "
        "in Nowy Sącz and Chrzanów with their news, stand-in images, the footer settings and "
        f"a superuser {ADMIN_EMAIL}. Idempotent: what exists is found (pages by slug under "
        "their parent, images by title, the admin by email) and left untouched, so editors' "
        "changes and a changed admin password survive a rerun; only what is missing is "
        "created. The home page, site name and footer are filled only while they are still "
        "as a fresh migrate leaves them. Delete a page to have it re-created."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--admin-password",
            help=f"password for a newly created admin (default: ${ENV_VARIABLE}, else "
            f"{DEFAULT_ADMIN_PASSWORD!r}); an existing admin's password is never changed",
        )

    def handle(self, *args, admin_password=None, verbosity=1, **options):
        password = admin_password or os.environ.get(ENV_VARIABLE) or DEFAULT_ADMIN_PASSWORD
        started = time.monotonic()
        # Every page save logs a few INFO lines (tasks, page actions): keep them for -v 2.
        previous = logging.root.manager.disable
        if verbosity < 2:
            logging.disable(logging.INFO)
        try:
            # The demo's notifications (status changes, thresholds) are not for the terminal:
            # they go nowhere, and only the summary below is printed. Background work (those
            # emails, the search index) runs now, so no task worker sends them later.
            with (
                override_settings(EMAIL_BACKEND=SILENT_EMAIL, TASKS=SEED_TASKS),
                transaction.atomic(),
            ):
                report, admin = seed(admin_password=password)
        finally:
            logging.disable(previous)

        filled = [
            name
            for name, done in [
                ("the home page", report.home_filled),
                ("the site name", report.site_configured),
                ("the footer", report.footer_filled),
            ]
            if done
        ]
        summary = (
            f"Created {report.pages} pages, {report.images} images "
            f"and {report.accounts} demo accounts"
        )
        if filled:
            summary += f"; filled in {', '.join(filled)}"
        if not (report.pages or report.images or report.accounts or filled):
            summary = "Nothing to do: the demo content is already there"
        self.stdout.write(f"{summary} ({time.monotonic() - started:.1f} s).")
        if report.admin_created or admin.check_password(password):
            shown = password
        else:
            shown = "(kept as it was; not shown)"
        self.stdout.write(
            self.style.SUCCESS(
                f"Admin: {absolute_url('/admin/')}  email: {admin.email}  password: {shown}"
            )
        )
        self.stdout.write(f"Demo accounts (password for each: {DEMO_PASSWORD}):")
        for who, email in demo_logins():
            self.stdout.write(f"  {who:<48} {email}")
