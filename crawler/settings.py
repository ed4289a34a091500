"""Scrapy settings for ParkWatch crawls; every ParkWatch knob is prefixed PARKWATCH_."""

BOT_NAME = "parkwatch"
SPIDER_MODULES = ["crawler.spiders"]
NEWSPIDER_MODULE = "crawler.spiders"

# Politeness: robots.txt, few requests per domain, AutoThrottle.
ROBOTSTXT_OBEY = True
USER_AGENT = "ParkWatch/0.1 (+https://parkwatch.invalid/bot; ops@parkwatch.invalid)"
CONCURRENT_REQUESTS = 16
CONCURRENT_REQUESTS_PER_DOMAIN = 2
DOWNLOAD_DELAY = 0.5
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 0.5
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.5
DOWNLOAD_TIMEOUT = 30
DOWNLOAD_MAXSIZE = 8 * 1024 * 1024
DOWNLOAD_WARNSIZE = 2 * 1024 * 1024
RETRY_TIMES = 2
REDIRECT_MAX_TIMES = 5
COOKIES_ENABLED = False
TELNETCONSOLE_ENABLED = False
LOG_LEVEL = "INFO"
LOG_FORMATTER = "crawler.logformat.PageLogFormatter"  # items logged by URL, never with their body
CONCURRENT_ITEMS = 4  # items processed at once per response: an article yields one; Scrapy starts a task per slot
REQUEST_FINGERPRINTER_IMPLEMENTATION = "2.7"
FEED_EXPORT_ENCODING = "utf-8"

DOWNLOADER_MIDDLEWARES = {
    "crawler.middlewares.NetGuardMiddleware": 50,  # before anything is sent
    "crawler.middlewares.CharsetFixMiddleware": 560,  # after decompression (590)
}

# Names resolve once per crawl process; connections go to the address the guard checked.
TWISTED_DNS_RESOLVER = "crawler.netguard.PinnedResolver"
# http(s) only: no file://, ftp://, s3:// or data: downloads, whatever a page links to.
DOWNLOAD_HANDLERS = {"file": None, "ftp": None, "s3": None, "data": None}

ITEM_PIPELINES = {
    "crawler.pipelines.AnalysePipeline": 100,
    "crawler.pipelines.StorePipeline": 200,
}

# ParkWatch settings (set by crawler.run from the validated config).
PARKWATCH_DB_URL = None
PARKWATCH_WORKERS = 0  # 0: one worker per core
PARKWATCH_DEAL_HOOK = None  # dotted path of a factory(settings) -> hook(session, deal, event)
PARKWATCH_SUBSCRIPTIONS = None
PARKWATCH_CHARSET_FIX_ENABLED = True
PARKWATCH_STORE_BATCH = 32  # pages written per transaction
PARKWATCH_STORE_MAX_WAIT = 2.0  # seconds a page may wait in the batch
# Response bytes a crawl process lets wait for analysis, shared out among its sources
# (SCRAPER_SLOT_MAX_ACTIVE_SIZE of each source's crawler, between 128 KiB and 5 MB). A
# waiting response also holds its decoded text (Scrapy's meta-refresh check decodes it),
# 2-3x its bytes; two workers need only a few pages queued to stay busy.
PARKWATCH_SCRAPE_MEMORY = 16 * 1024 * 1024
