"""Running calls in parallel threads, each with its own database connection (PostgreSQL tests)."""

import threading
from concurrent.futures import ThreadPoolExecutor

from django.db import connection


def run_in_threads(calls, workers):
    """Run each call in a pool of threads started together; return the exceptions raised."""
    barrier = threading.Barrier(workers)
    errors = []

    def run(call, wait):
        try:
            if wait:
                barrier.wait(timeout=30)
            call()
        except Exception as error:  # noqa: BLE001 - collected for the assertion
            errors.append(error)
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=workers) as pool:
        for position, call in enumerate(calls):
            pool.submit(run, call, position < workers)
    return errors
