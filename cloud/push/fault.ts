/**
 * Crash points of the cloud for the fault suite (test/faults), like sync/fault.ts on the kiosk:
 * `CLOUD_FAULT_POINT=inside-batch:N` kills the process with SIGKILL right after the N-th mutation
 * it applies, inside that batch's open transaction (the database rolls the batch back). Inert
 * unless the variable is set.
 */
export type CloudFaultPoint = 'inside-batch';

let count = 0;

export function cloudFaultPoint(point: CloudFaultPoint): void {
  const plan = process.env.CLOUD_FAULT_POINT;
  if (!plan?.startsWith(`${point}:`)) return;
  if (++count === Number(plan.slice(point.length + 1))) process.kill(process.pid, 'SIGKILL');
}
