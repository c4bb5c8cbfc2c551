/**
 * A selector the API server refuses. The real server answers these with a 400 `BadRequest`
 * Status whose message is exactly `message`, so callers map this error to that Status unchanged.
 */
export class SelectorError extends Error {
  readonly code = 400;
  readonly reason = 'BadRequest';

  constructor(message: string) {
    super(message);
    this.name = 'SelectorError';
  }
}
