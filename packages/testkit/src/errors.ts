/** A tool the tests or the sandbox need is missing and could not be provided automatically. */
export class MissingToolError extends Error {
  readonly tool: string;
  readonly hint: string;

  constructor(tool: string, message: string, hint: string) {
    super(`${message}\n  hint: ${hint}`);
    this.name = 'MissingToolError';
    this.tool = tool;
    this.hint = hint;
  }
}
