"""Factories for users and pages; pages are added under a parent through Wagtail's tree API."""

import datetime

import factory
import wagtail_factories

from accounts.models import User
from home import models as home_models


class UserFactory(factory.django.DjangoModelFactory):
    email = factory.Sequence(lambda n: f"user{n}@example.org")
    display_name = factory.Faker("first_name", locale="pl_PL")
    password = factory.django.Password("a-long-test-password")

    class Meta:
        model = User
        skip_postgeneration_save = True


class CentrePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"MAM Centrum {n}")
    town = "Nowy Sącz"
    address = "ul. Przykładowa 1\n33-300 Nowy Sącz"
    opening_hours = "Poniedziałek–piątek: 10:00–18:00\nSobota: 10:00–14:00"
    latitude = "49.625000"
    longitude = "20.691000"

    class Meta:
        model = home_models.CentrePage


class ContentPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Strona {n}")
    lead = "Krótki wstęp."

    class Meta:
        model = home_models.ContentPage


class NewsIndexPageFactory(wagtail_factories.PageFactory):
    title = "Aktualności"
    slug = "aktualnosci"

    class Meta:
        model = home_models.NewsIndexPage


class NewsPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Wiadomość {n}")
    date = factory.Sequence(lambda n: datetime.date(2019, 1, 1) + datetime.timedelta(days=n))
    lead = "Co się wydarzyło w centrum."

    class Meta:
        model = home_models.NewsPage


class AccessibilityStatementPageFactory(wagtail_factories.PageFactory):
    title = "Deklaracja dostępności"
    slug = "deklaracja-dostepnosci"
    entity_name = "Stowarzyszenie MAM"
    site_name = "Platforma MAM"
    site_url = "https://mam.example.org"
    published_on = datetime.date(2018, 7, 1)
    updated_on = datetime.date(2026, 11, 1)
    prepared_on = datetime.date(2026, 11, 1)
    contact_person = "Anna Kowalska"
    contact_email = "dostepnosc@mam.example.org"
    contact_phone = "+48 18 000 00 00"

    class Meta:
        model = home_models.AccessibilityStatementPage
