"""Storage of official documents: idempotent upserts, versions, deliveries, anomalies."""
