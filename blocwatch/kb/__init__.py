"""The knowledge base: actors, offices over time, bloc membership, orientation, places."""

from blocwatch.kb.base import KnowledgeBase, Standing, Tables
from blocwatch.kb.load import data_dir, default_kb, load_kb
from blocwatch.kb.schema import (
    Country,
    Group,
    Membership,
    Metonym,
    Organization,
    Orientation,
    Person,
    Place,
    Role,
)

__all__ = [
    "Country", "Group", "KnowledgeBase", "Membership", "Metonym", "Organization", "Orientation",
    "Person", "Place", "Role", "Standing", "Tables", "data_dir", "default_kb", "load_kb",
]
