"""Arbeitsmarktmentoren Sachsen website: data model, validation and page-generation logic.

Plain Python, importable without MkDocs; the files in hooks/ connect it to MkDocs events.
"""
