"""Staff views in Wagtail's admin: residency verification, codes, organisations, moderation.

Every list and action is scoped with `accounts.roles.staff_centres`, so staff of one centre
never see or change another centre's data; the viewsets are registered in `wagtail_hooks`.
"""
