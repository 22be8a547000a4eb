/**
 * Document URIs and file paths. Findings name files by path; the client names documents by URI.
 * Open documents keep the URI the client sent (clients differ in how they escape characters);
 * files only read from disk get Node's file URI.
 */
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The file system path of a `file:` URI; undefined for untitled and other schemes, or a malformed URI. */
export function filePathOf(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

export function fileUriOf(filePath: string): string {
  return pathToFileURL(filePath).href;
}
