"""Entering an issue's catalogues: create an issue, add one event, import a file, with all-or-nothing writes."""
