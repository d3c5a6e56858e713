"""An edit validates what it changes (and what shares a constraint with it), not every field
again (cjm/core/versioning.py ``unchecked_fields``): fewer queries, the same refusals."""

import pytest
from django.core.exceptions import ValidationError

from cjm.core.versioning import unchecked_fields
from personas.services import persona_create, persona_update
from tests.api.conftest import token_client
from touchpoints.models import Touchpoint

pytestmark = pytest.mark.django_db


def test_a_field_alone_leaves_the_others_and_their_constraints_unchecked():
    every = {field.name for field in Touchpoint._meta.concrete_fields}
    assert every - unchecked_fields(Touchpoint, {"importance"}) == {"importance"}
    # stage and position share a unique constraint: changing one checks both
    assert every - unchecked_fields(Touchpoint, {"stage"}) == {"stage", "position"}


def test_a_patch_of_one_field_has_a_fixed_query_count(world, editor, django_assert_num_queries):
    client = token_client(editor)
    url = f"/api/v1/touchpoints/{world.touchpoint.pk}/"
    etag = client.get(url)["ETag"]
    # 34 when every field was validated again (a query per foreign key, three per constraint)
    with django_assert_num_queries(20):
        answer = client.patch(url, {"importance": 9}, HTTP_IF_MATCH=etag)
    assert answer.status_code == 200, answer.content


def test_the_changed_field_is_still_validated(world, editor):
    client = token_client(editor)
    url = f"/api/v1/touchpoints/{world.touchpoint.pk}/"
    answer = client.patch(url, {"importance": 11})
    assert answer.status_code == 400
    world.touchpoint.refresh_from_db()
    assert world.touchpoint.importance != 11


def test_a_constraint_partner_of_a_changed_field_is_still_checked(world, editor):
    # (workspace, name) is unique: the rename checks the name with the unchanged workspace
    other = persona_create(actor=None, workspace=world.workspace, name="Boris")
    with pytest.raises(ValidationError) as refused:
        persona_update(actor=editor, persona=other, name=world.persona.name)
    assert "name" in refused.value.message_dict or "__all__" in refused.value.message_dict
    other.refresh_from_db()
    assert other.name == "Boris"
