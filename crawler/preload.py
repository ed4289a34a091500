"""Imported once by the analysis pool's forkserver (crawler.pool): loads what every page
needs, so that the workers forked from it share one copy. Importing it is the warm-up."""

from __future__ import annotations

import gc

from extractors.article import analyse_page
from extractors.gazetteer_data import load_jieba, preload
from store.ingest import prepare_analysis

WARM_UP_PAGE = ("<html><head><meta charset='utf-8'><title>签约</title></head><body><p>"
                "成都高新区集中签约15个项目,总投资204.5亿元。</p></body></html>").encode()

preload()
load_jieba()
_analysis = analyse_page(WARM_UP_PAGE, url="http://warm.up/")
prepare_analysis(_analysis, WARM_UP_PAGE)
# Loaded objects move to the permanent generation: the collector in a worker never writes
# to their pages, so they stay shared with the forkserver.
gc.freeze()
