"""Page to article: decode bytes, find the article, drop the page shell, read title and date.

The other half of `extractors` (deals, money, places, ...) turns the article into facts.
"""
