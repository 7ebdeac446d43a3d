"""Publisher tests with a real Redis, real processes and real HTTP receivers."""
