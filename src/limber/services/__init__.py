"""Session logs, check-ins, assessments and progress statistics."""
