import type { Handlers } from '../../bridge/contract';
import type { DeviceStatus } from '../../bridge/schemas';
import type { DeviceSnapshot } from '../../device/device';
import type { HostContext } from './context';

export function toDeviceStatus(
  snapshot: DeviceSnapshot & { warning?: string | null },
): DeviceStatus {
  return {
    id: snapshot.id,
    kind: snapshot.role,
    transport: snapshot.transport,
    path: snapshot.path,
    state: snapshot.state,
    reads: snapshot.reads,
    errors: snapshot.errors,
    lastEventAt: snapshot.lastEventAt?.toISOString() ?? null,
    lastError: snapshot.lastError,
    warning: snapshot.warning ?? null,
  };
}

export function deviceHandlers(ctx: HostContext): Pick<Handlers, 'device.list'> {
  return {
    'device.list': () => ctx.devices.snapshots().map(toDeviceStatus),
  };
}
