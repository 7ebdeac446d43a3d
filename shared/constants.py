"""Redis key names, queue names, limits and TTLs: every magic value, with the reason for it."""

from __future__ import annotations

from typing import Final

# --- Redis key space -------------------------------------------------------------------------
# One prefix for everything tradewire writes, so an operator can share a Redis and find our keys.
KEY_PREFIX: Final = "tradewire:"
# Celery's own keys (queues, unacked hash) get the same prefix via broker global_keyprefix.
CELERY_KEY_PREFIX: Final = "tradewire:celery:"
# The Celery queue the workers consume; named after what it carries.
ARTICLES_QUEUE: Final = "tradewire.articles"
# The Celery task name is part of the wire contract between producers and workers.
PROCESS_ARTICLE_TASK: Final = "tradewire.process_article"

# Workers append one entry per processed article; the publisher consumes it with a group.
OUTBOX_STREAM: Final = "tradewire:outbox"
OUTBOX_GROUP: Final = "publishers"
# The public stream subscribers read, with consumer groups (see the AsyncAPI document).
EVENTS_STREAM: Final = "tradewire:events"
# Articles that could not be processed, each a JSON object with the reason (LPUSH, newest first).
DEAD_LETTER_LIST: Final = "tradewire:deadletter"
# Outbox entries the publisher gave up on after too many deliveries.
OUTBOX_DEAD_STREAM: Final = "tradewire:outbox:dead"
# Language-neutral push: any Redis client may RPUSH an article JSON here.
INBOX_LIST: Final = "tradewire:inbox"
# Items one watcher took from the inbox but has not queued yet: one list per watcher (+ its id),
# so a watcher recovers only the lists of watchers whose lease expired (at-least-once).
INBOX_PROCESSING_PREFIX: Final = "tradewire:inbox:processing:"
# The processing list of releases before per-watcher lists; still recovered, never written.
INBOX_PROCESSING_LIST: Final = "tradewire:inbox:processing"
# A live watcher's lease on its processing list (+ its id), refreshed on every inbox drain.
INBOX_LEASE_PREFIX: Final = "tradewire:inbox:lease:"
# The ids of watchers that hold (or held) a processing list: what the periodic recovery reads,
# so it never has to SCAN a keyspace that holds millions of published-event markers.
INBOX_OWNERS_SET: Final = "tradewire:inbox:owners"

# Per-article dedup record: content hash of the last version queued.
ARTICLE_SEEN_PREFIX: Final = "tradewire:article:"
# Text fingerprint -> id of the first article that carried the text (syndication dedup).
ARTICLE_FINGERPRINT_PREFIX: Final = "tradewire:fingerprint:"
# Per-task delivery counter, to catch messages that keep killing workers.
DELIVERIES_PREFIX: Final = "tradewire:deliveries:"
# Marker that an event message id was published; checked atomically with XADD.
PUBLISHED_PREFIX: Final = "tradewire:published:"
# Per-article hash of lineage id -> the last published TradeEvent JSON (plus the '@entry' field).
ARTICLE_EVENTS_PREFIX: Final = "tradewire:article-events:"

# --- Limits ----------------------------------------------------------------------------------
# Longer than any real news article; bounds memory and extraction time per task.
MAX_ARTICLE_TEXT_CHARS: Final = 200_000
# Raw HTML pages are larger than their text; still bounded.
MAX_ARTICLE_HTML_CHARS: Final = 2_000_000
MAX_TITLE_CHARS: Final = 1_000
MAX_URL_CHARS: Final = 2_048
MAX_SHORT_FIELD_CHARS: Final = 256
# A serialized task message larger than this is refused by the client before it reaches Redis.
MAX_MESSAGE_BYTES: Final = 4_000_000
# Deliveries of one task before it is declared poison and dead-lettered.
MAX_DELIVERIES: Final = 5
# Retries of a transient failure before the article is dead-lettered.
MAX_TASK_RETRIES: Final = 6
# Dead-letter entries kept; the oldest are trimmed so a flood cannot fill Redis.
DEAD_LETTER_MAX_LEN: Final = 100_000
# Bytes of an undecodable broker message kept in its dead letter; enough to identify it.
DEAD_LETTER_BODY_MAX_BYTES: Final = 64_000

