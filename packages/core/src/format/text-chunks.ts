/**
 * Reports made piece by piece, written in chunks: a report of tens of megabytes is then never
 * held as one string (and the pieces it was joined from) on top of the analysis it describes.
 */

/** Big enough that writing costs few system calls, small enough not to matter in memory. */
const chunkCharacters = 64 * 1024;

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
