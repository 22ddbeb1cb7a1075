"""What several app processes must agree on about access: failed sign-ins and join
attempts (per client address and target), and the sign-ins a browser keeps in a cookie.

Revision ID: 0008
Revises: 0007
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "access_failures",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("kind", sa.String(12), nullable=False),
        sa.Column("source", sa.String(64), nullable=False),
        sa.Column("target", sa.String(64), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_access_failures_source", "access_failures", ["kind", "source", "at"])
    op.create_index("ix_access_failures_target", "access_failures", ["kind", "target", "at"])
    op.create_table(
        "sign_ins",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("workspace", sa.String(64), nullable=False),
        sa.Column("credential", sa.String(16), nullable=False),
        sa.Column("token_hash", sa.String(64), nullable=True, unique=True),
        sa.Column("ticket_hash", sa.String(64), nullable=True, unique=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("sign_ins")
    op.drop_index("ix_access_failures_target", table_name="access_failures")
    op.drop_index("ix_access_failures_source", table_name="access_failures")
    op.drop_table("access_failures")
