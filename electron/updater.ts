/**
 * Updates from a generic HTTPS feed (electron-updater). A check runs only when the update policy
 * allows it (store closed, no session); a downloaded update is installed under the same rule.
 * Integrity: electron-updater verifies the sha512 from the feed's latest*.yml, and on Windows the
 * Authenticode signature against `win.signtoolOptions.publisherName` (electron-builder.yml).
 */
import type { Logger } from 'pino';
import {
  checkDecision,
  installDecision,
  type UpdateContext,
  type UpdatePolicy,
} from './update-policy';

/** The parts of electron-updater's AppUpdater the scheduler uses. */
export interface UpdaterLike {
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
  allowDowngrade: boolean;
  allowPrerelease: boolean;
  setFeedURL(options: { provider: 'generic'; url: string }): void;
  checkForUpdates(): Promise<unknown>;
  quitAndInstall(isSilent?: boolean, isForceRunAfter?: boolean): void;
  on(event: 'update-downloaded', listener: (info: { version: string }) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
}

export interface UpdateSchedulerDeps {
  updater: UpdaterLike;
  feedUrl: string;
  policy: UpdatePolicy;
  context: () => Omit<UpdateContext, 'lastCheckAt'>;
  log: Pick<Logger, 'info' | 'warn'>;
}

export interface UpdateScheduler {
  /** Called periodically; checks or installs when the policy allows. */
  tick(): Promise<'checked' | 'installing' | 'waiting'>;
}

export function createUpdateScheduler(deps: UpdateSchedulerDeps): UpdateScheduler {
  const { updater } = deps;
  updater.autoDownload = true;
  updater.autoInstallOnAppQuit = false;
  updater.allowDowngrade = false;
  updater.allowPrerelease = false;
  updater.setFeedURL({ provider: 'generic', url: deps.feedUrl });
  let lastCheckAt: Date | null = null;
  let downloaded: string | null = null;
  let installing = false;
  updater.on('update-downloaded', (info) => {
    downloaded = info.version;
    deps.log.info({ version: info.version }, 'update downloaded; waiting for a quiet moment');
  });
  updater.on('error', (error) => deps.log.warn({ err: error }, 'update failed'));

  return {
    async tick() {
      if (installing) return 'installing';
      const context = { ...deps.context(), lastCheckAt };
      if (downloaded !== null) {
        if (!installDecision(context, deps.policy).run) return 'waiting';
        installing = true;
        deps.log.info({ version: downloaded }, 'installing update');
        updater.quitAndInstall(true, true);
        return 'installing';
      }
      if (!checkDecision(context, deps.policy).run) return 'waiting';
      lastCheckAt = context.now;
      try {
        await updater.checkForUpdates();
      } catch (error) {
        deps.log.warn({ err: error }, 'update check failed');
      }
      return 'checked';
    },
  };
}
