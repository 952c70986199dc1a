"""A session as a timeline of timed steps that every player plays unchanged."""
