"""tradewire's services: feed-watcher, Celery workers, publisher, and the command line."""
