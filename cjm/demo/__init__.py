"""Demo content for ``manage.py seed_demo``: an online store with courier delivery.

The content is plain Python data (one module per topic); ``loader.py`` writes it through the
services. The examples follow the seeds: the store of seed 000 (search and reviews, site, cart,
checkout, payment, courier, packaging, support, loyalty; the four questions; excellent / so-so /
awful) and the touchpoints, moments of truth and B2B buying of seed 003.

The history (``history.py``) is generated: ``behaviour.py`` says how customers walk each map,
``simulate.py`` walks them (seeded, so reproducible), ``feedback_plan.py`` and the ``texts_*``
modules say what they answer and write, ``feedback_gen.py`` writes it.
"""
