"""Benchmarks: speed and accuracy targets, run by `make bench`."""
