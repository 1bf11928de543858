"""Derivations and story-level claims: what the linker and the assessment write per story.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "derivations",
        sa.Column("story_id", sa.String(length=64), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("article_id", sa.String(length=64), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["story_id"], ["stories.id"], name=op.f("fk_derivations_story_id_stories"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("story_id", "position", name=op.f("pk_derivations")),
    )
    with op.batch_alter_table("derivations", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_derivations_article_id"), ["article_id"], unique=False)

    op.create_table(
        "story_claims",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("story_id", sa.String(length=64), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("independent_origins", sa.Integer(), nullable=False),
        sa.Column("reliability", sa.String(length=1), nullable=False),
        sa.Column("credibility", sa.Integer(), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["story_id"], ["stories.id"], name=op.f("fk_story_claims_story_id_stories"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_story_claims")),
    )
    with op.batch_alter_table("story_claims", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_story_claims_story_id"), ["story_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("story_claims", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_story_claims_story_id"))
    op.drop_table("story_claims")
    with op.batch_alter_table("derivations", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_derivations_article_id"))
    op.drop_table("derivations")
