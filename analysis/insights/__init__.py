"""Answering questions over the store. In: a connection and Filters. Out: documented DataFrames —
keywords and KWIC, similarity and copied text, trends, comparisons, area coverage, completeness."""
