/** The app area: who this kiosk is. */
import { appInfoSchema } from '../schemas';
import { none } from './shared';

export const appMethods = {
  'app.info': { input: none, output: appInfoSchema },
} as const;
