"""Files in and out, defensively: bounded reads, JSON, atomic saves, toets files, recovery."""
