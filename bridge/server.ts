/**
 * Transport-independent host side of the bridge. `dispatch` never throws: an unknown method, a
 * malformed parameter object or a failing handler each come back as an error Result.
 *
 * Guarantee: a method marked `staff: true` in the contract runs only while `staffSignedIn()` says
 * a staff member is signed in at this screen; otherwise it is answered `forbidden` before its
 * parameters are even read, so no handler has to remember the check.
 */
import { formatZodError } from '../common/result';
import {
  events,
  isMethodName,
  isStaffMethod,
  methods,
  type EventName,
  type EventPayload,
  type Handlers,
  type MethodName,
} from './contract';
import { err, KioskError, ok, type Result } from './result';

export type EventSink = <E extends EventName>(event: E, payload: EventPayload<E>) => void;

export interface BridgeServer {
  dispatch(method: unknown, params: unknown): Promise<Result<unknown>>;
  /** Validates an event against its schema and hands it to every subscribed transport. */
  emit: EventSink;
  subscribe(sink: (event: EventName, payload: unknown) => void): () => void;
}

export interface BridgeServerOptions {
  /** Whether a staff member is signed in at this screen now (the host keeps the staff session). */
  staffSignedIn(): boolean;
  /** Called for failures that are not KioskErrors (bugs); the caller logs them once. */
  onInternalError?: (method: string, error: unknown) => void;
  /** Called when a staff-only method is refused for want of a staff session. */
  onForbidden?: (method: MethodName) => void;
}

export function createBridgeServer(handlers: Handlers, options: BridgeServerOptions): BridgeServer {
  const sinks = new Set<(event: EventName, payload: unknown) => void>();

  async function dispatch(method: unknown, params: unknown): Promise<Result<unknown>> {
    if (!isMethodName(method)) {
      return err('unknown-method', `unknown method ${JSON.stringify(String(method)).slice(0, 80)}`);
    }
    if (isStaffMethod(method) && !options.staffSignedIn()) {
      options.onForbidden?.(method);
      return err('forbidden', `${method} needs a signed-in staff member`);
    }
    const parsed = methods[method].input.safeParse(params ?? {});
    if (!parsed.success) return err('bad-request', formatZodError(parsed.error).slice(0, 2000));
    try {
      const handler = handlers[method] as (p: unknown) => unknown;
      return ok(await handler(parsed.data));
    } catch (error) {
      if (error instanceof KioskError) return err(error.code, error.message);
      options.onInternalError?.(method, error);
      return err('internal', `${method} failed`);
    }
  }

  const emit: EventSink = (event, payload) => {
    const checked = events[event].parse(payload);
    for (const sink of sinks) sink(event, checked);
  };

  return {
    dispatch,
    emit,
    subscribe(sink) {
      sinks.add(sink);
      return () => sinks.delete(sink);
    },
  };
}

export type { MethodName };
