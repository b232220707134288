"""Analytics over the event store: dyads, alignment, bloc cohesion, discovered blocs and the
correlation of forces. Every function takes a DuckDB connection whose `events` table has the
store's columns, runs parametrised SQL and returns Arrow tables or small dataclasses.

Charts live in `blocwatch.analyse.plots` (imported on demand: it loads matplotlib).
"""

from blocwatch.analyse._kb import region_states
from blocwatch.analyse.alignment import alignment
from blocwatch.analyse.cohesion import bloc_cohesion
from blocwatch.analyse.communities import DEFAULT_BLOCS, BlocDiscovery, discover_blocs
from blocwatch.analyse.dyad import dyad_series
from blocwatch.analyse.forces import Forces, correlation_of_forces

__all__ = [
    "DEFAULT_BLOCS", "BlocDiscovery", "Forces", "alignment", "bloc_cohesion",
    "correlation_of_forces", "discover_blocs", "dyad_series", "region_states",
]
