/**
 * Crash points for the fault suite (test/faults): when `KIOSK_FAULT_POINT` names this point the
 * process kills itself with SIGKILL, exactly as a power cut would, with no cleanup and no flush.
 * Inert unless the variable is set.
 */
export type FaultPoint = 'before-commit' | 'before-send' | 'before-ack';

export function faultPoint(point: FaultPoint): void {
  if (process.env.KIOSK_FAULT_POINT === point) process.kill(process.pid, 'SIGKILL');
}
