/**
 * Quick fixes from the findings' own fixes: replace a superseded id by its successors, an unknown
 * id by a suggestion, insert a missing Status/Owner/Target line, add a control skeleton for an
 * uncovered mandatory requirement. Each action names the diagnostic it fixes; an edit may land in
 * another file of the plan (a skeleton goes at the end of the plan's last file).
 */
import type { Fix } from '@plantgap/core';
import { CodeActionKind, type CodeAction, type CodeActionParams, type Diagnostic, type TextEdit } from 'vscode-languageserver';
import { diagnosticMatchesFinding, diagnosticSource } from '../diagnostics.js';
import { toLspTextEdit } from '../lsp-ranges.js';
import type { DocumentAnalysis } from '../plan-analyses.js';

export function provideCodeActions(params: CodeActionParams, { result, file }: DocumentAnalysis): CodeAction[] {
  const analysis = result.analysis;
  if (!analysis) return [];
  if (params.context.only && !params.context.only.some((kind) => CodeActionKind.QuickFix.startsWith(kind))) return [];
  const diagnostics = (params.context.diagnostics ?? []).filter((diagnostic) => diagnostic?.source === diagnosticSource);
  if (diagnostics.length === 0) return [];
  const findings = analysis.findings.filter((finding) => finding.file === file.path && (finding.fix || finding.alternativeFixes?.length));
  const actions: CodeAction[] = [];
  for (const diagnostic of diagnostics) {
    const finding = findings.find((candidate) => diagnosticMatchesFinding(diagnostic, candidate, file.document));
    if (!finding) continue;
    const fixes = [finding.fix, ...(finding.alternativeFixes ?? [])].filter((fix): fix is Fix => fix !== undefined);
    fixes.forEach((fix, index) => {
      const action = toCodeAction(fix, diagnostic, result.files);
      if (!action) return;
      if (index === 0) action.isPreferred = true;
      actions.push(action);
    });
  }
  return actions;
}

function toCodeAction(fix: Fix, diagnostic: Diagnostic, files: DocumentAnalysis['result']['files']): CodeAction | undefined {
  const changes: Record<string, TextEdit[]> = {};
  for (const edit of fix.edits) {
    const target = files.get(edit.file);
    // A fix for a file that is no longer part of the plan cannot be placed safely.
    if (!target) return undefined;
    (changes[target.uri] ??= []).push(toLspTextEdit(edit, target.document));
  }
  return { title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], edit: { changes } };
}
