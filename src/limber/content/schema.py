"""The schema every exercise file must satisfy.

The library is data, not code: physiotherapists can edit a YAML file, and ``limber content
check`` tells them precisely what is wrong. The same objects feed the planner, the session
timeline, the SVG figures and the camera form check.

Pose-spec angle conventions (a 2D skeleton; in the side view the figure faces right):

* ``trunk``: lean of the hip-to-shoulder line from vertical, degrees. ``+`` forward,
  ``-`` backward; ``90`` is lying face down (prone), ``-90`` lying on the back (supine).
* ``neck``: head relative to the trunk; ``+`` chin toward chest, ``-`` chin lifted.
* ``hip_*``: thigh relative to the trunk line; ``0`` in line, ``+`` flexed forward,
  ``-`` extended behind. In the front view: abduction (``+`` out to the side).
* ``knee_*``: ``0`` straight, ``+`` bent (heel toward buttock).
* ``shoulder_*``: upper arm relative to the trunk; ``0`` by the side, ``90`` forward,
  ``180`` overhead, ``-`` behind. In the front view: abduction.
* ``elbow_*``: ``0`` straight, ``+`` bent.
* ``rotation``: shoulder line turned against the hip line (front view only, weak in 2D).

Every angle is one a camera can estimate from 2D landmarks, so the pose spec can also drive
the form check.
"""

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from limber.vocab import Condition, Equipment, MovementTag, Pillar, Role

ExerciseId = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]
Text = Annotated[str, StringConstraints(min_length=3, strip_whitespace=True)]
Angle = Annotated[float, Field(ge=-180, le=180)]


