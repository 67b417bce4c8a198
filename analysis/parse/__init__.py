"""Text → report. In: a report's text. Out: a ParsedReport — sections, places and year, problem and
plan items, counted indicators with their sentences — plus the segmenter, sentences and themes."""
