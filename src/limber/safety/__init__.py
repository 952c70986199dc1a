"""Screening (red flags, readiness), contraindications and pain monitoring."""
