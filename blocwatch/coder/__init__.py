"""The language-neutral coder: sentences → actor mentions → events → dates and places."""

from blocwatch.coder.pipeline import CODER, Coder

__all__ = ["CODER", "Coder"]
