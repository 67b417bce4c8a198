"""Keeping derived tables current after every write. In: the store. Out: the problem groups and plan
follow-through tables, and the stored unfiltered views (pre_*), published for readers."""
