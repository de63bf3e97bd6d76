/** The kiosk's `settings` key/value table, as the sync modules read and write it. */
export { deleteSetting, readSetting, writeSetting } from '../core/sync-store/settings';
