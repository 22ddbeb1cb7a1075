"""Voting rounds (a join code per round) and the dots participants place.

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "voting_rounds",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("strategy_id", sa.String(32), sa.ForeignKey("strategies.id"), nullable=False),
        sa.Column("code", sa.String(12), nullable=False, unique=True),
        sa.Column("subject", sa.String(20), nullable=False),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("options", sa.Text, nullable=False),
        sa.Column("dots", sa.Integer, nullable=False),
        sa.Column("is_open", sa.Boolean, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "votes",
        sa.Column("round_id", sa.Integer, sa.ForeignKey("voting_rounds.id"), primary_key=True),
        sa.Column("participant", sa.String(40), primary_key=True),
        sa.Column("option_id", sa.String(80), primary_key=True),
        sa.Column("name", sa.String(60), nullable=False),
        sa.Column("dots", sa.Integer, nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("votes")
    op.drop_table("voting_rounds")
