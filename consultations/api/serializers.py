"""The consultations' serializers: when, where, who may take part, how it is decided."""

from django.utils import timezone
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from wagtail.rich_text import expand_db_html

from consultations import counting_rules, selectors
from consultations.models import Category, ConsultationPage, Phase
from home.links import page_absolute_url

# The town-wide pool's id in the ballot files (voting.tally.TOWN_POOL; a test holds them equal).
TOWN_POOL = "town"


def page_url(request, page) -> str:
    return page_absolute_url(page, request)


def _pools(page) -> list[dict]:
    """The budget's pools as voting.pools() lists them, from the prefetched district pools."""
    town = pools_town(page)
    districts = sorted(page.budget_pools.all(), key=lambda pool: (pool.sort_order, pool.pk))
    return [town] + [
        {
            "id": f"district-{pool.district_id}",
            "name": pool.district.name,
            "amount": f"{pool.amount:.2f}",
        }
        for pool in districts
    ]


def pools_town(page) -> dict:
    return {
        "id": TOWN_POOL,
        # As voting.services.voting.town_pool_name: the town's name, from the annotation when
        # the page came from a listing.
        "name": (
            (page.centre_town or page.title)
            if hasattr(page, "centre_town")
            else getattr(page.centre, "town", "") or page.title
        ),
        "amount": f"{page.budget_amount or 0:.2f}",
    }


class PhaseSerializer(serializers.ModelSerializer):
    label = serializers.CharField(source="get_kind_display")
    ends_at = serializers.DateTimeField(source="effective_end", help_text="Closed early: when.")
    planned_end = serializers.DateTimeField(source="ends_at")

    class Meta:
        model = Phase
        fields = ["kind", "label", "starts_at", "ends_at", "planned_end", "description"]


class CategorySerializer(serializers.ModelSerializer):
    consultation = serializers.IntegerField(source="consultation_id")

    class Meta:
        model = Category
        fields = ["id", "consultation", "name", "colour", "icon"]


class ConsultationSerializer(serializers.ModelSerializer):
    """A consultation as a list shows it: when, where, who may take part, how it is decided."""

    url = serializers.SerializerMethodField()
    centre = serializers.IntegerField(source="centre_pk", allow_null=True)
    status = serializers.SerializerMethodField()
    status_sentence = serializers.SerializerMethodField()
    current_phase = serializers.SerializerMethodField()
    phases = serializers.SerializerMethodField()
    categories = CategorySerializer(many=True)
    voting = serializers.SerializerMethodField()
    map = serializers.SerializerMethodField()

    class Meta:
        model = ConsultationPage
        fields = [
            "id",
            "title",
            "slug",
            "url",
            "centre",
            "lead",
            "status",
            "status_sentence",
            "current_phase",
            "phases",
            "categories",
            "eligibility",
            "support_threshold",
            "voting",
            "map",
        ]

    def _now(self):
        return self.context.setdefault("now", timezone.now())

    def get_url(self, page) -> str:
        return page_url(self.context.get("request"), page)

    @extend_schema_field(serializers.ChoiceField(choices=["open", "upcoming", "finished"]))
    def get_status(self, page) -> str:
        return selectors.status(page, self._now())

    def get_status_sentence(self, page) -> str:
        return selectors.status_sentence(page, self._now())

    @extend_schema_field(PhaseSerializer(allow_null=True))
    def get_current_phase(self, page):
        phase = selectors.current_phase(page, self._now())
        return PhaseSerializer(phase).data if phase else None

    @extend_schema_field(PhaseSerializer(many=True))
    def get_phases(self, page):
        return PhaseSerializer(selectors.phases(page), many=True).data

    @extend_schema_field(
        {
            "type": "object",
            "properties": {
                "method": {"type": "string", "enum": ["", "approval", "budget", "question"]},
                "max_choices": {"type": "integer", "nullable": True},
                "winners": {"type": "integer", "nullable": True},
                "budget": {"type": "string", "nullable": True},
                "pools": {"type": "array", "items": {"type": "object"}},
                "questions": {"type": "array", "items": {"type": "object"}},
                "ballots_final": {"type": "boolean"},
                "double_vote_rule": {"type": "string"},
                "counting_rules": {"type": "object"},
            },
        }
    )
    def get_voting(self, page):
        method = page.voting_method
        return {
            "method": method,
            "max_choices": page.max_choices,
            "winners": page.winners_count,
            "budget": None if page.budget_amount is None else f"{page.budget_amount:.2f}",
            "pools": _pools(page) if method == ConsultationPage.VotingMethod.BUDGET else [],
            "questions": [
                {"id": question.pk, "text": question.text, "explanation": question.explanation}
                for question in page.questions.all()
            ],
            "ballots_final": page.ballots_final,
            "double_vote_rule": page.double_vote_rule,
            # The regulamin's rules as the ballot file will publish them (docs/voting.md).
            "counting_rules": counting_rules.page_rules(page),
        }

    @extend_schema_field(
        {
            "type": "object",
            "properties": {
                "latitude": {"type": "string", "nullable": True},
                "longitude": {"type": "string", "nullable": True},
                "zoom": {"type": "integer"},
                "boundary": {"type": "object", "nullable": True},
            },
        }
    )
    def get_map(self, page):
        return {
            "latitude": None if page.map_latitude is None else str(page.map_latitude),
            "longitude": None if page.map_longitude is None else str(page.map_longitude),
            "zoom": page.map_zoom,
            "boundary": page.boundary,
        }


class ConsultationDetailSerializer(ConsultationSerializer):
    """One consultation with its texts (HTML) as the page shows them."""

    easy_read = serializers.SerializerMethodField()
    rules = serializers.SerializerMethodField()

    class Meta(ConsultationSerializer.Meta):
        fields = [*ConsultationSerializer.Meta.fields, "easy_read", "rules"]

    def get_easy_read(self, page) -> str:
        return expand_db_html(page.easy_read)

    def get_rules(self, page) -> str:
        return expand_db_html(page.rules)
