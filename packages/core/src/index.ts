/**
 * @plantgap/core — read Markdown security plans of industrial plants, map their controls to
 * NIST CSF 2.0 and ISO/IEC 27001:2022, score coverage and find gaps.
 *
 * The pipeline: load (knowledge base, config) → parse (plan → model) → map (controls → requirements)
 * → score → findings → format. Every stage is a pure function over plain data; I/O stays at the edges.
 */
export * from './input-error.js';
export * from './knowledge/schemas.js';
export * from './knowledge/knowledge-base.js';
export * from './knowledge/load-knowledge-base.js';
export { parseDataText, readDataFile } from './knowledge/read-data-file.js';
export * from './knowledge/references.js';
