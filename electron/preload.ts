/**
 * Preload of the kiosk window (sandboxed, context-isolated, bundled to one CJS file): exposes
 * `window.kiosk`, one function per bridge method plus `on(event)`, derived from bridge/contract.
 * The raw ipcRenderer never reaches the page.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { createIpcClient } from '../bridge/ipc';

contextBridge.exposeInMainWorld('kiosk', createIpcClient(ipcRenderer));
