/**
 * Electron IPC transport. Structural types stand in for ipcMain / ipcRenderer so the bridge needs no
 * electron import and the policy is testable without the Electron binary.
 * Channels: `kiosk:<method>` for calls (invoke/handle), `kiosk:event` for host events.
 */
import { checkedResult, eventListeners, kioskApi } from './client';
import { methodNames, type KioskApi } from './contract';
import { err } from './result';
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
  const listeners = eventListeners();
  ipcRenderer.on(ipcEventChannel, (_event, name, payload) => listeners.deliver(name, payload));
  return kioskApi(
    async (method, input) =>
      checkedResult(method, await ipcRenderer.invoke(ipcChannelPrefix + method, input)),
    listeners.on,
  );
}
