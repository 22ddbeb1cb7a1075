"""A strategy's standing room: one join code for all its voting rounds, and what the
facilitator's screen shows, so that a projector window can follow it.

Revision ID: 0009
Revises: 0008
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "rooms",
        sa.Column("strategy_id", sa.String(32), sa.ForeignKey("strategies.id"), primary_key=True),
        sa.Column("code", sa.String(12), nullable=False, unique=True),
        sa.Column("view", sa.String(12), nullable=False),
        sa.Column("step", sa.Integer, nullable=False),
        sa.Column("stage", sa.String(20), nullable=False),
        sa.Column("card", sa.String(80), nullable=True),
        sa.Column("deadline", sa.Float, nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("rooms")
