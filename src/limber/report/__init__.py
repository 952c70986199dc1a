"""Charts, the clinician PDF and exports (FHIR, CSV, calendar, backup)."""
