"""Phone campaigns declare their subject's category (docs/rules.md §1.7): energy renovation, adapting a
home to ageing or disability, training paid with the CPF, or another subject. The declaration decides
who may be called, not the words of the subject.

Campaigns created before this revision were decided on their subject's words: each gets the category
those words named then (the list below, frozen as it was), so that no campaign starts allowing calls
it refused.

Revision ID: 0013
Revises: 0012
Create Date: 2026-11-30 17:00:00
"""
import unicodedata
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0013'
down_revision: str | None = '0012'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

WORDS = {
    "energy": (
        "renovation energetique", "renovation thermique", "economie d'energie", "economies d'energie",
        "economies d energie", "isolation", "pompe a chaleur", "pompes a chaleur", "photovolta",
        "panneau solaire", "panneaux solaires", "chaudiere", "maprimerenov", "energie renouvelable",
        "energies renouvelables", "audit energetique", "performance energetique",
    ),
    "home-adaptation": (
        "adaptation du logement", "adapter le logement", "adapter son logement", "vieillissement",
        "handicap", "perte d'autonomie", "maprimeadapt", "monte-escalier", "monte escalier",
        "douche senior", "salle de bain senior", "maintien a domicile",
    ),
}  # fmt: skip


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text or "").encode("ascii", "ignore").decode().lower()
    return " ".join(text.split())


def upgrade() -> None:
    with op.batch_alter_table('campaigns', schema=None) as batch_op:
        batch_op.add_column(sa.Column('subject_category', sa.String(length=20), nullable=False, server_default='other'))
    conn = op.get_bind()
    campaigns = sa.table("campaigns", sa.column("id", sa.Integer), sa.column("kind", sa.String),
                         sa.column("subject", sa.String), sa.column("subject_category", sa.String))  # fmt: skip
    for cid, subject in conn.execute(sa.select(campaigns.c.id, campaigns.c.subject).where(campaigns.c.kind == "phone")):
        key = f" {_fold(subject)} "
        category = next((c for c, words in WORDS.items() if any(w in key for w in words)), None)
        if category:
            conn.execute(campaigns.update().where(campaigns.c.id == cid).values(subject_category=category))


def downgrade() -> None:
    with op.batch_alter_table('campaigns', schema=None) as batch_op:
        batch_op.drop_column('subject_category')
