"""Tests of lua-agent-bridge (run with `pytest`)."""
