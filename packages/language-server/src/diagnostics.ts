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

export function findingToDiagnostic(finding: Finding, document: TextDocument): Diagnostic {
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

/**
 * Hands out the diagnostic objects of one scope's last publication again for findings that say the
 * same thing at the same place. An edit changes few findings, and a reused diagnostic is one the
 * message encoder (diagnostics-encoder.ts) has already serialised. A finding of the current text
 * lies inside it, where turning its position into the document's is plain arithmetic, so equal
 * findings give equal diagnostics; line 1 is left out, as its columns depend on a byte-order mark.
 */
export class DiagnosticReuse {
  private previous = new Map<string, Diagnostic>();
  private current = new Map<string, Diagnostic>();
  /**
   * First by finding object: the core hands back the very finding for an entry an edit did not
   * touch (rules/entry-findings.ts), and that entry's lines are unchanged, so no key is needed.
   */
  private byFinding = new WeakMap<Finding, { document: TextDocument; diagnostic: Diagnostic }>();

  diagnostic(finding: Finding, document: TextDocument): Diagnostic {
    const known = this.byFinding.get(finding);
    if (known?.document === document) return known.diagnostic;
    const { start, end } = finding.range;
    if (start.line <= 1) return findingToDiagnostic(finding, document);
    const key = `${finding.file}\0${start.line}:${start.column}-${end.line}:${end.column}\0${finding.ruleId}\0${finding.severity}\0${finding.message}`;
    let diagnostic = this.current.get(key) ?? this.previous.get(key);
    if (!diagnostic) diagnostic = findingToDiagnostic(finding, document);
    this.current.set(key, diagnostic);
    this.byFinding.set(finding, { document, diagnostic });
    return diagnostic;
  }

  /** Ends a publication: the next one reuses what this one handed out, and nothing older. */
  published(): void {
    this.previous = this.current;
    this.current = new Map();
  }
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
