"""check-in pain memory: the symptom list and the next-morning pain score

Revision ID: 0010
Revises: 0001
Create Date: 2026-11-24 10:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | Sequence[str] | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("checkins", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("symptoms", sa.JSON(), nullable=False, server_default=sa.text("'[]'"))
        )
        batch_op.add_column(sa.Column("morning_pain", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("pelvic_floor_symptoms", sa.Boolean(), nullable=True))
    # Existing check-ins asked only about the leg: a tick there is the list's "leg" item.
    op.execute(sa.text("""UPDATE checkins SET symptoms = '["leg"]' WHERE new_leg_symptoms"""))


def downgrade() -> None:
    with op.batch_alter_table("checkins", schema=None) as batch_op:
        batch_op.drop_column("pelvic_floor_symptoms")
        batch_op.drop_column("morning_pain")
        batch_op.drop_column("symptoms")
