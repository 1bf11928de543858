"""The inverted entity index read newest first: an index on (join_key, last_seen), so a key's
latest ``MAX_POSTINGS + 1`` stories come from the index, however many stories mention the key.

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("link_postings", schema=None) as batch_op:
        batch_op.create_index("ix_link_postings_key_seen", ["join_key", "last_seen"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("link_postings", schema=None) as batch_op:
        batch_op.drop_index("ix_link_postings_key_seen")
