from contextlib import contextmanager

from django.db import connection


@contextmanager
def committed():
    """Changes made in ``with committed():`` run their after-commit work and leave the
    queue empty, as a real commit would (tests run in a transaction that never commits)."""
    start = len(connection.run_on_commit)
    yield
    callbacks = connection.run_on_commit[start:]
    del connection.run_on_commit[start:]
    for _savepoints, callback, _robust in callbacks:
        callback()
