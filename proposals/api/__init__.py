"""The public API of proposals: filters.py, serializers.py and views.py."""
