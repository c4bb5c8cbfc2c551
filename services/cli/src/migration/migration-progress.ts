// `migration status --watch`: on a terminal, two live bars (steps done, traffic on toCluster)
// drawn by cli-progress; into a pipe or file, one line per change, so logs stay readable.
import cliProgress from 'cli-progress';
import { writeLine, type OutputStream } from '../cli-io.ts';
import type { MigrationSummary } from './migration-view.ts';

export interface MigrationProgressView {
  update(summary: MigrationSummary): void;
  stop(): void;
}

const BAR_SIZE = 30;
const BAR_OPTIONS = { barCompleteChar: '█', barIncompleteChar: '░', barsize: BAR_SIZE };

export function progressViewFor(stream: OutputStream): MigrationProgressView {
  return stream.isTTY === true ? new BarProgressView(stream) : new LineProgressView(stream);
}

/** A bar as text, e.g. `█████░░░░░`, for the line view and the status table. */
export function textBar(value: number, total: number, size = BAR_SIZE): string {
  const progress = total <= 0 ? 0 : Math.min(1, Math.max(0, value / total));
  const complete = Math.round(progress * size);
  return (
    BAR_OPTIONS.barCompleteChar.repeat(complete) +
    BAR_OPTIONS.barIncompleteChar.repeat(size - complete)
  );
}

export function summaryLine(s: MigrationSummary): string {
  return [
    `${s.phase.padEnd(11)}`,
    `steps ${s.stepsDone}/${s.stepsTotal}`,
    `[${textBar(s.toPercent, 100, 20)}] ${s.toPercent}% → ${s.to} (${s.from} ${100 - s.toPercent}%)`,
    ...(s.gate !== '' ? [`gate ${s.gate}`] : []),
    ...(s.note !== '' ? [`— ${s.note}`] : []),
  ].join('  ');
}

class LineProgressView implements MigrationProgressView {
  private readonly stream: OutputStream;
  private last = '';

  constructor(stream: OutputStream) {
    this.stream = stream;
  }

  update(summary: MigrationSummary): void {
    const line = summaryLine(summary);
    if (line === this.last) return;
    this.last = line;
    writeLine(this.stream, line);
  }

  stop(): void {}
}

class BarProgressView implements MigrationProgressView {
  private readonly bars: cliProgress.MultiBar;
  private steps: cliProgress.SingleBar | undefined;
  private weight: cliProgress.SingleBar | undefined;

  constructor(stream: OutputStream) {
    this.bars = new cliProgress.MultiBar(
      {
        ...BAR_OPTIONS,
        // cli-progress types its stream as NodeJS.WritableStream; it writes and moves the cursor only.
        stream: stream as unknown as NodeJS.WritableStream,
        format: '{label} {bar} {info}',
        hideCursor: true,
        clearOnComplete: false,
        stopOnComplete: false,
        autopadding: true,
        fps: 10,
      },
      cliProgress.Presets.shades_classic,
    );
  }

  update(s: MigrationSummary): void {
    const stepsInfo = `${s.stepsDone}/${s.stepsTotal} steps  ${s.phase}${s.gate !== '' ? `  gate ${s.gate}` : ''}${s.note !== '' ? `  — ${s.note}` : ''}`;
    const weightInfo = `${s.toPercent}% → ${s.to}  (${s.from} ${100 - s.toPercent}%)`;
    const label = (text: string) => text.padEnd(Math.max(5, s.to.length, 'steps'.length));
    if (this.steps === undefined || this.weight === undefined) {
      this.steps = this.bars.create(s.stepsTotal, s.stepsDone, {
        label: label('steps'),
        info: stepsInfo,
      });
      this.weight = this.bars.create(100, s.toPercent, { label: label(s.to), info: weightInfo });
      return;
    }
    this.steps.setTotal(s.stepsTotal);
    this.steps.update(s.stepsDone, { info: stepsInfo });
    this.weight.update(s.toPercent, { info: weightInfo });
  }

  stop(): void {
    this.bars.stop();
  }
}
