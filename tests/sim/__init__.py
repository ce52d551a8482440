"""The local Tradovate simulator and its tests (a package so unittest discovery finds them)."""