# --- Times -----------------------------------------------------------------------------------
# Extraction takes milliseconds; anything near these limits is a bug or a hostile input.
TASK_SOFT_TIME_LIMIT_S: Final = 30
TASK_TIME_LIMIT_S: Final = 60
RETRY_BACKOFF_MAX_S: Final = 300
# Must exceed the hard time limit plus the longest retry countdown, or Redis redelivers tasks
# that are still running or waiting for their retry (Celery keeps those unacked).
VISIBILITY_TIMEOUT_S: Final = 3600
# How long an article stays known to dedup; a re-push after that is processed again.
ARTICLE_SEEN_TTL_S: Final = 90 * 24 * 3600
# A delivery counter only matters while its task may still be redelivered.
DELIVERIES_TTL_S: Final = 24 * 3600
# Longer than any replay window subscribers are promised, so dedup outlives redeliveries.
PUBLISHED_TTL_S: Final = 90 * 24 * 3600

# --- Publisher -------------------------------------------------------------------------------
# Hash field of an article's state holding the last outbox entry applied; '@' never starts a
# lineage id, so it cannot collide with one.
ARTICLE_STATE_ENTRY_FIELD: Final = "@entry"
# Last failure reason of an outbox entry, kept until it is acked or dead-lettered (TTL bounded).
OUTBOX_ERROR_PREFIX: Final = "tradewire:outbox:error:"
# A failure reason matters only while its entry may still be redelivered.
OUTBOX_ERROR_TTL_S: Final = 7 * 24 * 3600
# Dead-lettered outbox entries kept; older ones are trimmed so a flood cannot fill Redis.
OUTBOX_DEAD_MAX_LEN: Final = 100_000
# Attempts at one outbox entry when another replica changed the article's state meanwhile.
PUBLISH_CONFLICT_RETRIES: Final = 5
# The publisher's own consumer group on the events stream, fanning events out to webhooks.
WEBHOOKS_GROUP: Final = "tradewire-webhooks"
# Hash of webhook subscription id -> subscription JSON (URL, filters, secret, disabled state).
WEBHOOK_SUBSCRIPTIONS_KEY: Final = "tradewire:webhooks:subscriptions"
# Hash of delivery id -> delivery JSON (body, attempts, last error) of deliveries not yet done.
WEBHOOK_DELIVERIES_KEY: Final = "tradewire:webhooks:deliveries"
# Sorted set of delivery id -> unix time it is due; a claimed delivery is leased into the future.
WEBHOOK_DUE_KEY: Final = "tradewire:webhooks:due"
# Bounds the per-event fan-out work and the subscriptions hash every pass reads.
MAX_WEBHOOK_SUBSCRIPTIONS: Final = 1_000
# Standard Webhooks receivers reject timestamps older than this; the example receiver too.
WEBHOOK_TIMESTAMP_TOLERANCE_S: Final = 300
# Random bytes of a generated signing secret (Standard Webhooks allows 24 to 64).
WEBHOOK_SECRET_BYTES: Final = 32
# Default consumer group of `tradewire tail`, so two terminals share one position unless named.
TAIL_GROUP: Final = "tradewire-tail"
# Entries fetched per XRANGE page by `tradewire replay`, so a long range never loads at once.
REPLAY_PAGE_SIZE: Final = 500

