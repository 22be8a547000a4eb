/**
 * The "Gaps" view: the requirements of the active plan's profile that the plan does not fully cover,
 * grouped by framework, mandatory ones first. Clicking a gap reveals where its finding is shown.
 */
import * as vscode from 'vscode';
import type { Gap } from '../../language-server/src/protocol.js';
import type { ActivePlan, ActivePlanState } from './active-plan.js';
import { failsTheCheck, groupByFramework, type FrameworkGroup } from './gap-groups.js';

export const gapsViewId = 'plantgap.gaps';

type FrameworkNode = FrameworkGroup & { kind: 'framework' };

interface GapEntry {
  kind: 'gap';
  gap: Gap;
}

type GapsNode = FrameworkNode | GapEntry;

export class GapsView implements vscode.TreeDataProvider<GapsNode>, vscode.Disposable {
  private groups: FrameworkNode[] = [];
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
    this.groups = summary ? groupByFramework(state.gaps, summary.coverage).map((group) => ({ ...group, kind: 'framework' as const })) : [];
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

function frameworkItem(group: FrameworkNode): vscode.TreeItem {
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

const statusExplanation: Record<Gap['status'], string> = {
  uncovered: 'No control of the plan covers it.',
  partial: 'Controls of the plan cover it only in part.',
  planned: 'Only planned controls cover it.',
};
