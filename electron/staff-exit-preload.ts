/**
 * Preload of the staff exit dialog (sandboxed, bundled to CJS): two functions, no raw ipcRenderer.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { staffExitCancelChannel, staffExitSubmitChannel } from './staff-exit-channels';

contextBridge.exposeInMainWorld('staffExit', {
  submit: (badge: string, pin: string): Promise<unknown> =>
    ipcRenderer.invoke(staffExitSubmitChannel, { badge: String(badge), pin: String(pin) }),
  cancel: (): Promise<unknown> => ipcRenderer.invoke(staffExitCancelChannel),
});
