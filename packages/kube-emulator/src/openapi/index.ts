// OpenAPI documents for the served kinds: Swagger 2.0 (/openapi/v2) and OpenAPI 3.0 per group
// version (/openapi/v3), built from the built-in schemas and the CRDs' openAPIV3Schemas.
export { openApiV2 } from './v2.ts';
export { openApiV3Document, openApiV3DocumentWithHash, openApiV3Paths } from './v3.ts';
export { definitionNameOf } from './definition-set.ts';
export { builtinDefinitionName } from './builtin-definitions.ts';
export { customDefinitionName } from './crd-definitions.ts';
