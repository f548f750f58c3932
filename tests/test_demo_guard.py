"""``vigie demo`` on a database holding other data: it refuses, rather than publish its
fictitious texts in real editions and e-mail them to real subscribers."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.mark.django_db
def test_demo_refuses_a_database_with_other_data(vigie):
    """``vigie demo`` on the production database (its default data directory, or
    VIGIE_DATABASE_URL set) ingested its fictitious texts there: published in the real
    editions, e-mailed with the next digest. It runs on a new database or an earlier demo's."""
    from vigie.documents.models import Delivery, Document

    fixture = Path(__file__).resolve().parent / "fixtures" / "global" / "JORF_20260923-011003"
    assert vigie("ingest", fixture)[0] == 0
    texts = set(Document.objects.values_list("uid", flat=True))
    code, out, err = vigie("demo", "--no-serve")
    assert code == 1
    assert ("vigie demo : cette base contient déjà d'autres données que la démonstration "
            "(1 livraison(s)) : ses textes fictifs y seraient publiés") in err
    assert "VIGIE_DATA_DIR=/tmp/vigie-demo vigie demo" in err and "Site :" not in out
    assert set(Document.objects.values_list("uid", flat=True)) == texts

    Document.objects.all().delete()
    Delivery.objects.all().delete()
    assert vigie("demo", "--no-serve")[0] == 0
    assert vigie("demo", "--no-serve")[0] == 0  # an earlier demonstration's: taken again
