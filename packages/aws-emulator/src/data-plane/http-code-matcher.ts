// The health check matcher's httpCode: one code ("200"), a list ("200,202") or a range
// ("200-299"), the forms the Matcher API type and the ELB convention it follows allow.
export class InvalidHttpCodeMatcherError extends Error {
  readonly matcher: string;

  constructor(matcher: string) {
    super(`invalid health check matcher httpCode '${matcher}'`);
    this.name = 'InvalidHttpCodeMatcherError';
    this.matcher = matcher;
  }
}

export type HttpCodeMatcher = (status: number) => boolean;

export function parseHttpCodeMatcher(spec: string | undefined): HttpCodeMatcher {
  const text = (spec ?? '200').trim();
  const parts = text.split(',').map((part) => part.trim());
  const ranges = parts.map((part) => {
    const range = /^(\d{3})-(\d{3})$/.exec(part);
    if (range) return [Number(range[1]), Number(range[2])] as const;
    if (/^\d{3}$/.test(part)) return [Number(part), Number(part)] as const;
    throw new InvalidHttpCodeMatcherError(text);
  });
  return (status) => ranges.some(([low, high]) => status >= low && status <= high);
}
