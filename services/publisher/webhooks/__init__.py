"""Webhook subscriptions and deliveries, signed as the Standard Webhooks spec says."""
