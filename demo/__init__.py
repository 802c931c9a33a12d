"""Demo content for `manage.py seed_demo`: texts, stand-in images and the builder."""
