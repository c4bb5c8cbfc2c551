// Services, migrations and schedules are newer than some hub-api deployments. A 404 that means
// "no such route" (not "no such resource") becomes a clear message instead of "not found".
import { ApiProblemError, UnsupportedFeatureError } from '../cli-errors.ts';
import { isRouteMissing } from '../api/problem.ts';

export async function requireFeature<T>(
  feature: string,
  method: string,
  path: string,
  call: () => Promise<T>,
): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof ApiProblemError && isRouteMissing(error.problem)) {
      throw new UnsupportedFeatureError(feature, method, path.split('?')[0] ?? path);
    }
    throw error;
  }
}
