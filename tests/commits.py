"""Tests run inside one transaction that never commits: what a commit would have run (transaction.on_commit)
waits in the connection until the test ends."""

from django.db import connection


def commit_so_far() -> None:
    """Run what the commits of the rows written so far would have run (fixtures' saves), and forget it, so that
    a test's own write registers and runs its own (`django_capture_on_commit_callbacks(execute=True)`)."""
    pending = [callback for _sids, callback, _robust in connection.run_on_commit]
    connection.run_on_commit.clear()
    for callback in pending:
        callback()
