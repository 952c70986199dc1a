"""hurt reports

Revision ID: 0011
Revises: 0001
Create Date: 2026-12-03 13:30:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | Sequence[str] | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "hurt_reports",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("step_index", sa.Integer(), nullable=False),
        sa.Column("exercise_id", sa.String(length=80), nullable=True),
        sa.Column("pain", sa.Integer(), nullable=False),
        sa.Column("symptoms", sa.JSON(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["session_logs.id"],
            name=op.f("fk_hurt_reports_session_id_session_logs"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_hurt_reports_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_hurt_reports")),
    )
    with op.batch_alter_table("hurt_reports", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_hurt_reports_at"), ["at"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_hurt_reports_session_id"), ["session_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_hurt_reports_user_id"), ["user_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("hurt_reports", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_hurt_reports_user_id"))
        batch_op.drop_index(batch_op.f("ix_hurt_reports_session_id"))
        batch_op.drop_index(batch_op.f("ix_hurt_reports_at"))

    op.drop_table("hurt_reports")
