// The seed's JSON Schema as published in docs/aws-emulator.seed.schema.json (for editors and
// for people writing seeds by hand). test/seed.test.ts fails when the file is out of date.
import { SeedSchema } from './seed-schema.ts';

export const SEED_SCHEMA_ID = 'https://trellis.dev/schemas/aws-emulator.seed.schema.json';

export function seedJsonSchemaText(): string {
  const schema = {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: SEED_SCHEMA_ID,
    ...(JSON.parse(JSON.stringify(SeedSchema)) as Record<string, unknown>),
  };
  return `${JSON.stringify(schema, null, 2)}\n`;
}
