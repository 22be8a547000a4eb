/**
 * The status bar figure: current → planned coverage per framework of the active editor's plan,
 * against its profile. Clicking it opens the coverage report.
 */
import * as vscode from 'vscode';
import type { CoverageSummary } from '../../language-server/src/protocol.js';
import type { ActivePlan, ActivePlanState } from './active-plan.js';

export const showCoverageReportCommand = 'plantgap.showCoverageReport';

export class CoverageStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('plantgap.coverage', vscode.StatusBarAlignment.Left, 10);
  private readonly subscription: vscode.Disposable;

  constructor(activePlan: ActivePlan) {
    this.item.name = 'plantgap coverage';
    this.item.command = showCoverageReportCommand;
    this.subscription = activePlan.onDidChange((state) => this.render(state));
    this.render(activePlan.state);
  }

  dispose(): void {
    this.subscription.dispose();
    this.item.dispose();
  }

  private render(state: ActivePlanState): void {
    const summary = state.summary;
    if (!state.document || !summary) {
      this.item.hide();
      return;
    }
    const figures = summary.coverage.map((framework) => `${framework.framework} ${percent(framework.current)} → ${percent(framework.planned)}`);
    this.item.text = `$(shield) ${figures.join(' · ') || summary.profile.id}`;
    this.item.tooltip = tooltip(summary);
    this.item.accessibilityInformation = {
      label: `plantgap coverage for profile ${summary.profile.title}: ${summary.coverage
        .map((framework) => `${framework.title} ${percent(framework.current)} now, ${percent(framework.planned)} planned`)
        .join('; ')}`,
    };
    this.item.backgroundColor =
      summary.findings.errors > 0 ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
    this.item.show();
  }
}

function tooltip(summary: CoverageSummary): vscode.MarkdownString {
  const markdown = new vscode.MarkdownString(undefined, true);
  markdown.appendMarkdown(`**plantgap** · profile ${escapeMarkdown(summary.profile.title)} (\`${summary.profile.id}\`)\n\n`);
  markdown.appendMarkdown('| framework | current | planned |\n| --- | ---: | ---: |\n');
  for (const framework of summary.coverage) {
    markdown.appendMarkdown(`| ${escapeMarkdown(framework.title)} | ${percent(framework.current)} | ${percent(framework.planned)} |\n`);
  }
  const { errors, warnings, infos } = summary.findings;
  markdown.appendMarkdown(`\n$(error) ${errors} · $(warning) ${warnings} · $(info) ${infos} in ${summary.planFiles.length} plan file(s)\n\n`);
  markdown.appendMarkdown('Click for the coverage report.');
  return markdown;
}

/** Whole percent, rounded like `plantgap check` rounds it, so editor and CI show the same figure. */
export function percent(share: number): string {
  if (!Number.isFinite(share)) return '–';
  return `${Math.round(share * 100)}%`;
}

function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, (character) => `\\${character}`);
}
