// Regenerates docs/aws-emulator.seed.schema.json from the TypeBox seed schema.
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { seedJsonSchemaText } from './seed-json-schema.ts';

const target = fileURLToPath(new URL('../../../../docs/aws-emulator.seed.schema.json', import.meta.url));
await writeFile(target, seedJsonSchemaText());
process.stdout.write(`wrote ${target}\n`);
