"""Integrations hosted by the bridge: each one declares its operations and calls its API."""
