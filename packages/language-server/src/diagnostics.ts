/**
 * Findings as LSP diagnostics: `code` is the rule id, `codeDescription` links to the rule's page,
 * `source` is `plantgap`. Also the diagnostics for input problems that stop an analysis (an invalid
 * `.plantgap.yml`, an unknown profile), placed on the file and line they name.
 */
import { formatInputError, ruleDocsUrl, type Finding, type InputError, type Severity } from '@plantgap/core';
import { DiagnosticSeverity, DiagnosticTag, type Diagnostic } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { toLspRange } from './lsp-ranges.js';

export const diagnosticSource = 'plantgap';

const severities: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

/**
 * Diagnostics made from findings, per finding object. The core hands back the same finding object
 * for an entry an edit did not touch (rules/entry-findings.ts), and such an entry's lines are the
 * same in the document as when the finding was made, so its diagnostic is too — the very object,
 * which the message encoder (diagnostics-encoder.ts) has already serialised. Line 1 is left out:
 * its columns depend on a byte-order mark that may have come or gone.
 */
const diagnosticByFinding = new WeakMap<Finding, { document: TextDocument; diagnostic: Diagnostic }>();

export function findingToDiagnostic(finding: Finding, document: TextDocument): Diagnostic {
  const remembered = diagnosticByFinding.get(finding);
  if (remembered?.document === document) return remembered.diagnostic;
  const diagnostic = makeDiagnostic(finding, document);
  if (finding.range.start.line > 1) diagnosticByFinding.set(finding, { document, diagnostic });
  return diagnostic;
}

function makeDiagnostic(finding: Finding, document: TextDocument): Diagnostic {
  const diagnostic: Diagnostic = {
    range: toLspRange(finding.range, document),
    severity: severities[finding.severity],
    code: finding.ruleId,
    codeDescription: { href: ruleDocsUrl(finding.ruleId) },
    source: diagnosticSource,
    message: finding.message,
  };
  // Editors strike deprecated text through; a superseded framework id is exactly that.
  if (finding.ruleId === 'deprecated-reference') diagnostic.tags = [DiagnosticTag.Deprecated];
  return diagnostic;
}

/** An input error (config, profile) as a diagnostic on the line it names, or the first line. */
export function inputErrorToDiagnostic(error: InputError, document: TextDocument): Diagnostic {
  const line = error.line ?? 1;
  const column = error.column ?? 1;
  return {
    range: toLspRange({ start: { line, column }, end: { line, column: error.column === undefined ? Number.MAX_SAFE_INTEGER : column } }, document),
    severity: DiagnosticSeverity.Error,
    source: diagnosticSource,
    message: error.key ? `${error.key}: ${error.message}` : error.message,
  };
}

/** The text of a message box about input errors: every error, `file:line: key: message`. */
export function describeInputErrors(errors: readonly InputError[]): string {
  return `plantgap: ${errors.map(formatInputError).join('; ')}`;
}

/** True when a diagnostic the client sends back is the one made from this finding. */
export function diagnosticMatchesFinding(diagnostic: Diagnostic, finding: Finding, document: TextDocument): boolean {
  if (diagnostic.code !== finding.ruleId || diagnostic.message !== finding.message) return false;
  const range = toLspRange(finding.range, document);
  return (
    range.start.line === diagnostic.range.start.line &&
    range.start.character === diagnostic.range.start.character &&
    range.end.line === diagnostic.range.end.line &&
    range.end.character === diagnostic.range.end.character
  );
}
