/**
 * The "Gaps" view: the requirements of the active plan's profile that the plan does not fully cover,
 * grouped by framework, mandatory ones first. Clicking a gap reveals where its finding is shown.
 */
import * as vscode from 'vscode';
import type { Gap } from '../../language-server/src/protocol.js';
import type { ActivePlan, ActivePlanState } from './active-plan.js';

export const gapsViewId = 'plantgap.gaps';

interface FrameworkGroup {
  kind: 'framework';
  framework: string;
  title: string;
  gaps: Gap[];
}

interface GapEntry {
  kind: 'gap';
  gap: Gap;
}

type GapsNode = FrameworkGroup | GapEntry;

/** Uncovered before partly covered before only planned: the order in which gaps need work. */
const statusOrder: Record<Gap['status'], number> = { uncovered: 0, partial: 1, planned: 2 };

export class GapsView implements vscode.TreeDataProvider<GapsNode>, vscode.Disposable {
  private groups: FrameworkGroup[] = [];
  private readonly changeEmitter = new vscode.EventEmitter<GapsNode | undefined>();
  private readonly view: vscode.TreeView<GapsNode>;
  private readonly subscription: vscode.Disposable;

  readonly onDidChangeTreeData = this.changeEmitter.event;

  constructor(activePlan: ActivePlan) {
    this.view = vscode.window.createTreeView(gapsViewId, { treeDataProvider: this, showCollapseAll: true });
    this.subscription = activePlan.onDidChange((state) => this.render(state));
    this.render(activePlan.state);
  }

  getTreeItem(node: GapsNode): vscode.TreeItem {
    return node.kind === 'framework' ? frameworkItem(node) : gapItem(node.gap);
  }

  getChildren(node?: GapsNode): GapsNode[] {
    if (!node) return this.groups;
    if (node.kind === 'framework') return node.gaps.map((gap) => ({ kind: 'gap', gap }));
    return [];
  }

  dispose(): void {
    this.subscription.dispose();
    this.view.dispose();
    this.changeEmitter.dispose();
  }

  private render(state: ActivePlanState): void {
    const summary = state.summary;
    this.groups = summary ? groupByFramework(state.gaps, summary.coverage) : [];
    const failing = state.gaps.filter(failsTheCheck).length;
    this.view.description = summary ? summary.profile.title : undefined;
    // An empty message lets the view's welcome content ("open a plan") show when nothing is open.
    this.view.message =
      summary && state.gaps.length === 0
        ? `No gaps: the plan covers every requirement of ${summary.profile.title}.`
        : summary === null
          ? 'The active document is not a plantgap plan.'
          : undefined;
    this.view.badge =
      failing > 0 ? { value: failing, tooltip: `${failing} uncovered mandatory requirement(s): plantgap check fails` } : undefined;
    this.changeEmitter.fire(undefined);
  }
}

function groupByFramework(gaps: Gap[], coverage: { framework: string; title: string }[]): FrameworkGroup[] {
  const titles = new Map(coverage.map((framework) => [framework.framework, framework.title]));
  const order = new Map(coverage.map((framework, index) => [framework.framework, index]));
  const groups = new Map<string, FrameworkGroup>();
  for (const gap of gaps) {
    let group = groups.get(gap.framework);
    if (!group) {
      group = { kind: 'framework', framework: gap.framework, title: titles.get(gap.framework) ?? gap.framework, gaps: [] };
      groups.set(gap.framework, group);
    }
    group.gaps.push(gap);
  }
  for (const group of groups.values()) {
    // Stable sort: within the same rank, the server's order (the catalog's order) is kept.
    group.gaps.sort((a, b) => Number(b.mandatory) - Number(a.mandatory) || statusOrder[a.status] - statusOrder[b.status]);
  }
  const mandatoryCount = (group: FrameworkGroup) => group.gaps.filter((gap) => gap.mandatory).length;
  return [...groups.values()].sort(
    (a, b) =>
      Number(mandatoryCount(b) > 0) - Number(mandatoryCount(a) > 0) ||
      (order.get(a.framework) ?? Number.MAX_SAFE_INTEGER) - (order.get(b.framework) ?? Number.MAX_SAFE_INTEGER),
  );
}

function frameworkItem(group: FrameworkGroup): vscode.TreeItem {
  const item = new vscode.TreeItem(group.title, vscode.TreeItemCollapsibleState.Expanded);
  item.id = `framework:${group.framework}`;
  const mandatory = group.gaps.filter((gap) => gap.mandatory).length;
  item.description = mandatory > 0 ? `${group.gaps.length} gaps, ${mandatory} mandatory` : `${group.gaps.length} gaps`;
  item.iconPath = new vscode.ThemeIcon('library');
  item.contextValue = 'plantgapFramework';
  return item;
}

function gapItem(gap: Gap): vscode.TreeItem {
  const item = new vscode.TreeItem(gap.requirement, vscode.TreeItemCollapsibleState.None);
  item.id = `gap:${gap.framework}:${gap.requirement}`;
  item.description = `${gap.mandatory ? 'mandatory, ' : ''}${gap.status} — ${gap.title}`;
  // Plain text: requirement titles come from catalog files, which may be custom and untrusted.
  item.tooltip = `${gap.requirement} ${gap.title}\n${gap.mandatory ? 'Mandatory in the profile. ' : ''}${statusExplanation[gap.status]}`;
  // The error icon is kept for what fails `plantgap check`, so the view and CI tell the same story.
  item.iconPath = failsTheCheck(gap)
    ? new vscode.ThemeIcon('error', new vscode.ThemeColor('problemsErrorIcon.foreground'))
    : gap.mandatory
      ? new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground'))
      : new vscode.ThemeIcon('info', new vscode.ThemeColor('problemsInfoIcon.foreground'));
  item.contextValue = gap.mandatory ? 'plantgapMandatoryGap' : 'plantgapGap';
  if (gap.location) {
    const { start, end } = gap.location.range;
    item.command = {
      command: 'vscode.open',
      title: 'Reveal the finding',
      arguments: [
        vscode.Uri.parse(gap.location.uri),
        { selection: new vscode.Range(start.line, start.character, end.line, end.character) } satisfies vscode.TextDocumentShowOptions,
      ],
    };
  }
  return item;
}

/** An uncovered mandatory requirement is an error finding: it makes `plantgap check` fail. */
function failsTheCheck(gap: Gap): boolean {
  return gap.mandatory && gap.status === 'uncovered';
}

const statusExplanation: Record<Gap['status'], string> = {
  uncovered: 'No control of the plan covers it.',
  partial: 'Controls of the plan cover it only in part.',
  planned: 'Only planned controls cover it.',
};
