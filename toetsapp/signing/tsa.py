"""RFC 3161 timestamps: a client over HTTP with the standard library (no extra packages),
and timestamp tokens over a co-signature's value (made and checked here).

pyHanko asks :class:`UrlTimeStamper` for a token; the request is POSTed as
``application/timestamp-query`` and the reply must be ``application/timestamp-reply``.
"""

from __future__ import annotations

import asyncio
import hashlib
import urllib.error
import urllib.request
from datetime import datetime

from pyhanko.sign.timestamps.api import TimeStamper
from pyhanko.sign.timestamps.common_utils import TimestampRequestError

from toetsapp.errors import ToetsappError
from toetsapp.i18n import _

MAX_REPLY = 1 * 2**20


class TimestampProblem(ToetsappError):
    """No timestamp came from the TSA: unreachable, refused, or a reply that is not one
    (the app offers to sign without a timestamp)."""


class UrlTimeStamper(TimeStamper):
    """Timestamps from the TSA at ``url`` (http or https)."""

    def __init__(self, url: str, timeout: float = 20) -> None:
        super().__init__()
        self.url, self.timeout = url, timeout

    def _post(self, body: bytes) -> bytes:
        request = urllib.request.Request(self.url, data=body, method="POST", headers={
            "Content-Type": "application/timestamp-query"})
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as reply:
                kind = reply.headers.get("Content-Type", "")
                data = reply.read(MAX_REPLY + 1)
        except urllib.error.HTTPError as exc:
            raise TimestampRequestError(_("de tijdstempeldienst antwoordt met fout {code} "
                                          "({reason})").format(code=exc.code, reason=exc.reason)
                                        ) from exc
        except (urllib.error.URLError, OSError) as exc:
            reason = getattr(exc, "reason", None) or exc
            raise TimestampRequestError(_("de tijdstempeldienst is niet bereikbaar ({reason})")
                                        .format(reason=reason)) from exc
        if kind.split(";")[0].strip() != "application/timestamp-reply" or len(data) > MAX_REPLY:
            raise TimestampRequestError(_("het antwoord van de tijdstempeldienst is geen "
                                          "tijdstempel"))
        return data

    async def async_request_tsa_response(self, req):  # tsp.TimeStampReq -> tsp.TimeStampResp
        from asn1crypto import tsp

        data = await asyncio.to_thread(self._post, req.dump())
        return tsp.TimeStampResp.load(data)


def url_timestamper(url: str) -> UrlTimeStamper:
    """The client for ``url``; refuses anything but http(s)."""
    if not url.startswith(("http://", "https://")):
        raise ToetsappError(_("de tijdstempeldienst moet een http- of https-adres zijn: {url}")
                            .format(url=url))
    return UrlTimeStamper(url)


def stamp(url: str, data: bytes) -> bytes:
    """A timestamp token (DER ``ContentInfo``) over SHA-256 of ``data`` from the TSA at
    ``url``; :class:`TimestampProblem` when none comes (:class:`ToetsappError` for an
    address that is not http(s))."""
    stamper = url_timestamper(url)
    try:
        token = asyncio.run(stamper.async_timestamp(hashlib.sha256(data).digest(), "sha256"))
    except (TimestampRequestError, OSError, ValueError) as exc:
        raise TimestampProblem(_("geen tijdstempel van {url}: {error}")
                            .format(url=url, error=exc)) from None
    return token.dump()


def stamp_time(token: bytes) -> datetime | None:
    """The moment a timestamp token states (its ``genTime``), unchecked; None when the
    token cannot be read. For showing what was just added; :func:`check_stamp` validates."""
    from asn1crypto import cms

    try:
        info = cms.ContentInfo.load(token)
        return info["content"]["encap_content_info"]["content"].parsed["gen_time"].native
    except Exception:  # asn1crypto raises many kinds for a damaged token
        return None


def check_stamp(token: bytes, data: bytes, context) -> tuple[datetime | None, str]:
    """(time, problem) for a timestamp token over ``data``, validated with the pyHanko
    ``context`` (trust anchors, CRLs, moment). ``problem``: '' when the token is intact,
    its imprint is SHA-256 of ``data`` and the TSA is trusted; else ``"unreadable"``,
    ``"mismatch"`` or ``"untrusted"`` (:func:`stamp_problem` says it in words)."""
    from asn1crypto import cms
    from cryptography.hazmat.primitives import hashes
    from pyhanko.sign.validation.generic_cms import (
        get_hash_spec_for_tst_digest,
        validate_tst_signed_data,
    )
    from pyhanko.sign.validation.status import TimestampSignatureStatus

    def imprint(algorithm: str) -> bytes:
        digest = hashes.Hash(get_hash_spec_for_tst_digest(algorithm))
        digest.update(data)
        return digest.finalize()

    try:
        info = cms.ContentInfo.load(token)
        if info["content_type"].native != "signed_data":
            raise ValueError("not SignedData")
        status = TimestampSignatureStatus(**asyncio.run(
            validate_tst_signed_data(info["content"], context, imprint)))
    except Exception:  # asn1crypto and pyHanko raise many kinds for a damaged token
        return None, "unreadable"
    if not (status.intact and status.valid):
        return status.timestamp, "mismatch"
    return status.timestamp, "" if status.trusted else "untrusted"


def stamp_problem(problem: str) -> str:
    """The sentence for a :func:`check_stamp` problem."""
    return {"unreadable": _("de tijdstempel kan niet worden gelezen"),
            "mismatch": _("de tijdstempel hoort niet bij deze handtekening"),
            "untrusted": _("de tijdstempeldienst is niet vertrouwd")}[problem]
