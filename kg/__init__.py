"""newskg: a knowledge-graph builder for news articles (Indonesian first, English too).

    >>> import kg
    >>> g = kg.build(["corpus"])                 # extract, one named graph per article, reason
    >>> for row in g.query("interactions", person="Elon Musk"):
    ...     print(row.otherName, row.eventType, row.date)
    >>> g.export("kg.trig")
    >>> g2 = kg.load("kg.trig")
"""
from kg.endpoint import Endpoint
from kg.knowledge_graph import KnowledgeGraph, build, load
from kg.queries import catalogue

__all__ = ["Endpoint", "KnowledgeGraph", "build", "load", "catalogue"]
__version__ = "0.1.0"
