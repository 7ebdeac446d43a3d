"""Unit tests of the publisher's pure parts."""
