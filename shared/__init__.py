"""Common code of tradewire: models, settings, logging, Redis keys and the producer client."""
