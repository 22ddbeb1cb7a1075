"""Strategies and their append-only versions.

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "strategies",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("organisation", sa.String(200), nullable=False),
        sa.Column("latest_version", sa.Integer, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "strategy_versions",
        sa.Column("strategy_id", sa.String(32), sa.ForeignKey("strategies.id"), primary_key=True),
        sa.Column("version", sa.Integer, primary_key=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("author", sa.String(100), nullable=True),
        sa.Column("summary", sa.String(300), nullable=False),
        sa.Column("document", sa.Text, nullable=False),
    )
    op.create_index("ix_strategies_updated_at", "strategies", ["updated_at"])


def downgrade() -> None:
    op.drop_index("ix_strategies_updated_at", "strategies")
    op.drop_table("strategy_versions")
    op.drop_table("strategies")
