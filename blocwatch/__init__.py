"""blocwatch: auditable political events from English and Spanish news."""

from __future__ import annotations

__version__ = "0.1.0"
