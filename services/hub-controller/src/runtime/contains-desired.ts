// Whether an object as stored already holds everything we would write: every field we set has
// the value we set (objects compared field by field, arrays element by element and of the same
// length); fields the server or others added are ignored, as server-side apply ignores them.
// A field we stop setting is not noticed here, so callers compare complete sets (our labels,
// annotations and specs are always written in full).
export function containsDesired(actual: unknown, desired: unknown): boolean {
  if (Array.isArray(desired)) {
    return (
      Array.isArray(actual) &&
      actual.length === desired.length &&
      desired.every((d, i) => containsDesired(actual[i], d))
    );
  }
  if (typeof desired === 'object' && desired !== null) {
    if (typeof actual !== 'object' || actual === null || Array.isArray(actual)) return false;
    const a = actual as Record<string, unknown>;
    return Object.entries(desired).every(([k, v]) => v === undefined || containsDesired(a[k], v));
  }
  return actual === desired;
}
