"""Sections of the longer pages, each a function drawing one part of its page."""
