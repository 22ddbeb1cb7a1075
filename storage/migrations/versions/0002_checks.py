"""Data checks (normalised data and results) and remembered column mappings.

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "checks",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("strategy_id", sa.String(32), sa.ForeignKey("strategies.id"), nullable=False),
        sa.Column("strategy_version", sa.Integer, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("files", sa.Text, nullable=False),
        sa.Column("data", sa.LargeBinary, nullable=False),
        sa.Column("results", sa.Text, nullable=False),
        sa.Column("warnings", sa.Text, nullable=False),
    )
    op.create_index("ix_checks_strategy", "checks", ["strategy_id", "created_at"])
    op.create_table(
        "column_mappings",
        sa.Column("strategy_id", sa.String(32), sa.ForeignKey("strategies.id"), primary_key=True),
        sa.Column("signature", sa.String(64), primary_key=True),
        sa.Column("format", sa.String(40), nullable=True),
        sa.Column("mapping", sa.Text, nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("column_mappings")
    op.drop_index("ix_checks_strategy", "checks")
    op.drop_table("checks")
