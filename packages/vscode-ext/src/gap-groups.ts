/**
 * How the Gaps view orders the gaps of a plan: one group per framework, in the order of the coverage
 * summary, and within a group mandatory requirements first, then uncovered before partly covered
 * before only planned. Free of the `vscode` module so the tests can check it directly.
 */
import type { Gap } from '../../language-server/src/protocol.js';

export interface FrameworkGroup {
  framework: string;
  title: string;
  gaps: Gap[];
}

/** Uncovered before partly covered before only planned: the order in which gaps need work. */
const statusOrder: Record<Gap['status'], number> = { uncovered: 0, partial: 1, planned: 2 };

export function groupByFramework(gaps: Gap[], coverage: { framework: string; title: string }[]): FrameworkGroup[] {
  const titles = new Map(coverage.map((framework) => [framework.framework, framework.title]));
  const order = new Map(coverage.map((framework, index) => [framework.framework, index]));
  const groups = new Map<string, FrameworkGroup>();
  for (const gap of gaps) {
    let group = groups.get(gap.framework);
    if (!group) {
      group = { framework: gap.framework, title: titles.get(gap.framework) ?? gap.framework, gaps: [] };
      groups.set(gap.framework, group);
    }
    group.gaps.push(gap);
  }
  for (const group of groups.values()) {
    // Stable sort: within the same rank, the server's order (the catalog's order) is kept.
    group.gaps.sort((a, b) => Number(b.mandatory) - Number(a.mandatory) || statusOrder[a.status] - statusOrder[b.status]);
  }
  // Frameworks keep the summary's order, so groups do not jump around while the plan is edited.
  const rank = (group: FrameworkGroup) => order.get(group.framework) ?? Number.MAX_SAFE_INTEGER;
  return [...groups.values()].sort((a, b) => rank(a) - rank(b));
}

/** An uncovered mandatory requirement is an error finding: it makes `plantgap check` fail. */
export function failsTheCheck(gap: Gap): boolean {
  return gap.mandatory && gap.status === 'uncovered';
}
