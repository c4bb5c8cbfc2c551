// STS's request validation, with the service's own messages ("1 validation error detected: …").
import { AwsError } from '../core/contracts.ts';

export class ValidationErrors {
  private readonly messages: string[] = [];

  required(member: string, value: string | undefined): void {
    if (value === undefined) this.messages.push(`Value null at '${member}' failed to satisfy constraint: Member must not be null`);
  }

  length(member: string, value: string | undefined, min: number, max: number): void {
    if (value === undefined) return;
    if (value.length < min) {
      this.messages.push(
        `Value '${value}' at '${member}' failed to satisfy constraint: Member must have length greater than or equal to ${min}`,
      );
    } else if (value.length > max) {
      this.messages.push(
        `Value '${value}' at '${member}' failed to satisfy constraint: Member must have length less than or equal to ${max}`,
      );
    }
  }

  pattern(member: string, value: string | undefined, pattern: RegExp, shown: string): void {
    if (value === undefined || pattern.test(value)) return;
    this.messages.push(
      `Value '${value}' at '${member}' failed to satisfy constraint: Member must satisfy regular expression pattern: ${shown}`,
    );
  }

  range(member: string, value: number | undefined, min: number, max: number): void {
    if (value === undefined) return;
    if (value < min) {
      this.messages.push(
        `Value '${value}' at '${member}' failed to satisfy constraint: Member must have value greater than or equal to ${min}`,
      );
    } else if (value > max) {
      this.messages.push(
        `Value '${value}' at '${member}' failed to satisfy constraint: Member must have value less than or equal to ${max}`,
      );
    }
  }

  throwIfAny(): void {
    if (this.messages.length === 0) return;
    const count = this.messages.length;
    throw validationError(
      `${count} validation error${count === 1 ? '' : 's'} detected: ${this.messages.join('; ')}`,
    );
  }
}

export function validationError(message: string): AwsError {
  return new AwsError('ValidationError', message, 400);
}

/** Integer parameter, or a ValidationError naming it. */
export function parseInteger(member: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^-?\d+$/.test(value)) throw validationError(`Value '${value}' at '${member}' failed to satisfy constraint: Member must be an integer`);
  return Number(value);
}
