import { ApiProblemError } from '../cli-errors.ts';

/** Run a write; a 400 from the server names the flag beside each field it rejects. */
export async function withFlagHints<T>(
  hints: Record<string, string>,
  write: () => Promise<T>,
): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (error instanceof ApiProblemError) throw error.withFlagHints(hints);
    throw error;
  }
}
