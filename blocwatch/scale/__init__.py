"""Beyond one machine: the Dask engine and watch mode.

`code_with_dask` codes a corpus on a Dask cluster (or local worker processes) into Parquet parts
in the store's `event_mentions` layout, identical event for event to a single-process run;
`ingest_with_dask` stores them; `attach_parquet` makes parts queryable in a store without
copying; `watch` polls feeds and appends what is new to a store.

Dask is optional: it is imported inside functions only, and asking for the engine without it
raises `MissingExtraError`.
"""

from blocwatch.scale.cluster import dask_client, require_dask
from blocwatch.scale.engine import (
    DaskIngestReport,
    DaskRunReport,
    PartsCoder,
    code_with_dask,
    ingest_with_dask,
)
from blocwatch.scale.partitions import (
    DEFAULT_PARTITION_SIZE,
    Partition,
    Plan,
    Unit,
    plan_partitions,
)
from blocwatch.scale.parts import PartInfo, attach_parquet, iter_part_events, part_files
from blocwatch.scale.reading import read_partition
from blocwatch.scale.watch import WatchRound, parse_every, watch, watch_round

__all__ = [
    "DEFAULT_PARTITION_SIZE", "DaskIngestReport", "DaskRunReport", "PartInfo", "Partition",
    "PartsCoder", "Plan", "Unit", "WatchRound", "attach_parquet", "code_with_dask",
    "dask_client", "ingest_with_dask", "iter_part_events", "parse_every", "part_files",
    "plan_partitions", "read_partition", "require_dask", "watch", "watch_round",
]
