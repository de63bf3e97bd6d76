/**
 * The one contract between renderer and host. Host handlers, the Electron preload, the WebSocket
 * client and the `window.kiosk` type are all derived from this object.
 */
import type { z } from 'zod';
import type { Result } from './result';
import { syncEvents, syncMethods } from './areas/sync';
import { appMethods } from './areas/app';
import { deviceEvents, deviceMethods } from './areas/device';
import { cartMethods } from './areas/cart';
import { checkoutMethods } from './areas/checkout';
import { memberMethods } from './areas/member';
import { mirrorMethods } from './areas/mirror';
import { sessionEvents, sessionMethods } from './areas/session';
import { staffEvents, staffMethods } from './areas/staff';

/** Every method, by area. An area file declares its methods' parameter and answer schemas. */
export const methods = {
  ...appMethods,
  ...deviceMethods,
  ...sessionMethods,
  ...mirrorMethods,
  ...memberMethods,
  ...cartMethods,
  ...checkoutMethods,
  ...staffMethods,
  ...syncMethods,
} as const;

/** Every event the host pushes, by area. */
export const events = {
  ...deviceEvents,
  ...sessionEvents,
  ...staffEvents,
  ...syncEvents,
} as const;

export type Methods = typeof methods;
export type MethodName = keyof Methods;
export type MethodInput<M extends MethodName> = z.input<Methods[M]['input']>;
export type MethodParams<M extends MethodName> = z.output<Methods[M]['input']>;
export type MethodOutput<M extends MethodName> = z.output<Methods[M]['output']>;
export type EventName = keyof typeof events;
export type EventPayload<E extends EventName> = z.output<(typeof events)[E]>;

export const methodNames = Object.keys(methods) as MethodName[];
export const eventNames = Object.keys(events) as EventName[];

export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && Object.hasOwn(methods, name);
}

/** Methods only a signed-in staff member may call (`staff: true` in their area file). */
export type StaffMethodName = {
  [M in MethodName]: Methods[M] extends { staff: true } ? M : never;
}[MethodName];

export function isStaffMethod(name: MethodName): name is StaffMethodName {
  const method = methods[name];
  return 'staff' in method && method.staff;
}

export const staffMethodNames = methodNames.filter(isStaffMethod);

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.hasOwn(events, name);
}

export type EventListener<E extends EventName> = (payload: EventPayload<E>) => void;

/** What the renderer sees as `window.kiosk`: one function per method, plus event subscription. */
export type KioskApi = {
  [M in MethodName]: (input: MethodInput<M>) => Promise<Result<MethodOutput<M>>>;
} & {
  on<E extends EventName>(event: E, listener: EventListener<E>): () => void;
};

/** What the host implements: one handler per method, given validated params. */
export type Handlers = {
  [M in MethodName]: (params: MethodParams<M>) => Promise<MethodOutput<M>> | MethodOutput<M>;
};
