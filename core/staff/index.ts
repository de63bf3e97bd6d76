export {
  LOCKOUT_MS,
  MAX_FAILED_ATTEMPTS,
  verifyStaffPin,
  type StaffLoginResult,
  type StaffMember,
  type StaffRole,
} from './verify-pin';
export {
  openSyncTaskRows,
  permanentMemberId,
  resolveSyncTask,
  type SyncTaskRow,
} from './sync-tasks';
