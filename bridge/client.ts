/**
 * What both renderer-side transports (Electron IPC, WebSocket) share: the event listeners, the
 * check of every answer that arrives, and the assembly of `window.kiosk` from one call function.
 */
import {
  eventNames,
  isEventName,
  methodNames,
  type EventName,
  type KioskApi,
  type MethodName,
} from './contract';
import { err, resultSchema, type Result } from './result';

export type Listener = (payload: unknown) => void;

/** Listeners by event: `deliver` hands an incoming event to them, `on` subscribes (and returns the release). */
export function eventListeners() {
  const listeners = new Map<EventName, Set<Listener>>(eventNames.map((name) => [name, new Set()]));
  return {
    deliver(name: unknown, payload: unknown): void {
      if (isEventName(name)) for (const listener of listeners.get(name) ?? []) listener(payload);
    },
    on(event: EventName, listener: Listener): () => void {
      listeners.get(event)?.add(listener);
      return () => void listeners.get(event)?.delete(listener);
    },
  };
}

/** An answer as it arrived, checked to be a Result; anything else is an `internal` error. */
export function checkedResult(method: MethodName, answer: unknown): Result<unknown> {
  const parsed = resultSchema.safeParse(answer);
  return parsed.success ? parsed.data : err('internal', `${method}: malformed answer`);
}

/**
 * `window.kiosk` from a transport's call function: one function per method plus `on`. The one
 * place the contract's mapped type is assembled from a loop, so its one assertion lives here.
 */
export function kioskApi(
  call: (method: MethodName, input: unknown) => Promise<Result<unknown>>,
  on: (event: EventName, listener: Listener) => () => void,
): KioskApi {
  const api: Record<string, unknown> = { on };
  for (const method of methodNames) api[method] = (input: unknown) => call(method, input);
  return api as KioskApi;
}
