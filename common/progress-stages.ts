/**
 * Long work of a command shown stage by stage (the phases of an import, the streams of a first
 * sync): one progress bar per stage on a terminal, plain lines otherwise (common/progress.ts).
 * A stage ends when the next one starts, or at `end`.
 */
import { createProgress, terminalReporter, type Progress, type ProgressOutput } from './progress';

export interface StageUpdate {
  stage: string;
  done: number;
  total: number | null;
  /** Done by an earlier, interrupted run: shown as done, not counted in the rate. */
  alreadyDone?: number;
  finished?: boolean;
  /** A second count shown beside the first (e.g. files beside megabytes). */
  detail?: string;
  /** This stage's unit, when not the one `stageProgress` was given. */
  unit?: string;
}

export interface StageProgress {
  update(u: StageUpdate): void;
  /**
   * Closes the current stage: its final line when it got to its total; when it stopped short
   * (interrupted), the bar is left as it stands, on a line of its own.
   */
  end(): void;
}

export function stageProgress(
  out: ProgressOutput | undefined,
  unit: string,
  now?: () => number,
): StageProgress {
  let current: { stage: string; progress: Progress } | null = null;
  return {
    update(u) {
      if (!out) return;
      if (current?.stage !== u.stage) {
        current?.progress.finish();
        const progress = createProgress({
          task: u.stage,
          unit: u.unit ?? unit,
          total: u.total,
          alreadyDone: u.alreadyDone,
          now,
          minIntervalMs: 50,
          onUpdate: terminalReporter(out, { now }),
        });
        current = { stage: u.stage, progress };
      }
      if (u.detail !== undefined) current.progress.setDetail(u.detail);
      current.progress.update(u.done, u.total);
      if (u.finished) current.progress.finish();
    },
    end() {
      const s = current?.progress.snapshot();
      if (s && (s.total === null || s.done >= s.total)) current?.progress.finish();
      else if (s && out?.isTTY) out.write('\n');
      current = null;
    },
  };
}
