"""review.services is a package: the old import paths and the tasks' dotted paths still work."""

from django.utils.module_loading import import_string

from review import services


def test_the_tasks_are_found_at_their_old_dotted_paths():
    for name in ("notify_outcome", "notify_appeal_decision"):
        assert import_string(f"review.services.{name}") is getattr(services, name)
        task = getattr(services, name)
        assert import_string(task.module_path) is task


def test_every_service_is_importable_from_the_package():
    for name in (
        "STAFF_PERMISSION",
        "review_start",
        "review_assign",
        "criterion_assess",
        "town_cost_set",
        "review_decide",
        "outcome_notify",
        "appeal_refusal",
        "appeal_file",
        "appeal_enter_paper",
        "appeal_decide",
        "may_decide_appeal",
        "pending_appeals",
        "vote_hold",
        "vote_holds",
        "vote_override",
        "appeals_due",
        "appeal_reminders_send",
        "setup_of",
    ):
        assert callable(getattr(services, name)) or name == "STAFF_PERMISSION"
