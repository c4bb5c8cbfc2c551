/** Why a patch could not be applied; the server maps `reason` to a metav1.Status. */
export class PatchError extends Error {
  /** Invalid → 422, BadRequest → 400, Conflict → 409, UnsupportedMediaType → 415 */
  readonly reason: 'Invalid' | 'BadRequest' | 'Conflict' | 'UnsupportedMediaType';
  /**
   * What exactly went wrong, for logs and tests. The real apiserver sometimes hides it: a JSON
   * patch that fails to apply is answered with a generic 422 message, so `message` stays generic
   * while `detail` keeps json-patch's own text.
   */
  readonly detail: string;

  constructor(message: string, reason: PatchError['reason'], detail?: string) {
    super(message);
    this.name = 'PatchError';
    this.reason = reason;
    this.detail = detail ?? message;
  }
}
