"""Text carried in two languages inside forms and rubrics."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class Text(BaseModel):
    """A string in Dutch (required) and English (expected for every text)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    nl: str = Field(min_length=1)
    en: str | None = None

    def get(self, language: str) -> str:
        """The text in ``language``, falling back to Dutch."""
        if language == "en" and self.en:
            return self.en
        return self.nl
