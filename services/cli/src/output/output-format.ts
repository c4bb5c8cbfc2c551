// `-o table|json|yaml`: tables for people, the API's view objects unchanged for scripts.
import { stringify } from 'yaml';
import { UsageError } from '../cli-errors.ts';
import { writeLine, type OutputStream } from '../cli-io.ts';

export const OUTPUT_FORMATS = ['table', 'json', 'yaml'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

export function parseOutputFormat(value: string | undefined): OutputFormat {
  const format = value ?? 'table';
  if ((OUTPUT_FORMATS as readonly string[]).includes(format)) return format as OutputFormat;
  throw new UsageError(
    `unknown output format "${format}": use one of ${OUTPUT_FORMATS.join(', ')}`,
  );
}

/** Print `value` as JSON or YAML, or call `human` for the table form. */
export function printValue(
  out: OutputStream,
  format: OutputFormat,
  value: unknown,
  human: () => string,
): void {
  switch (format) {
    case 'json':
      writeLine(out, JSON.stringify(value, null, 2));
      return;
    case 'yaml':
      out.write(stringify(value));
      return;
    case 'table':
      writeLine(out, human());
      return;
  }
}
