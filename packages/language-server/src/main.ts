/**
 * `plantgap-language-server --stdio`: the process entry point. Only the stdio transport is offered
 * (every LSP client supports it). Protocol errors on the input (bad headers, invalid JSON) are
 * answered by the JSON-RPC layer and logged once each; the process ends when the input closes.
 */
import { createConnection, ProposedFeatures, StreamMessageWriter } from 'vscode-languageserver/node';
import { messageEncoder } from './diagnostics-encoder.js';
import { startServer } from './server.js';
import { serverVersion } from './version.js';

const usage = `Usage: plantgap-language-server --stdio

The plantgap language server: diagnostics, hovers, completions, quick fixes, code lenses and
document symbols for Markdown security plans, over the Language Server Protocol on stdin/stdout.
Options:
  --stdio     speak LSP on stdin and stdout (required)
  --version   print the version
  --help      print this help
`;

const args = process.argv.slice(2);
if (args.includes('--version')) {
  process.stdout.write(`${serverVersion}\n`);
} else if (args.includes('--help')) {
  process.stdout.write(usage);
} else if (!args.includes('--stdio')) {
  process.stderr.write(`plantgap-language-server: --stdio is required\n\n${usage}`);
  process.exitCode = 2;
} else {
  // stdin stays a stream, so the library still ends the process when the client goes away; the
  // output is our writer (the library takes any non-stream as one), for its diagnostics encoder.
  const writer = new StreamMessageWriter(process.stdout, { charset: 'utf-8', contentTypeEncoder: messageEncoder });
  const connection = createConnection(ProposedFeatures.all, process.stdin, writer as unknown as NodeJS.WritableStream);
  // Last line of defence: every handler catches its own errors, but a promise nobody awaited must
  // not end the process (Node's default) — log it once and keep serving.
  process.on('unhandledRejection', (reason) => {
    connection.console.error(`plantgap: unexpected error: ${reason instanceof Error ? (reason.stack ?? reason.message) : String(reason)}`);
  });
  startServer(connection);
}
