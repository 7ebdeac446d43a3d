"""tradewire's test suite."""
