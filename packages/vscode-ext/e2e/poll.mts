/** Waiting for a condition in the editor: poll, never sleep a fixed time. */

/**
 * Calls `check` until it returns a value other than false/undefined/null, then returns that value.
 * An exception from `check` ends the wait at once (it means the condition can no longer come true).
 */
export async function poll<T>(what: string, timeoutMs: number, check: () => T | Promise<T>, intervalMs = 200): Promise<Exclude<T, false | undefined | null>> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    last = await check();
    if (last !== false && last !== undefined && last !== null) return last as Exclude<T, false | undefined | null>;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