class Strict(BaseModel):
    """Unknown keys are errors: a misspelt field must not be silently ignored."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class BreathPhase(Strict):
    """One phase of a breathing cycle."""

    phase: Literal["in", "hold", "out"]
    seconds: Annotated[float, Field(gt=0, le=30)]
    cue: str | None = None


class Dosage(Strict):
    """The default dose. Which fields apply depends on the kind of exercise.

    Holds use ``hold_s``; dynamic reps use ``reps`` and ``rep_s`` (seconds per repetition);
    intervals use ``work_s``, ``rest_s`` and ``rounds``; continuous work (breathing, rope-less
    bouncing) uses ``duration_s``; breathing gives its ``breath`` cycle.
    """

    sets: Annotated[int, Field(ge=1, le=10)] = 1
    reps: Annotated[int, Field(ge=1, le=100)] | None = None
    rep_s: Annotated[float, Field(gt=0, le=60)] | None = None
    hold_s: Annotated[float, Field(gt=0, le=300)] | None = None
    sides: Literal[1, 2] = 1
    work_s: Annotated[float, Field(gt=0, le=600)] | None = None
    rest_s: Annotated[float, Field(ge=0, le=600)] | None = None
    rounds: Annotated[int, Field(ge=1, le=50)] | None = None
    duration_s: Annotated[float, Field(gt=0, le=3600)] | None = None
    cadence_per_min: Annotated[int, Field(ge=10, le=300)] | None = None
    breath: list[BreathPhase] | None = None

    @model_validator(mode="after")
    def _has_a_measure(self) -> "Dosage":
        if not any((self.reps, self.hold_s, self.work_s, self.duration_s)):
            raise ValueError("a dosage needs at least one of reps, hold_s, work_s or duration_s")
        if self.work_s is not None and self.rest_s is None:
            raise ValueError("an interval dosage with work_s also needs rest_s")
        return self


class KeyPose(Strict):
    """One key pose of the movement, as joint angles (see the module docstring)."""

    name: Text
    trunk: Angle = 0
    neck: Angle = 0
    hip_left: Angle = 0
    hip_right: Angle = 0
    knee_left: Annotated[float, Field(ge=0, le=180)] = 0
    knee_right: Annotated[float, Field(ge=0, le=180)] = 0
    shoulder_left: Angle = 0
    shoulder_right: Angle = 0
    elbow_left: Annotated[float, Field(ge=0, le=180)] = 0
    elbow_right: Annotated[float, Field(ge=0, le=180)] = 0
    rotation: Angle = 0
    # Joints the camera form check compares, with the tolerance in degrees.
    check: list[
        Literal[
            "trunk",
            "neck",
            "hip_left",
            "hip_right",
            "knee_left",
            "knee_right",
            "shoulder_left",
            "shoulder_right",
            "elbow_left",
            "elbow_right",
            "rotation",
        ]
    ] = Field(default_factory=list)
    tolerance_deg: Annotated[float, Field(gt=0, le=60)] = 15


class PoseSpec(Strict):
    """The key poses and the camera view they are seen from."""

    view: Literal["side", "front"]
    poses: Annotated[list[KeyPose], Field(min_length=1, max_length=6)]
    props: list[Literal["box", "chair", "mat", "strap", "rope", "wall"]] = Field(
        default_factory=list
    )


Range = Literal["none", "gentle", "end"]
Impact = Literal["none", "low", "moderate", "high"]


class SafetyProps(Strict):
    """What the safety rules need to know about an exercise (limber/safety/rules/*.yaml).

    Rules speak of these properties, never of exercise ids, so a new exercise is judged the
    moment it declares them. ``met`` follows the Compendium of Physical Activities (2011):
    stretching about 2.3, light calisthenics 2.8, rope 8.8-12.3 (clinical.md section 6);
    under 3 MET is light work (clinical-rules.md R1, R2).
    """

    impact: Impact
    met: Annotated[float, Field(ge=1, le=15)]
    spinal_flexion: Range = "none"
    spinal_extension: Range = "none"
    spinal_rotation: Range = "none"
    supine: bool = False
    prone: bool = False
    head_below_heart: bool = False
    breath_hold: bool = False
    hip_flexion_over_90: bool = False
    # Crossing the legs or turning the thigh inward (posterior hip precautions, R8).
    hip_crossing_or_inward: bool = False
    # Pelvic-floor muscle training itself (R4: the first step for pelvic-floor symptoms).
    pelvic_floor_training: bool = False


class Exercise(Strict):
    """One exercise of the library."""

    id: ExerciseId
    name: Text
    pillar: Pillar
    role: Role
    summary: Text
    steps: Annotated[list[Text], Field(min_length=2)]
    cues: Annotated[list[Text], Field(min_length=1)]
    mistakes: Annotated[list[Text], Field(min_length=1)]
    dosage: Dosage
    difficulty: Annotated[int, Field(ge=1, le=5)]
    equipment: list[Equipment] = Field(default_factory=list)
    targets: Annotated[list[Text], Field(min_length=1)]
    tags: list[MovementTag] = Field(default_factory=list)
    contraindications: list[Condition] = Field(default_factory=list)
    cautions: list[Condition] = Field(default_factory=list)
    progressions: list[ExerciseId] = Field(default_factory=list)
    regressions: list[ExerciseId] = Field(default_factory=list)
    # The same movement in another position (side-lying, standing, seated): what a
    # ``substitute`` rule puts in this exercise's place.
    variants: list[ExerciseId] = Field(default_factory=list)
    safety: SafetyProps
    pose: PoseSpec
    evidence: Text
    # Part of Limber's founding routine: planned first among the stretches where safe.
    founding: bool = False
    # Position in the jump-rope skill order (rope-less work first); None off the rope ladder.
    skill_rank: Annotated[int, Field(ge=0, le=50)] | None = None

    @model_validator(mode="after")
    def _consistent(self) -> "Exercise":
        overlap = set(self.contraindications) & set(self.cautions)
        if overlap:
            raise ValueError(
                f"{', '.join(sorted(overlap))} is listed both as a contraindication and a caution"
            )
        if self.id in (*self.progressions, *self.regressions, *self.variants):
            raise ValueError("an exercise cannot progress or regress to itself")
        if self.pillar == "breathing" and not self.dosage.breath:
            raise ValueError("a breathing practice needs a dosage.breath cycle")
        holds = any(p.phase == "hold" for p in self.dosage.breath or [])
        if holds and not self.safety.breath_hold:
            raise ValueError(
                "the breath cycle holds the breath, so safety.breath_hold must be true"
            )
        jumps = bool({"impact", "high_impact"} & set(self.tags))
        if jumps and self.safety.impact == "none":
            raise ValueError("a jumping exercise (impact tag) cannot have safety.impact none")
        return self
