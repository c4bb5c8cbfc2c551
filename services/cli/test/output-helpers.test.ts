import { describe, expect, it } from 'vitest';
import { isRouteMissing, problemLines, problemOf } from '../src/api/problem.ts';
import { parseDuration } from '../src/duration.ts';
import { parseSteps } from '../src/migration/migration-request.ts';
import { humanAge } from '../src/output/age.ts';
import { renderTable } from '../src/output/table.ts';

describe('output and parsing helpers', () => {
  it('ages read like kubectl', () => {
    const now = Date.parse('2026-11-23T12:00:00Z');
    const ago = (s: number) => new Date(now - s * 1000).toISOString();
    expect(
      [5, 119, 200, 3600, 4 * 3600 + 60, 30 * 3600, 3 * 86400 + 7200, 40 * 86400].map((s) =>
        humanAge(ago(s), now),
      ),
    ).toEqual(['5s', '119s', '3m20s', '60m', '4h1m', '30h', '3d2h', '40d']);
    expect(humanAge(undefined, now)).toBe('<unknown>');
  });

  it('durations and steps', () => {
    expect(parseDuration('90s', '--timeout')).toBe(90_000);
    expect(parseDuration('1h30m', '--timeout')).toBe(5_400_000);
    expect(parseDuration('45', '--timeout')).toBe(45_000);
    expect(() => parseDuration('5 minutes', '--timeout')).toThrow(/not a duration/);
    expect(parseSteps('10:5m,25:10m,100')).toEqual([
      { weightPercent: 10, pauseSeconds: 300 },
      { weightPercent: 25, pauseSeconds: 600 },
      { weightPercent: 100, pauseSeconds: 0 },
    ]);
    expect(() => parseSteps('ten')).toThrow(/PERCENT\[:PAUSE\]/);
  });

  it('tables have no borders and no trailing blanks', () => {
    expect(
      renderTable(
        ['NAME', 'READY'],
        [
          ['acme', 'True'],
          ['globex-long', 'False'],
        ],
      ),
    ).toBe(['NAME          READY', 'acme          True', 'globex-long   False'].join('\n'));
  });

  it('problems print title, detail, reason and one line per field error, with the flag', () => {
    const problem = problemOf(400, 'Bad Request', {
      type: 'https://trellis.dev/problems/validation',
      title: 'The request is invalid',
      status: 400,
      detail: 'the request is invalid',
      errors: [{ field: 'spec.networkAccount.accountId', message: 'must be 12 digits' }],
    });
    expect(problemLines(problem, { 'spec.networkAccount.accountId': '--account' })).toEqual([
      'error: The request is invalid (HTTP 400)',
      'the request is invalid',
      '  spec.networkAccount.accountId (--account): must be 12 digits',
    ]);
    expect(problemLines(problemOf(502, 'Bad Gateway', '<html>proxy</html>'))).toEqual([
      'error: Bad Gateway (HTTP 502)',
      '<html>proxy</html>',
    ]);
  });

  it('a 404 for a route is told apart from a 404 for a resource', () => {
    const notFound = (detail: string) =>
      problemOf(404, 'Not Found', {
        type: 'https://trellis.dev/problems/not-found',
        title: 'Not found',
        status: 404,
        detail,
      });
    expect(isRouteMissing(notFound('route "/v1/tenants/acme/migrations" not found'))).toBe(true);
    expect(isRouteMissing(notFound('migration "m1" not found'))).toBe(false);
    expect(isRouteMissing(problemOf(404, 'Not Found', 'Cannot GET /v1/x'))).toBe(true);
  });
});
