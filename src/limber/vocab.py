"""Controlled vocabularies shared by content, safety, plans and the store.

One list each, so that a typo in a content file or an answers file is caught by validation
instead of silently never matching.
"""

from typing import Literal, get_args

Condition = Literal[
    "osteoporosis",
    "osteoporosis_vertebral_fracture",
    "pregnancy",
    "spinal_stenosis",
    "spondylolisthesis",
    "acute_disc_herniation",
    "recent_spinal_surgery",
    "knee_or_ankle_problem",
    "pelvic_floor_symptoms",
    "high_blood_pressure",
    "glaucoma",
    "heart_condition",
    "shoulder_problem",
    "wrist_problem",
    "hip_problem",
    "balance_problem",
    "respiratory_condition",
    "metabolic_or_kidney_disease",
    "postpartum",
    "sciatica",
    "hip_replacement",
    "recent_fall",
]
CONDITIONS: tuple[str, ...] = get_args(Condition)

CONDITION_LABELS: dict[str, str] = {
    "osteoporosis": "Osteoporosis (thin bones)",
    "osteoporosis_vertebral_fracture": "Osteoporosis with a fracture of a spinal bone",
    "pregnancy": "Pregnancy",
    "spinal_stenosis": "Spinal stenosis (narrowing of the spinal canal)",
    "spondylolisthesis": "Spondylolysis or spondylolisthesis (a slipped vertebra)",
    "acute_disc_herniation": "A recent (acute) disc herniation",
    "recent_spinal_surgery": "Spinal surgery in the last 12 months (give its date and type)",
    "knee_or_ankle_problem": "A knee or ankle problem",
    "pelvic_floor_symptoms": "Pelvic floor symptoms (e.g. leaking urine when jumping)",
    "high_blood_pressure": "High blood pressure",
    "glaucoma": "Glaucoma",
    "heart_condition": "A heart condition",
    "shoulder_problem": "A shoulder problem",
    "wrist_problem": "A wrist problem",
    "hip_problem": "A hip problem",
    "balance_problem": "Problems with balance or dizziness",
    "respiratory_condition": "Asthma, COPD or another breathing condition",
    "metabolic_or_kidney_disease": "Diabetes, another metabolic disease or kidney disease",
    "postpartum": "Gave birth in the last 12 months",
    "sciatica": "Sciatica (pain spreading down a leg)",
    "hip_replacement": "A hip replacement",
    "recent_fall": "A fall in the last 12 months",
}

SurgeryType = Literal["discectomy", "laminectomy", "fusion", "other"]
SURGERY_TYPES: tuple[str, ...] = get_args(SurgeryType)

# Kinds of clearance a person can record after a clinician has seen them; each lifts the
# rules that wait for it (see limber.safety.rules/*.yaml, ``clearance:``).
ClearanceKind = Literal[
    "red_flag", "readiness", "surgeon", "pregnancy_provider", "pelvic_health", "review"
]
CLEARANCE_KINDS: tuple[str, ...] = get_args(ClearanceKind)

CLEARANCE_LABELS: dict[str, str] = {
    "red_flag": "A clinician has seen the warning sign and says exercise may go on",
    "readiness": "A doctor or exercise professional cleared you for exercise",
    "surgeon": "Your surgeon gave you a plan for exercise after the operation",
    "pregnancy_provider": "Your midwife or doctor agreed the exercise in your pregnancy",
    "pelvic_health": "A pelvic-health physiotherapist agreed that you may jump",
    "review": "A clinician reviewed your programme after a long flare or repeated flares",
}

Equipment = Literal["chair_or_box", "rope", "mat", "strap"]
EQUIPMENT: tuple[str, ...] = get_args(Equipment)

EQUIPMENT_LABELS: dict[str, str] = {
    "chair_or_box": "A sturdy chair, step or box",
    "rope": "A jump rope",
    "mat": "An exercise mat",
    "strap": "A strap, belt or towel",
}

Pillar = Literal["stretch", "jump_rope", "breathing"]
PILLARS: tuple[str, ...] = get_args(Pillar)

# Where an exercise sits in a session; the planner fills blocks in this order.
BlockKind = Literal["opening_breathing", "mobility", "strength", "rope", "closing_breathing"]
BLOCK_KINDS: tuple[str, ...] = get_args(BlockKind)

# What role an exercise can play; the planner picks from the matching pool.
Role = Literal["mobility", "strength", "rope_prep", "rope_skill", "rope_interval", "breathing"]
ROLES: tuple[str, ...] = get_args(Role)

MovementTag = Literal[
    "flexion",
    "extension",
    "rotation",
    "side_bend",
    "impact",
    "high_impact",
    "head_below_heart",
    "breath_hold",
    "kneeling",
    "floor",
    "standing",
    "seated",
    "balance",
    "strength",
    "mobility",
    "motor_control",
    "relaxation",
    "endurance",
    "upper_body",
    "lower_body",
    "core",
    "hip",
    "end_range",
    "loaded",
]
MOVEMENT_TAGS: tuple[str, ...] = get_args(MovementTag)
