/**
 * The JSON encoder of the server's outgoing messages. Every edit republishes the document's
 * diagnostics — hundreds in a long plan — and serialising that one message is a large part of what
 * a keystroke costs. Diagnostics of unchanged findings are the same objects from one publication to
 * the next (diagnostics.ts), so each is serialised once and its bytes kept; a publication is then
 * its head, those bytes and commas. Every other message is encoded as vscode-jsonrpc does.
 */
import type { Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver';
import type { ContentTypeEncoder, ContentTypeEncoderOptions, Message } from 'vscode-languageserver/node';

const bytesByDiagnostic = new WeakMap<Diagnostic, Buffer>();
const comma = Buffer.from(',');
const tail = Buffer.from(']}}');

export const messageEncoder: ContentTypeEncoder = {
  name: 'application/json',
  encode(message: Message, options: ContentTypeEncoderOptions): Promise<Uint8Array> {
    try {
      const publication = publishedDiagnostics(message);
      return Promise.resolve(publication ? encodePublication(message, publication, options.charset) : Buffer.from(JSON.stringify(message), options.charset));
    } catch (error) {
      return Promise.reject(error);
    }
  },
};

function publishedDiagnostics(message: Message): PublishDiagnosticsParams | undefined {
  const candidate = message as { method?: unknown; params?: { diagnostics?: unknown } };
  return candidate.method === 'textDocument/publishDiagnostics' && Array.isArray(candidate.params?.diagnostics) ? (candidate.params as PublishDiagnosticsParams) : undefined;
}

/** The bytes JSON.stringify would give the message, with `params.diagnostics` written last. */
function encodePublication(message: Message, params: PublishDiagnosticsParams, charset: BufferEncoding): Buffer {
  const { diagnostics, ...otherParams } = params;
  const head = JSON.stringify({ ...message, params: { ...otherParams, diagnostics: [] } });
  // The head ends with `[]}}` (params is the message's last key): the diagnostics go between the brackets.
  if (!head.endsWith('[]}}')) return Buffer.from(JSON.stringify(message), charset);
  const parts: Buffer[] = [Buffer.from(head.slice(0, -3), charset)];
  diagnostics.forEach((diagnostic, index) => {
    let bytes = bytesByDiagnostic.get(diagnostic);
    if (!bytes) {
      bytes = Buffer.from(JSON.stringify(diagnostic), charset);
      bytesByDiagnostic.set(diagnostic, bytes);
    }
    if (index > 0) parts.push(comma);
    parts.push(bytes);
  });
  parts.push(tail);
  return Buffer.concat(parts);
}
