export {
  createHubApi,
  BODY_LIMIT_BYTES,
  type HubApiOptions,
  type HubApiHandle,
} from './hub-api.ts';
export type { HubApiInstance } from './routes/api-context.ts';
export { PROBLEM_TYPES, problemTypeUri, type Problem } from './http/problem.ts';
export { TOKEN_PREFIX } from './auth/tenant-tokens.ts';
