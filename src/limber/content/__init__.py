"""The exercise library: YAML data files validated by a pydantic schema."""
