"""Browser flows: a real Chromium (Debian's) driven by Playwright against a served app."""
