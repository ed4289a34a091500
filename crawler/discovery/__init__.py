"""Source discovery: from one URL to a source definition (`parkwatch sources add`), and a
dry run of a source through the real spider (`parkwatch sources check`).

shapes   URL shapes: tokens, grouping, the `article_allow` regex of a group (pure)
page     an HTML list page: link groups, the article group, the next-page selector (pure)
feeds    feeds and sitemaps: which ones a page or site offers, their items (trafilatura's helpers)
fetch    a small synchronous client under the crawler's rules (robots, guard, size, UA)
propose  fetch, decide html / rss / sitemap, write the commented YAML
dryrun   the spider in dry-run mode, run in a subprocess (Scrapy's reactor runs once)
"""
