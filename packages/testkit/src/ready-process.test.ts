import { describe, expect, it } from 'vitest';
import { startReadyProcess } from './ready-process.ts';

const node = process.execPath;

describe('startReadyProcess', () => {
  it('resolves with the URL of the ready line and stops the process with SIGTERM', async () => {
    const script = `
      // the handler goes in before the ready line: a parent may signal as soon as it reads it
      process.on('SIGTERM', () => process.exit(0));
      console.log('starting');
      console.log('ready http://127.0.0.1:1234');
      setInterval(() => {}, 1000);
    `;
    const proc = await startReadyProcess(node, ['-e', script]);
    expect(proc.url).toBe('http://127.0.0.1:1234');
    expect(await proc.stop()).toBe(0);
  });

  it('rejects with stderr when the process exits before it is ready', async () => {
    await expect(
      startReadyProcess(node, ['-e', 'console.error("boom: bad flag"); process.exit(3)']),
    ).rejects.toThrow(/exited \(3\).*\n.*boom: bad flag/s);
  });
});
