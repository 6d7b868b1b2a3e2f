"""Is this toets signed as it stands? A cheap, pure check for the editor's warning."""

from __future__ import annotations

from dataclasses import dataclass

from toetsapp.formatting import format_list
from toetsapp.i18n import _
from toetsapp.model.toets import CoSignature, Toets
from toetsapp.signing.content import accepted_digests, content_digest


@dataclass(frozen=True)
class SignedState:
    """Which co-signatures were made over exactly the current content.

    Only digests are compared (no cryptography, no trust store): use
    :func:`~toetsapp.signing.verify_toets` to know whether signatures are genuine.
    """

    digest: str
    current: tuple[CoSignature, ...]
    outdated: tuple[CoSignature, ...]

    @property
    def signed(self) -> bool:
        """True when an edit now would void at least one co-signature."""
        return bool(self.current)

    @property
    def organisations(self) -> list[str]:
        """Organisations whose signatures an edit would void."""
        return list(dict.fromkeys(s.organisation for s in self.current))

    def edit_warning(self) -> str | None:
        """The message to show before the first edit, or None when nothing is at stake."""
        if not self.current:
            return None
        return _("Deze toets is ondertekend door {organisations}. Als je iets wijzigt, "
                 "vervallen deze handtekeningen en moet opnieuw worden ondertekend.").format(
            organisations=format_list(self.organisations))


def signed_state(toets: Toets) -> SignedState:
    """Split ``toets.signatures`` into current (content unchanged) and outdated ones."""
    digest = content_digest(toets)
    accepted = accepted_digests(toets) if toets.migrated_from else {digest}
    current = tuple(s for s in toets.signatures if s.content_digest in accepted)
    outdated = tuple(s for s in toets.signatures if s.content_digest not in accepted)
    return SignedState(digest, current, outdated)
