"""Errors fanfmt raises on bad input, each with the exit code the CLI uses."""

from __future__ import annotations


class FanfmtError(Exception):
    """Base class: a one-line message for the user and an exit code."""

    exit_code = 1


class InputError(FanfmtError):
    """The input cannot be read as a chapter (binary, empty, undecodable)."""

    exit_code = 3


class OutputError(FanfmtError):
    """The output cannot be written (or would overwrite an input)."""

    exit_code = 4


class ConfigError(FanfmtError):
    """A bad option or configuration value."""

    exit_code = 2
