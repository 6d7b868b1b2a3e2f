"""Pydantic models: the single truth for forms, rubrics and toets files."""
