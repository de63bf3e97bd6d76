/** IPC channels of the staff exit dialog (not part of the shopper bridge; own origin). */
export const staffExitSubmitChannel = 'kiosk:staff-exit.submit';
export const staffExitCancelChannel = 'kiosk:staff-exit.cancel';
