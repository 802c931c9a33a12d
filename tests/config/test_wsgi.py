"""The WSGI entry point freezes what the process loaded, so full collections stay short."""

import gc
import importlib


def test_loading_the_wsgi_application_freezes_the_loaded_objects():
    import config.wsgi

    gc.unfreeze()
    try:
        importlib.reload(config.wsgi)
        assert gc.get_freeze_count() > 10_000
    finally:
        gc.unfreeze()
