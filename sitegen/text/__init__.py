"""Text knowledge that normalize, grouping and the digest share (pure): the one sentence
splitter (``sentences``), the names a text uses (``names``, with the words they are told
apart from in ``namewords``) and which names an event shows (``shown``).

Two kinds of text knowledge look shared but are kept apart on purpose, each where it is
used, because they answer different questions and merging them would change what sitegen
finds: number terms (grouping's ``#`` terms take a number standing alone as a word,
``cluster/features.py``; the digest's facts take every run of digits, ``digest/facts.py``)
and the particles inside names (a byline's, ``normalize/rules/byline.py``; an author's
given names, ``normalize/authors.py``; a quote's speaker, ``digest/quotes.py``; a name run's
links, ``names.py``, which also joins "of", "for the", "y" and "&").
"""
