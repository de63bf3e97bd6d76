/**
 * Names for the statements a `prepareStatements` transaction sends as prepared statements
 * (pg-db.ts). A name is a hash of the text, so every connection of every instance names one text
 * alike, and a text is parsed once per connection. The number of names is capped: a transaction
 * that builds its SQL from values (a varying list of placeholders) would otherwise leave a new
 * prepared statement on the connection at each call; past the cap, statements go unnamed as before.
 */
import { createHash } from 'node:crypto';

/** Far more than the push path's fixed statements (about forty). */
export const MAX_PREPARED_STATEMENTS = 256;

export interface StatementNames {
  /** The name to prepare `sql` under, or undefined once the cap is reached by other texts. */
  nameFor(sql: string): string | undefined;
  readonly size: number;
}

export function statementNames(max = MAX_PREPARED_STATEMENTS): StatementNames {
  const names = new Map<string, string>();
  return {
    nameFor(sql) {
      const known = names.get(sql);
      if (known !== undefined || names.size >= max) return known;
      const name = `kiosk_${createHash('sha256').update(sql).digest('hex').slice(0, 24)}`;
      names.set(sql, name);
      return name;
    },
    get size() {
      return names.size;
    },
  };
}
