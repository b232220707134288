"""The event store: DuckDB tables of documents, coded mentions and deduplicated events.

`open_store` opens (creating and migrating) a store; `ingest` reads, codes and stores documents;
`recode` codes every stored document again; `export` writes events out in three layouts. The
schema is in `blocwatch.store.schema` and docs/EXPORT.md.
"""

from blocwatch.store.db import Store, check_read_only, open_store
from blocwatch.store.exporting import ExportReport, export
from blocwatch.store.ingestion import IngestReport, ingest, ingest_documents
from blocwatch.store.recoding import RecodeReport, recode
from blocwatch.store.rows import event_to_row, norm_hash, row_to_event
from blocwatch.store.runs import BadDocument
from blocwatch.store.schema import EVENT_KEY_SQL, SCHEMA_VERSION

__all__ = [
    "EVENT_KEY_SQL", "SCHEMA_VERSION", "BadDocument", "ExportReport", "IngestReport",
    "RecodeReport", "Store", "check_read_only", "event_to_row", "export", "ingest",
    "ingest_documents", "norm_hash", "open_store", "recode", "row_to_event",
]
