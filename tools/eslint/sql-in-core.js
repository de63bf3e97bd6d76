/**
 * ESLint rule `local/sql-in-core`: on the kiosk, SQL lives in core/ repositories behind named
 * operations (docs/architecture.md, "Where SQL lives"); host/, sync/, device/, the renderer and
 * the bridge call those operations and never talk to the database themselves. Reported outside
 * core/ (the config scopes the rule to kiosk app code; tests may read the database back):
 *
 * - `x.prepare(…)`, `x.prepareRead(…)`, `x.pragma(…)`: only a database has these;
 * - `x.exec(…)` on a database: its argument is SQL text (a string or template literal that starts
 *   with a statement keyword), or its receiver is named as a database (`db`, `raw`, `database`,
 *   `…Db`). `pattern.exec(text)` on a regular expression stays allowed.
 */

const DB_ONLY = new Set(['prepare', 'prepareRead', 'pragma']);
const DB_NAME = /^(db|raw|database|sqlite)$|Db$|DB$/;

/** The name a receiver is known by: `db` in `db.exec`, `db` in `deps.db.exec`. */
function receiverName(node) {
  if (node.type === 'Identifier') return node.name;
  if (node.type === 'MemberExpression' && node.property.type === 'Identifier')
    return node.property.name;
  return null;
}

const SQL_START =
  /^\s*(select|insert|update|delete|create|drop|alter|pragma|with|begin|replace)\b/i;

/** Whether a call argument is literal SQL text. */
function isSqlText(node) {
  if (node === undefined) return false;
  if (node.type === 'Literal') return typeof node.value === 'string' && SQL_START.test(node.value);
  return node.type === 'TemplateLiteral' && SQL_START.test(node.quasis[0]?.value.cooked ?? '');
}

function runsSql(call) {
  const callee = call.callee;
  if (callee.type !== 'MemberExpression' || callee.property.type !== 'Identifier') return null;
  const method = callee.property.name;
  if (DB_ONLY.has(method)) return method;
  if (method !== 'exec') return null;
  if (callee.object.type === 'Literal' && callee.object.regex) return null;
  const name = receiverName(callee.object);
  return isSqlText(call.arguments[0]) || (name !== null && DB_NAME.test(name)) ? method : null;
}

export default {
  meta: {
    type: 'problem',
    docs: { description: 'keep kiosk SQL in core/ repositories with named operations' },
    schema: [],
    messages: {
      sql: '.{{method}}() runs SQL outside core/: add a named operation to a core/ repository and call it (docs/architecture.md)',
    },
  },
  create(context) {
    return {
      CallExpression(node) {
        const method = runsSql(node);
        if (method)
          context.report({ node: node.callee.property, messageId: 'sql', data: { method } });
      },
    };
  },
};
