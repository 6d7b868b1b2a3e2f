"""An RFC 3161 timestamp client over HTTP with the standard library (no extra packages).

pyHanko asks :class:`UrlTimeStamper` for a token; the request is POSTed as
``application/timestamp-query`` and the reply must be ``application/timestamp-reply``.
"""

from __future__ import annotations

import asyncio
import urllib.error
import urllib.request

from pyhanko.sign.timestamps.api import TimeStamper
from pyhanko.sign.timestamps.common_utils import TimestampRequestError

MAX_REPLY = 1 * 2**20


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
        except (urllib.error.URLError, OSError) as exc:
            raise TimestampRequestError(f"timestamp server unreachable: {exc}") from exc
        if kind.split(";")[0].strip() != "application/timestamp-reply" or len(data) > MAX_REPLY:
            raise TimestampRequestError("the timestamp server's reply is not a timestamp")
        return data

    async def async_request_tsa_response(self, req):  # tsp.TimeStampReq -> tsp.TimeStampResp
        from asn1crypto import tsp

        data = await asyncio.to_thread(self._post, req.dump())
        return tsp.TimeStampResp.load(data)
