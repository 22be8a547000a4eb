/**
 * Reports made piece by piece, written in chunks: a report of tens of megabytes is then never
 * held as one string (and the pieces it was joined from) on top of the analysis it describes.
 */

/**
 * Big enough that writing costs few system calls, small enough not to matter in memory. A chunk
 * with one character beyond Latin-1 (a dash, a quote mark) takes two bytes a character: at 64 Ki
 * characters each chunk was a 128 KiB string, too large for V8's young generation, and the large
 * strings of a report of tens of megabytes piled up until a full collection (10 MB of plans:
 * 156 MiB peak against 153 with chunks of 16 Ki).
 */
const chunkCharacters = 16 * 1024;

/** The pieces joined into chunks of about {@link chunkCharacters} characters; joined, the chunks are the pieces joined. */
export function* inChunks(pieces: Iterable<string>): Generator<string, void, undefined> {
  let chunk = '';
  for (const piece of pieces) {
    chunk += piece;
    if (chunk.length >= chunkCharacters) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk !== '') yield chunk;
}
