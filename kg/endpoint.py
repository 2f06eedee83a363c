"""Remote SPARQL endpoints through SPARQLWrapper, answering with the same rdflib Result as
a local graph. The saved queries name the graph of every pattern, so they need no union
default graph on the endpoint."""

from __future__ import annotations

import io
import netrc
import os
from urllib.parse import urlparse

from rdflib import Graph
from rdflib.query import Result
from SPARQLWrapper import JSON, TURTLE, SPARQLWrapper

from kg.queries import resolve, with_values


class EndpointError(RuntimeError):
    pass


def credentials(url: str) -> tuple[str, str] | None:
    """User and password from KG_ENDPOINT_USER / KG_ENDPOINT_PASSWORD, else ~/.netrc."""
    user, password = os.environ.get("KG_ENDPOINT_USER"), os.environ.get("KG_ENDPOINT_PASSWORD")
    if user and password:
        return user, password
    try:
        auth = netrc.netrc().authenticators(urlparse(url).hostname or "")
    except (FileNotFoundError, netrc.NetrcParseError):
        return None
    return (auth[0], auth[2]) if auth and auth[2] else None


class Endpoint:
    """A SPARQL 1.1 endpoint: `Endpoint("http://127.0.0.1:7878/query").query("interactions", person="Elon Musk")`."""

    def __init__(self, url: str, timeout: int = 60):
        self.url = url
        self.timeout = timeout

    def _client(self) -> SPARQLWrapper:
        sw = SPARQLWrapper(self.url)
        sw.setTimeout(self.timeout)
        auth = credentials(self.url)
        if auth:
            sw.setCredentials(*auth)
        return sw

    def query(self, name_or_sparql: str, **params) -> Result:
        """Run a saved query, .rq file or SPARQL text remotely; parameters go in a VALUES block."""
        q = resolve(name_or_sparql)
        bindings = q.bindings(params)
        q.check_names(bindings, self._run)
        return q.tidy(self._run(with_values(q.text, bindings)))

    def _run(self, text: str) -> Result:
        sw = self._client()
        sw.setQuery(text)
        kind = sw.queryType
        sw.setReturnFormat(TURTLE if kind in ("CONSTRUCT", "DESCRIBE") else JSON)
        try:
            raw = sw.query().response.read()
        except Exception as e:  # SPARQLWrapper and urllib raise many types; report one line
            raise EndpointError(
                f"{self.url}: {type(e).__name__}: {str(e).splitlines()[0][:300] if str(e) else ''}"
            ) from None
        if kind in ("CONSTRUCT", "DESCRIBE"):
            result = Result(kind)
            result.graph = Graph().parse(data=raw, format="turtle")
            return result
        return Result.parse(io.BytesIO(raw), format="json")
