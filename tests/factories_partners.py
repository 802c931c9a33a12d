"""Factories for partners: an index under a centre and the centre's partners."""

import factory
import wagtail_factories

from partners.models import Partner, PartnerIndexPage


class PartnerIndexPageFactory(wagtail_factories.PageFactory):
    title = "Partnerzy"
    slug = "partnerzy"

    class Meta:
        model = PartnerIndexPage


class PartnerFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Stowarzyszenie {n}")
    description = "Pomagamy sąsiadom w sprawach codziennych."
    email = "kontakt@example.org"
    phone = "+48 18 000 00 00"
    address = "ul. Długa 1, Nowy Sącz"

    class Meta:
        model = Partner


def index_of(centre) -> PartnerIndexPage:
    index = PartnerIndexPage.objects.child_of(centre).first()
    return index or PartnerIndexPageFactory(parent=centre)


def partner_url(partner, suffix="") -> str:
    return f"{index_of(partner.centre).url}{partner.pk}/{suffix}"
