/**
 * The only way plantgap writes a file (reports, `init`, `--output`): the text goes to a temporary
 * file in the same directory, which then replaces the target in one rename, so a crash or a full
 * disk never leaves a half-written file behind. Without `overwrite`, an existing file is never
 * touched: the temporary file is hard-linked into place, which fails atomically if the target
 * appeared in the meantime (no check-then-write race).
 */
import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { chmod, copyFile, link, open, rename, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import { failure, success, type Result } from '../input-error.js';

export interface WriteFileOptions {
  /** Replace an existing file; otherwise an existing file is an error and stays as it was. */
  overwrite: boolean;
}

export type WriteOutcome = 'created' | 'replaced';

/**
 * Writes `text` to `file` atomically; text given in chunks is written chunk by chunk as they are
 * made, never held whole. Problems (missing directory, existing file, permissions) come back as
 * errors naming the file.
 */
export async function writeFileAtomically(file: string, text: string | Iterable<string>, options: WriteFileOptions): Promise<Result<WriteOutcome>> {
  const directory = path.dirname(file);
  const directoryStatus = await stat(directory).catch(() => undefined);
  if (directoryStatus === undefined) return failure({ file, message: `cannot write: directory ${directory} does not exist` });
  if (!directoryStatus.isDirectory()) return failure({ file, message: `cannot write: ${directory} is not a directory` });

  const existing = await stat(file).catch(() => undefined);
  if (existing?.isDirectory()) return failure({ file, message: 'cannot write: it is a directory' });
  if (existing !== undefined && !options.overwrite) return failure({ file, message: 'already exists; not overwritten' });

  const temporary = path.join(directory, `.${path.basename(file)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const handle = await open(temporary, 'wx', existing?.mode ?? 0o644);
    try {
      // On an open handle, each writeFile continues where the last one ended (and writes all of it).
      for (const chunk of typeof text === 'string' ? [text] : text) await handle.writeFile(chunk, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    if (existing === undefined || !options.overwrite) {
      // link() refuses an existing target, so a file created since the stat above is never replaced.
      await link(temporary, file).catch(async (error: NodeJS.ErrnoException) => {
        // Some file systems (network shares, FAT) have no hard links; an exclusive copy still never overwrites.
        if (error.code !== 'EPERM' && error.code !== 'ENOTSUP' && error.code !== 'ENOSYS') throw error;
        await copyFile(temporary, file, constants.COPYFILE_EXCL);
      });
      await unlink(temporary);
      return success('created');
    }
    await chmod(temporary, existing.mode);
    await rename(temporary, file);
    return success('replaced');
  } catch (error) {
    await unlink(temporary).catch(() => undefined);
    const code = (error as NodeJS.ErrnoException).code;
    // Not a file system problem: text given in chunks failed to be made (a bug, not an input error).
    if (code === undefined) throw error;
    if (code === 'EEXIST') return failure({ file, message: 'already exists; not overwritten' });
    return failure({ file, message: `cannot write: ${code}` });
  }
}
