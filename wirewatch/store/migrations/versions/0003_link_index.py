"""The linker's index in the store: LSH buckets, signatures and vectors, entity postings and
their document frequencies, story records and counters (``store/link_state.py``).

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "link_articles",
        sa.Column("article_id", sa.String(length=64), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=True),
        sa.Column("signature", sa.LargeBinary(), nullable=False),
        sa.Column("vector", sa.LargeBinary(), nullable=True),
        sa.Column("join_keys", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(["article_id"], ["articles.id"],
                                name=op.f("fk_link_articles_article_id_articles"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("article_id", name=op.f("pk_link_articles")),
        sa.UniqueConstraint("seq", name=op.f("uq_link_articles_seq")),
    )
    op.create_table(
        "link_bands",
        sa.Column("bucket", sa.String(length=64), nullable=False),
        sa.Column("article_id", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(["article_id"], ["articles.id"],
                                name=op.f("fk_link_bands_article_id_articles"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("bucket", "article_id", name=op.f("pk_link_bands")),
    )
    with op.batch_alter_table("link_bands", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_link_bands_article_id"), ["article_id"], unique=False)
    op.create_table(
        "link_postings",
        sa.Column("join_key", sa.String(length=512), nullable=False),
        sa.Column("story_id", sa.String(length=64), nullable=False),
        sa.Column("last_seen", sa.Float(), nullable=False),
        sa.ForeignKeyConstraint(["story_id"], ["stories.id"],
                                name=op.f("fk_link_postings_story_id_stories"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("join_key", "story_id", name=op.f("pk_link_postings")),
    )
    with op.batch_alter_table("link_postings", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_link_postings_story_id"), ["story_id"], unique=False)
    op.create_table(
        "link_key_counts",
        sa.Column("join_key", sa.String(length=512), nullable=False),
        sa.Column("articles", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("join_key", name=op.f("pk_link_key_counts")),
    )
    op.create_table(
        "link_stories",
        sa.Column("story_id", sa.String(length=64), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("record", sa.JSON(), nullable=False),
        sa.Column("centroid", sa.LargeBinary(), nullable=True),
        sa.ForeignKeyConstraint(["story_id"], ["stories.id"],
                                name=op.f("fk_link_stories_story_id_stories"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("story_id", name=op.f("pk_link_stories")),
        sa.UniqueConstraint("seq", name=op.f("uq_link_stories_seq")),
    )
    op.create_table(
        "link_counters",
        sa.Column("name", sa.String(length=32), nullable=False),
        sa.Column("value", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_link_counters")),
    )


def downgrade() -> None:
    op.drop_table("link_counters")
    op.drop_table("link_stories")
    with op.batch_alter_table("link_postings", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_link_postings_story_id"))
    op.drop_table("link_postings")
    op.drop_table("link_key_counts")
    with op.batch_alter_table("link_bands", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_link_bands_article_id"))
    op.drop_table("link_bands")
    op.drop_table("link_articles")
