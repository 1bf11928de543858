"""Origins' records per story: what grading reads, one origin at a time (``store/linking.py``).

Each row is an origin's record over one story's claims (confirmed, contradicted, neither),
replaced whenever the story is assessed again. A store linked before this revision fills the
table as its stories are assessed again; until then their origins have no record there (grade F).

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "link_origin_records",
        sa.Column("story_id", sa.String(length=64), nullable=False),
        sa.Column("origin_key", sa.String(length=512), nullable=False),
        sa.Column("confirmed", sa.Integer(), nullable=False),
        sa.Column("contradicted", sa.Integer(), nullable=False),
        sa.Column("unresolved", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["story_id"], ["stories.id"],
                                name=op.f("fk_link_origin_records_story_id_stories"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("story_id", "origin_key", name=op.f("pk_link_origin_records")),
    )
    with op.batch_alter_table("link_origin_records", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_link_origin_records_origin_key"), ["origin_key"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("link_origin_records", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_link_origin_records_origin_key"))
    op.drop_table("link_origin_records")
