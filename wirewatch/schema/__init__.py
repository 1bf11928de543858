"""JSON Schema files of wirewatch's public output."""
