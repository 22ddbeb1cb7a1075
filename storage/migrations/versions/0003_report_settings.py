"""Report branding remembered per strategy (author, colour, footer, logo).

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "report_settings",
        sa.Column("strategy_id", sa.String(32), sa.ForeignKey("strategies.id"), primary_key=True),
        sa.Column("author", sa.String(200), nullable=False),
        sa.Column("color", sa.String(7), nullable=False),
        sa.Column("footer", sa.String(300), nullable=False),
        sa.Column("logo", sa.LargeBinary, nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("report_settings")
