"""Steps and branches: writes that change which step a stage belongs to and the order of steps.

A step is a group of alternative stages (branches, e.g. courier vs pick-up). The invariants every
write here keeps (and ``check_steps`` asserts):

- the stages of one step are adjacent in position (a step is one block of columns);
- ``is_optional`` is the same for every stage of a step (setting it on one sets the step).

Steps are ordered by their stages' positions; the step number only groups. Moves by position
alone (``stage_move``, ``stage_create`` with a position) never split another step: a stage that
would land between two stages of another step lands right after that step instead; a stage that
is moved away from its step-mates leaves their step and becomes a required step of its own.
"""

from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from cjm.core import positions
from cjm.core.changes import CREATED, UPDATED, new_values, record_on_map
from cjm.core.permissions import require_role
from cjm.core.roles import Role
from cjm.core.typing import Actor
from cjm.core.versioning import lock_fresh
from cjm.models import Journey, Stage
from cjm.models.journeys import next_free_step

MAX_STEP = 100_000


def step_groups(stages: Sequence[Stage]) -> list[list[Stage]]:
    """Stages (in position order) cut into steps: runs of the same step number."""
    groups: list[list[Stage]] = []
    for stage in stages:
        if groups and groups[-1][0].step == stage.step:
            groups[-1].append(stage)
        else:
            groups.append([stage])
    return groups


def check_steps(stages: Sequence[Stage]) -> None:
    """Raise a ValidationError (on ``step``) unless every step is one block of adjacent stages
    whose ``is_optional`` agree."""
    seen: set[int] = set()
    for group in step_groups(stages):
        step = group[0].step
        if step in seen:
            raise ValidationError(
                {
                    "step": [
                        _(
                            "The stages of step %(step)s would not stand next to each other: "
                            "a step's stages must be adjacent. Move the stage next to them first."
                        )
                        % {"step": step}
                    ]
                }
            )
        seen.add(step)
        if len({stage.is_optional for stage in group}) > 1:
            raise ValidationError(
                {"is_optional": [_("All the stages of one step must be optional, or none.")]}
            )


def landing_index(others: Sequence[Stage], index: int, step: int | None) -> int:
    """Where a stage of ``step`` asked to go at ``index`` among ``others`` (the journey's other
    stages, in order) lands: never between two stages of another step (then right after it)."""
    index = max(0, min(index, len(others)))
    while (
        0 < index < len(others)
        and others[index - 1].step == others[index].step
        and others[index].step != step
    ):
        index += 1
    return index


def _ordered(journey_id: int) -> list[Stage]:
    return list(Stage.objects.filter(journey_id=journey_id).order_by("position"))


def save_layout(
    *,
    actor: Actor,
    journey: Journey,
    before: Sequence[Stage],
    after: Sequence[Stage],
    main: Stage | None = None,
) -> list[Stage]:
    """Write a new order (positions) and step/is_optional values of a journey's stages, check
    the invariants, bump the version of every stage whose step or is_optional changed and record
    a change for each (with ``position`` too for ``main``). ``before``: fresh copies; ``after``:
    the same stages (other objects) in their new order with their new values."""
    check_steps(after)
    old = {stage.pk: stage for stage in before}
    positions.renumber(Stage.objects.filter(journey_id=journey.pk), [s.pk for s in after])
    changed: dict[int, dict] = {}
    for index, stage in enumerate(after):
        was = old[stage.pk]
        fields = {}
        for name in ("step", "is_optional"):
            if getattr(was, name) != getattr(stage, name):
                fields[name] = {"old": getattr(was, name), "new": getattr(stage, name)}
        if main is not None and stage.pk == main.pk:
            fields["position"] = {"old": was.position, "new": index}
        if fields:
            changed[stage.pk] = fields
    stepped = [s for s in after if s.pk in changed and set(changed[s.pk]) - {"position"}]
    if stepped:
        Stage.objects.bulk_update(stepped, ["step", "is_optional"])
        Stage.objects.filter(pk__in=[s.pk for s in stepped]).update(version=F("version") + 1)
    fresh = Stage.objects.in_bulk(list(changed)) if changed else {}
    for pk, fields in changed.items():
        record_on_map(actor, fresh[pk], UPDATED, journey=journey, fields=fields)
    return _ordered(journey.pk)


def _copies(stages: Sequence[Stage]) -> list[Stage]:
    """Detached copies to edit (the originals stay as ``before``)."""
    return [
        Stage(
            pk=s.pk,
            journey_id=s.journey_id,
            name=s.name,
            position=s.position,
            step=s.step,
            is_optional=s.is_optional,
        )
        for s in stages
    ]


def _start(actor: Actor, stage: Stage, expected_version: int | None) -> tuple[Journey, Stage]:
    require_role(actor, stage.journey.workspace_id, Role.EDITOR)
    journey = positions.lock(Journey, stage.journey_id)
    fresh = lock_fresh(stage, expected_version)
    return journey, fresh


# --- Operations ----------------------------------------------------------------------------


@transaction.atomic
def stage_branch_create(*, actor: Actor, stage: Stage, name: str, **fields) -> Stage:
    """A new alternative stage in ``stage``'s step, right after the step's last stage (optional
    when the step is)."""
    journey, fresh = _start(actor, stage, None)
    stages = _ordered(journey.pk)
    last = max(s.position for s in stages if s.step == fresh.step)
    position = positions.make_room(Stage.objects.filter(journey=journey), last + 1)
    branch = Stage(
        journey=journey,
        name=name,
        position=position,
        step=fresh.step,
        is_optional=fresh.is_optional,
        updated_by=actor,
        **fields,
    )
    branch.full_clean()
    branch.save()
    names = ["name", "position", "step", "is_optional", *fields]
    record_on_map(actor, branch, CREATED, journey=journey, fields=new_values(branch, names))
    return branch


