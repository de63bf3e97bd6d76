/**
 * Electron IPC transport. Structural types stand in for ipcMain / ipcRenderer so the bridge needs no
 * electron import and the policy is testable without the Electron binary.
 * Channels: `kiosk:<method>` for calls (invoke/handle), `kiosk:event` for host events.
 */
import { eventNames, isEventName, methodNames, type EventName, type KioskApi } from './contract';
import { err, type Result } from './result';
import type { BridgeServer } from './server';

export const ipcChannelPrefix = 'kiosk:';
export const ipcEventChannel = 'kiosk:event';

export interface IpcSenderFrame {
  url: string;
}
export interface IpcInvokeEventLike {
  senderFrame: IpcSenderFrame | null;
}
export interface IpcMainLike {
  handle(
    channel: string,
    listener: (event: IpcInvokeEventLike, params: unknown) => Promise<unknown>,
  ): void;
  removeHandler(channel: string): void;
}
export interface IpcRendererLike {
  invoke(channel: string, params: unknown): Promise<unknown>;
  on(channel: string, listener: (event: unknown, name: unknown, payload: unknown) => void): void;
}

/**
 * Registers one handler per method. `isTrustedSender` decides from the sending frame's URL (our own
 * window and origin only); an untrusted sender gets `forbidden` and the handler never runs.
 */
export function registerIpcBridge(
  ipcMain: IpcMainLike,
  server: BridgeServer,
  isTrustedSender: (frame: IpcSenderFrame | null) => boolean,
): () => void {
  for (const method of methodNames) {
    ipcMain.handle(ipcChannelPrefix + method, async (event, params) => {
      if (!isTrustedSender(event.senderFrame))
        return err('forbidden', 'sender is not the kiosk window');
      return server.dispatch(method, params);
    });
  }
  return () => methodNames.forEach((method) => ipcMain.removeHandler(ipcChannelPrefix + method));
}

/** Builds the preload's `window.kiosk`: one function per operation, never the raw ipcRenderer. */
export function createIpcClient(ipcRenderer: IpcRendererLike): KioskApi {
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>(
    eventNames.map((name) => [name, new Set()]),
  );
  ipcRenderer.on(ipcEventChannel, (_event, name, payload) => {
    if (isEventName(name)) for (const listener of listeners.get(name) ?? []) listener(payload);
  });
  const api: Record<string, unknown> = {};
  for (const method of methodNames) {
    api[method] = async (input: unknown) =>
      (await ipcRenderer.invoke(ipcChannelPrefix + method, input)) as Result<unknown>;
  }
  api.on = (event: EventName, listener: (payload: unknown) => void) => {
    listeners.get(event)?.add(listener);
    return () => listeners.get(event)?.delete(listener);
  };
  return api as KioskApi;
}
