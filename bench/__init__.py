"""Accuracy and speed benchmarks against the public data in ../shared/eval."""
