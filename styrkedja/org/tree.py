"""Arrange a flat list of organisation units as the tree they form."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from styrkedja.org.models import OrgUnit


@dataclass
class TreeNode:
    unit: OrgUnit
    children: list[TreeNode] = field(default_factory=list)
    years: list[int] = field(default_factory=list)

    def walk(self) -> Iterator[TreeNode]:
        yield self
        for child in self.children:
            yield from child.walk()


def build_tree(units: Iterable[OrgUnit]) -> list[TreeNode]:
    """Nodes for `units`, each under its nearest ancestor among them, keeping the given order.

    Units whose parent is not in the list become roots (a reader sees only part of the tree).
    """
    nodes = {unit.pk: TreeNode(unit) for unit in units}
    roots: list[TreeNode] = []
    for node in nodes.values():
        parent = next((nodes[pk] for pk in reversed(node.unit.ancestor_ids) if pk in nodes), None)
        (parent.children if parent else roots).append(node)
    return roots
