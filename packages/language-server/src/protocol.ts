/**
 * plantgap's additions to the Language Server Protocol: the requests and notifications the VS Code
 * extension (and any other client) uses for the status bar, the Gaps view, the coverage report and
 * settings. Standard LSP features (diagnostics, hover, completion, code actions, code lenses,
 * document symbols) need nothing here. Types only, so a client can import this file without
 * pulling in the server.
 */
import type { Range } from 'vscode-languageserver-types';

/** Sent by the client in `initialize`. Every field is optional and validated by the server. */
export interface PlantgapInitializationOptions {
  /** Milliseconds to wait after the last edit before re-analysing (default 200). */
  debounceMs?: number;
  /**
   * False in an untrusted workspace (VS Code restricted mode): the server then uses only the
   * built-in catalogs, crosswalks and profiles and ignores custom framework files named in
   * `.plantgap.yml`. Default true.
   */
  trusted?: boolean;
  /** Initial settings, same shape as the `plantgap` configuration section. */
  settings?: PlantgapSettings;
}

/**
 * The `plantgap` settings section (`workspace/configuration`, `workspace/didChangeConfiguration`).
 * Each value, when set, overrides the same key of the workspace's `.plantgap.yml`.
 */
export interface PlantgapSettings {
  /** Built-in profile id or profile file path. */
  profile?: string | null;
  /** Severity per rule id: error, warning, info or off. */
  rules?: Record<string, 'error' | 'warning' | 'info' | 'off'>;
  /** Globs of plan files (relative to the workspace folder). */
  include?: string[];
  /** Globs of files never analysed. */
  ignore?: string[];
  debounceMs?: number;
}

/** Params of every plantgap request about "the plan this document belongs to". */
export interface DocumentParams {
  /** A document URI: a file in a workspace folder, or an untitled document. */
  uri: string;
}

export interface FrameworkCoverage {
  /** Catalog id, e.g. `nist-csf-2.0`, `iso27001-2022`. */
  framework: string;
  title: string;
  /** Share of the profile's requirements of this framework covered now, 0..1. */
  current: number;
  /** Share covered once planned controls are implemented, 0..1. */
  planned: number;
}

/** `plantgap/coverageSummary` (DocumentParams) → CoverageSummary | null (null: not a plan). */
export interface CoverageSummary {
  profile: { id: string; title: string };
  coverage: FrameworkCoverage[];
  findings: { errors: number; warnings: number; infos: number };
  /** URIs of the plan files analysed together with the document. */
  planFiles: string[];
}

/** `plantgap/gaps` (DocumentParams) → Gap[]: requirements of the profile not fully covered. */
export interface Gap {
  requirement: string;
  title: string;
  framework: string;
  /** Mandatory in the active profile (uncovered mandatory requirements fail CI). */
  mandatory: boolean;
  /** `uncovered`: nothing covers it; `planned`: only planned controls; `partial`: partly covered. */
  status: 'uncovered' | 'planned' | 'partial';
  /** Where the finding about it is shown, when there is one. */
  location?: { uri: string; range: Range };
}

/** `plantgap/report` params: the document, and the webview's CSP needs. */
export interface ReportParams extends DocumentParams {
  /** Content-Security-Policy for the page; default: nothing loads, inline styles only. */
  contentSecurityPolicy?: string;
  /** Nonce for the page's one <style> element, when the policy allows styles by nonce. */
  styleNonce?: string;
}

/** `plantgap/report` → ReportResult | null: the self-contained HTML coverage report. */
export interface ReportResult {
  html: string;
}

/**
 * `plantgap/checkWorkspace` (no params) → CheckWorkspaceResult: analyses every plan file of every
 * workspace folder (the config's include/ignore globs), publishing diagnostics for files not open.
 */
export interface CheckWorkspaceResult {
  files: number;
  errors: number;
  warnings: number;
  infos: number;
}

/**
 * `plantgap/analysisChanged` notification, server → client, after every new analysis of a plan,
 * so the client refreshes its status bar and Gaps view. `uris`: the plan's files.
 */
export interface AnalysisChangedParams {
  uris: string[];
}

export const requests = {
  coverageSummary: 'plantgap/coverageSummary',
  gaps: 'plantgap/gaps',
  report: 'plantgap/report',
  checkWorkspace: 'plantgap/checkWorkspace',
} as const;

export const notifications = {
  analysisChanged: 'plantgap/analysisChanged',
} as const;
