import { describe, expect, it } from 'vitest';
import { logSerializers } from './log-redaction';

const CARD = '6280000000000024';

describe('cloud log serializers', () => {
  it('log a request by its route pattern, never its URL or headers', () => {
    const line = logSerializers.req({
      method: 'GET',
      url: `/v1/members/lookup?cardNo=${CARD}`,
      id: 'req-1',
      routeOptions: {},
    });
    expect(line).toEqual({ method: 'GET', route: '(no route)', id: 'req-1' });
    expect(
      logSerializers.req({
        method: 'GET',
        url: '/v1/pull/members?cursor=x',
        routeOptions: { url: '/v1/pull/:stream' },
      }),
    ).toMatchObject({ route: '/v1/pull/:stream' });
  });

  it('log a database error by its code and constraint, without the values it quotes', () => {
    const err = Object.assign(new Error(`duplicate key value: Key (card_no)=(${CARD})`), {
      code: '23505',
      severity: 'ERROR',
      detail: `Key (card_no)=(${CARD}) already exists.`,
      constraint: 'members_card_no_key',
      routine: '_bt_check_unique',
    });
    const line = logSerializers.err(err);
    expect(line).toEqual({
      type: 'Error',
      code: '23505',
      constraint: 'members_card_no_key',
      routine: '_bt_check_unique',
    });
    expect(JSON.stringify(line)).not.toContain(CARD);
    expect(logSerializers.err(new TypeError('boom'))).toMatchObject({
      type: 'TypeError',
      message: 'boom',
    });
  });
});
