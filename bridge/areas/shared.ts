import { z } from 'zod';

/** Parameters of a method that takes none: an empty object, nothing else. */
export const none = z.object({}).strict();