@transaction.atomic
def stage_step_join(
    *, actor: Actor, stage: Stage, target: Stage, expected_version: int | None = None
) -> Stage:
    """Move ``stage`` into the step of ``target`` (another stage of the same journey): it
    becomes an alternative there, placed right after the step's last stage, and takes the
    step's optional flag."""
    journey, fresh = _start(actor, stage, expected_version)
    if target.journey_id != fresh.journey_id:
        raise ValidationError({"step": [_("The stage belongs to another journey.")]})
    stages = _ordered(journey.pk)
    target_step = next(s for s in stages if s.pk == target.pk).step
    if target_step == fresh.step:
        return fresh
    after = [s for s in _copies(stages) if s.pk != fresh.pk]
    moved = next(s for s in _copies(stages) if s.pk == fresh.pk)
    last = max(i for i, s in enumerate(after) if s.step == target_step)
    moved.step = target_step
    moved.is_optional = after[last].is_optional
    after.insert(last + 1, moved)
    save_layout(actor=actor, journey=journey, before=stages, after=after, main=fresh)
    return Stage.objects.get(pk=fresh.pk)


@transaction.atomic
def stage_step_leave(*, actor: Actor, stage: Stage, expected_version: int | None = None) -> Stage:
    """Take ``stage`` out of its step: it becomes a required step of its own, right after
    the step it left. A stage alone in its step stays as it is."""
    journey, fresh = _start(actor, stage, expected_version)
    stages = _ordered(journey.pk)
    mates = [s for s in stages if s.step == fresh.step and s.pk != fresh.pk]
    if not mates:
        return fresh
    after = [s for s in _copies(stages) if s.pk != fresh.pk]
    moved = next(s for s in _copies(stages) if s.pk == fresh.pk)
    last = max(i for i, s in enumerate(after) if s.step == fresh.step)
    moved.step = next_free_step(journey.pk)
    moved.is_optional = False
    after.insert(last + 1, moved)
    save_layout(actor=actor, journey=journey, before=stages, after=after, main=fresh)
    return Stage.objects.get(pk=fresh.pk)


@transaction.atomic
def step_move(*, actor: Actor, stage: Stage, index: int) -> Stage:
    """Move ``stage``'s whole step (all its alternatives) to the 0-based ``index`` among the
    journey's steps (clamped); the other steps keep their order."""
    journey, fresh = _start(actor, stage, None)
    stages = _ordered(journey.pk)
    groups = step_groups(_copies(stages))
    moving = next(g for g in groups if g[0].step == fresh.step)
    groups.remove(moving)
    groups.insert(max(0, min(index, len(groups))), moving)
    after = [s for group in groups for s in group]
    save_layout(actor=actor, journey=journey, before=stages, after=after, main=fresh)
    return Stage.objects.get(pk=fresh.pk)


@transaction.atomic
def step_optional_set(
    *, actor: Actor, stage: Stage, is_optional: bool, expected_version: int | None = None
) -> Stage:
    """Make ``stage``'s step optional (customers may skip it) or required: every stage of the
    step changes together."""
    journey, fresh = _start(actor, stage, expected_version)
    stages = _ordered(journey.pk)
    after = _copies(stages)
    for s in after:
        if s.step == fresh.step:
            s.is_optional = is_optional
    save_layout(actor=actor, journey=journey, before=stages, after=after)
    return Stage.objects.get(pk=fresh.pk)


def stage_step_set(
    *,
    actor: Actor,
    journey: Journey,
    stage: Stage,
    step: int | None,
    is_optional: bool | None,
    before: Sequence[Stage],
) -> None:
    """Apply a stage's new ``step`` / ``is_optional`` as a client wrote them (the stage keeps its
    position): joining a step adopts its optional flag unless one is given; a given flag applies
    to the whole step. Non-adjacent results are refused. Called inside the caller's transaction
    after its own field changes (``before``: the journey's stages as they were)."""
    after = _copies(before)
    mine = next(s for s in after if s.pk == stage.pk)
    if step is not None and step != mine.step:
        if step < 0 or step > MAX_STEP:
            raise ValidationError({"step": [_("A step is a whole number from 0.")]})
        mine.step = step
        joined = [s for s in after if s.step == step and s.pk != mine.pk]
        if joined and is_optional is None:
            mine.is_optional = joined[0].is_optional
        elif not joined and is_optional is None:
            mine.is_optional = False
    if is_optional is not None:
        for s in after:
            if s.step == mine.step:
                s.is_optional = is_optional
    save_layout(actor=actor, journey=journey, before=before, after=after)


def place_by_position(stages: Sequence[Stage], pk: int, index: int) -> list[Stage]:
    """The journey's stages (copies) after moving stage ``pk`` to ``index`` by position alone:
    it never lands inside another step, and leaves its own step (a new required step) when it
    is no longer next to its step-mates."""
    copies = _copies(stages)
    moved = next(s for s in copies if s.pk == pk)
    others = [s for s in copies if s.pk != pk]
    index = landing_index(others, index, moved.step)
    others.insert(index, moved)
    try:
        check_steps(others)
    except ValidationError:
        moved.step = max(s.step for s in copies) + 1
        moved.is_optional = False
    return others
