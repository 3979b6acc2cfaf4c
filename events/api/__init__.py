"""The read-only JSON API of the events app: conferences, people, organizations and
topics, published content only, with the public pages' filters, search and sort.

The routers are mounted by ``config/api.py`` (config is above this app); each view
declares the query parameters it reads (``reads``), which the site's query-parameter
filter (config/queryparams.py) keeps, as it keeps a page's.
"""
