"""A contract type of our own for import-linter (configured in pyproject.toml): no import cycle.

import-linter's ``acyclic_siblings`` looks inside one package at a time; a cycle that leaves a
package and comes back through another top-level package (``cjm.selectors`` ->
``touchpoints.selectors`` -> ``cjm.selectors``) is not seen there. ``acyclic`` looks at the
whole graph of ``containers``:

- ``depth = 0``: every module is a node: no two modules import each other, however far round;
- ``depth = 2``: modules are squashed to their first two components (``touchpoints.views``,
  ``cjm.funnels``, ``cjm.core``): no cycle between the slices and their layers.

Function-level imports count: a cycle hidden in a function is still a cycle of the design.
"""

from collections import defaultdict

import grimp
from importlinter import Contract, ContractCheck, fields, output
from importlinter.application import contract_utils
from importlinter.application.contract_utils import AlertLevel


class AcyclicContract(Contract):
    type_name = "acyclic"

    containers = fields.ListField(subfield=fields.StringField())
    depth = fields.IntegerField(minimum=0, default=0)
    ignore_imports = fields.SetField(subfield=fields.ImportExpressionField(), required=False)

    def check(self, graph: grimp.ImportGraph, verbose: bool) -> ContractCheck:
        removal = contract_utils.remove_ignored_imports_and_report(
            graph=graph,
            ignore_imports=self.ignore_imports,  # type: ignore[arg-type]
            unmatched_alerting=AlertLevel.ERROR,
        )
        edges = self._edges(graph)
        cycles = [
            {"nodes": sorted(component), "imports": self._imports_within(component, edges)}
            for component in _strongly_connected(edges)
        ]
        return ContractCheck(
            kept=not cycles,
            warnings=list(removal.warnings),
            metadata={"cycles": cycles},
        )

    def render_broken_contract(self, check: ContractCheck) -> None:
        for cycle in check.metadata["cycles"]:
            output.print_error(f"Import cycle between {', '.join(cycle['nodes'])}:")
            for importer, imported, examples in cycle["imports"]:
                output.print_error(f"- {importer} -> {imported} ({examples})", bold=False)
            output.new_line()

    # --- the graph -------------------------------------------------------------------------

    def _node(self, module: str) -> str:
        return ".".join(module.split(".")[: self.depth]) if self.depth else module

    def _inside(self, module: str) -> bool:
        return any(
            module == container or module.startswith(f"{container}.")
            for container in self.containers  # type: ignore[attr-defined]
        )

    def _edges(self, graph: grimp.ImportGraph) -> dict[tuple[str, str], list[str]]:
        """(importer node, imported node) -> the module imports behind that arrow."""
        edges: dict[tuple[str, str], list[str]] = defaultdict(list)
        for module in sorted(graph.modules):
            if not self._inside(module):
                continue
            for imported in sorted(graph.find_modules_directly_imported_by(module)):
                if not self._inside(imported):
                    continue
                source, target = self._node(module), self._node(imported)
                if source != target:
                    edges[(source, target)].append(f"{module} -> {imported}")
        return edges

    @staticmethod
    def _imports_within(component: set[str], edges) -> list[tuple[str, str, str]]:
        found = []
        for (source, target), imports in sorted(edges.items()):
            if source in component and target in component:
                shown = ", ".join(imports[:3]) + (
                    f", and {len(imports) - 3} more" if len(imports) > 3 else ""
                )
                found.append((source, target, shown))
        return found


def _strongly_connected(edges) -> list[set[str]]:
    """The strongly connected components of more than one node (Tarjan, iterative)."""
    successors: dict[str, set[str]] = defaultdict(set)
    for source, target in edges:
        successors[source].add(target)
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components = []
    counter = 0
    for root in sorted(successors):
        if root in index:
            continue
        work = [(root, iter(sorted(successors[root])))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(successors[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                component = set()
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.add(member)
                    if member == node:
                        break
                if len(component) > 1:
                    components.append(component)
    return components
