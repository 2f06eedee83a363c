"""newskg: a knowledge-graph builder for news articles (Indonesian first, English too).

>>> import kg
>>> g = kg.build(["corpus"])                 # extract, one named graph per article, reason
>>> for row in g.query("interactions", person="Elon Musk"):
...     print(row.otherName, row.eventType, row.date)
>>> g.export("kg.trig")
>>> g2 = kg.load("kg.trig")                  # a dataset file, in memory
>>> g3 = kg.build(["corpus"], store="kg-store")   # a persistent Oxigraph store, incremental
>>> g4 = kg.open("kg-store")                 # open it again later
>>> kg.Endpoint("http://127.0.0.1:7878/query")  # a remote SPARQL endpoint
>>> kg.connect(data="kg.trig")               # one of the three, as the command line chooses
"""

from kg.endpoint import Endpoint
from kg.knowledge_graph import KnowledgeGraph, build, connect, load, open, remove
from kg.queries import catalogue

__all__ = ["Endpoint", "KnowledgeGraph", "build", "catalogue", "connect", "load", "open", "remove"]
__version__ = "0.1.0"
