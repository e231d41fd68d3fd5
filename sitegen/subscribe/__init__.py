"""Feed subscriptions: the feeds a site follows (``feeds:`` in ``sitegen.yaml``), fetching
them politely, and importing their entries (``sitegen update``)."""
