"""Revision moved from the moderation app to submissions on the same table: a
database migrated before the move keeps its revisions, their log and the
moderators' access to their queue."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from moderation.models import Action
from submissions.models import Revision

pytestmark = pytest.mark.django_db

BEFORE_THE_MOVE = ("moderation", "0003_moderators_group")


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return executor.loader.project_state([BEFORE_THE_MOVE]).apps


def test_a_revision_made_before_the_move_stays_in_the_moderators_queue(
    make_initiative, holder, moderator, moderator_client
):
    initiative = make_initiative("Cantine des Voironnais")
    old = migrate([("submissions", None)])  # Back to before the move.
    old_revision = old.get_model("moderation", "Revision").objects.create(
        initiative_id=initiative.pk, author_id=holder.pk, data={"summary": "Nouveau résumé."}
    )
    old.get_model("moderation", "Action").objects.create(
        initiative_id=initiative.pk,
        revision_id=old_revision.pk,
        moderator_id=moderator.pk,
        kind="reject",
        reason="autre",
    )

    migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())

    revision = Revision.objects.get()
    assert (revision.pk, revision.author, revision.data) == (
        old_revision.pk,
        holder,
        {"summary": "Nouveau résumé."},
    )
    assert Action.objects.get().revision == revision
    queue = moderator_client.get("/admin/moderation/revision/").content.decode()
    assert "Cantine des Voironnais" in queue
