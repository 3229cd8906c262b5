"""claimboard extractor: numeric claims out of government reports, with provenance."""

__version__ = "0.1.0"
