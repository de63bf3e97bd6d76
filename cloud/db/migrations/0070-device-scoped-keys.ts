/**
 * Idempotency keys are scoped to the device: the stored outcome of a mutation is found by (device,
 * key), so a second device reusing a key is processed on its own instead of being answered with
 * the first device's outcome. Business ids (sale id, order id, earn id, …) still dedupe brand-wide
 * in the handlers' own tables.
 */
export const sql = `
ALTER TABLE mutations DROP CONSTRAINT mutations_pkey;
ALTER TABLE mutations ADD PRIMARY KEY (device_id, key);
`;
