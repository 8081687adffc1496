"""Cross-app tests: permission matrix, browser flows, API fuzzing."""
