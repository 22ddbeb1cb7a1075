"""Strategies belong to a workspace ("" on a laptop without access protection).

Revision ID: 0005
Revises: 0004
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("strategies") as batch:
        batch.add_column(sa.Column("workspace", sa.String(64), nullable=False, server_default=""))
    op.create_index("ix_strategies_workspace", "strategies", ["workspace", "updated_at"])


def downgrade() -> None:
    op.drop_index("ix_strategies_workspace", table_name="strategies")
    with op.batch_alter_table("strategies") as batch:
        batch.drop_column("workspace")