# --- Watcher ---------------------------------------------------------------------------------
# Feed id -> FeedState JSON: the registry `tradewire feeds` edits and the watcher polls.
WATCHER_FEEDS_HASH: Final = "tradewire:watcher:feeds"
# Feed id scored by its next check (epoch seconds); suspended and gone feeds are not in it.
WATCHER_SCHEDULE_ZSET: Final = "tradewire:watcher:schedule"
# + feed id: sorted set of entry keys scored by when last seen, so restarts never requeue.
WATCHER_SEEN_PREFIX: Final = "tradewire:watcher:seen:"
# + hash of a canonical article URL: an article reached through two feeds is queued once.
WATCHER_URL_SEEN_PREFIX: Final = "tradewire:watcher:url:"
# + feed id and entry key: attempts at an entry whose page and summary both failed.
WATCHER_ATTEMPTS_PREFIX: Final = "tradewire:watcher:attempts:"
# Counters an operator scrapes (`tradewire feeds stats`, the metrics endpoint).
WATCHER_METRICS_HASH: Final = "tradewire:watcher:metrics"
# A claimed feed whose poller died is polled again after this, not never.
WATCHER_CLAIM_LEASE_S: Final = 600
# Entry keys kept per feed; far above any feed's length, so a present entry is never forgotten.
WATCHER_SEEN_PER_FEED_MAX: Final = 10_000
# As long as the client's article dedup, so the two agree on what "seen before" means.
WATCHER_URL_SEEN_TTL_S: Final = ARTICLE_SEEN_TTL_S
# Entries read from one feed document; the rest of a giant feed is ignored.
WATCHER_MAX_ENTRIES_PER_FEED: Final = 500
# New entries handled per poll; the rest wait for the next poll (validators are not stored).
WATCHER_MAX_NEW_PER_POLL: Final = 100
# Times the same permanent redirect must be seen before the stored feed URL follows it.
WATCHER_REDIRECT_CONFIRMATIONS: Final = 3
# Upper bound on a server's Cache-Control/Expires/ttl/Retry-After, so a feed is never lost.
WATCHER_MAX_HINT_S: Final = 7 * 24 * 3600
# Window over which a feed's publishing rate is measured for its polling interval.
WATCHER_RATE_WINDOW_S: Final = 7 * 24 * 3600
# +/- share of randomness in each interval, so feeds added together spread out.
WATCHER_JITTER_RATIO: Final = 0.1
# Publication times remembered per feed for the rate estimate.
WATCHER_RECENT_TIMES_MAX: Final = 64
# Attempts at an entry with neither page nor summary before it is dead-lettered.
WATCHER_ENTRY_MAX_ATTEMPTS: Final = 3
WATCHER_ATTEMPTS_TTL_S: Final = 7 * 24 * 3600
# Decompressed output produced per step: memory per response stays near this, whatever the ratio.
WATCHER_DECODE_STEP_BYTES: Final = 64 * 1024
# OPML files are lists of URLs; anything larger is not one.
WATCHER_MAX_OPML_BYTES: Final = 5_000_000
# A dropped article file larger than this is refused (HTML pages included).
WATCHER_MAX_DROP_FILE_BYTES: Final = 8_000_000
# Payload characters kept in a watcher dead letter, so one huge item cannot bloat the list.
WATCHER_DEADLETTER_PAYLOAD_CHARS: Final = 100_000
# A watcher silent this long is presumed dead and its in-flight inbox items are re-queued;
# far above one drain (milliseconds per item), so a live watcher is never robbed.
INBOX_LEASE_TTL_S: Final = 120
# How often a running watcher looks for the processing lists of dead watchers.
INBOX_RECOVER_INTERVAL_S: Final = 30
# Sub-folders of the drop folder for processed and refused files.
WATCHER_DROP_DONE_DIR: Final = "done"
WATCHER_DROP_FAILED_DIR: Final = "failed"

# --- Extraction: amounts and times -------------------------------------------------------------
# The ECB publishes on business days; a gap longer than this (a currency the ECB stopped quoting,
# such as RUB after 2022-03-01) means no reference rate rather than a stale one.
FX_MAX_STALENESS_DAYS: Final = 14
