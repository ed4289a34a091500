"""alert outbox: claim lease, per-channel delivery record, failure clock, sent snapshot

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22 04:10:00

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision: str = '0002'
down_revision: Union[str, Sequence[str], None] = '0001'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    """Upgrade schema."""
    with op.batch_alter_table('alert_outbox', schema=None) as batch_op:
        batch_op.add_column(sa.Column('claimed_by', sa.String(length=40), nullable=True))
        batch_op.add_column(sa.Column('lease_until', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('first_failed_at', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('delivered', sa.JSON(), nullable=False, server_default='[]'))
        batch_op.add_column(sa.Column('channel_results', sa.JSON(), nullable=False, server_default='{}'))
        batch_op.add_column(sa.Column('sent_facts', sa.JSON(), nullable=True))
        batch_op.create_index('ix_outbox_claim', ['claimed_by'], unique=False)


def downgrade() -> None:
    """Downgrade schema."""
    with op.batch_alter_table('alert_outbox', schema=None) as batch_op:
        batch_op.drop_index('ix_outbox_claim')
        batch_op.drop_column('sent_facts')
        batch_op.drop_column('channel_results')
        batch_op.drop_column('delivered')
        batch_op.drop_column('first_failed_at')
        batch_op.drop_column('lease_until')
        batch_op.drop_column('claimed_by')
