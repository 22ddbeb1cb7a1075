"""A remembered column mapping keeps the name of a file it was made for, so a
mapping file for the command line can say which export each entry is about.

Revision ID: 0006
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("column_mappings") as batch:
        batch.add_column(sa.Column("example", sa.String(255), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("column_mappings") as batch:
        batch.drop_column("example")
