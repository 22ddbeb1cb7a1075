"""YAML reading that refuses what a hostile or broken file could do to us.

Aliases are refused outright (a "billion laughs" file expands into millions of
nodes once validated), and the text has a size limit before it is parsed.
"""

from __future__ import annotations

from typing import Any

import yaml

MAX_YAML_BYTES = 2_000_000


class AliasRefused(yaml.YAMLError):
    pass


class TooLarge(ValueError):
    pass


class DuplicateKey(yaml.MarkedYAMLError):
    pass


class _NoAliasLoader(yaml.SafeLoader):
    def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise AliasRefused(f"aliases (*{event.anchor}) are not allowed, line {event.start_mark.line + 1}")
        return super().compose_node(parent, index)

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[object, object]:
        """A key written twice is a mistake to point at, not a value to drop silently."""
        seen: set[object] = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            try:
                duplicate = key in seen
                seen.add(key)
            except TypeError:  # an unhashable key: the constructor reports it
                continue
            if duplicate:
                raise DuplicateKey(None, None, f"the key {key!r} appears twice", key_node.start_mark)
        return super().construct_mapping(node, deep=deep)


def load_yaml_text(text: str) -> Any:
    if len(text) > MAX_YAML_BYTES:
        raise TooLarge(f"larger than {MAX_YAML_BYTES // 1_000_000} MB")
    # _NoAliasLoader is a SafeLoader: no Python objects are ever constructed.
    return yaml.load(text, Loader=_NoAliasLoader)  # noqa: S506


def load_trusted_yaml(text: str) -> Any:
    """The project's own files (deck, profiles, locales): libyaml's C loader, ten times
    faster at start-up. Never for anything a user uploads."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return yaml.load(text, Loader=loader)  # noqa: S506 - CSafeLoader constructs no Python objects


def dump_yaml(data: Any) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)
