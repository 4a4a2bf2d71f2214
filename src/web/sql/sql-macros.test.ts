import { describe, expect, test } from 'bun:test';
import { expandMacros, expandMacrosWithMap, referencedVariables, sqlContainsCondition, usesTimeRange } from './sql-macros.ts';

const range = { fromMs: Date.UTC(2026, 10, 30, 11, 0, 0), toMs: Date.UTC(2026, 10, 30, 12, 0, 0, 500) };

describe('SQL placeholders', () => {
  test('whether a query uses the picked time range', () => {
    expect(usesTimeRange('SELECT 1 WHERE timestamp >= $__timeFrom')).toBe(true);
    expect(usesTimeRange('WHERE timestamp < ${__to}')).toBe(true);
    expect(usesTimeRange('SELECT date_bin(${__interval}, timestamp) FROM logs')).toBe(false);
    expect(usesTimeRange("SELECT '$__timeFromX'")).toBe(false);
  });
  test('time range in both spellings, interval sized for the points wanted', () => {
    const sql = 'WHERE timestamp BETWEEN ${__from} AND ${__to} OR timestamp >= $__timeFrom AND timestamp < $__timeTo GROUP BY date_bin(${__interval}, timestamp)';
    expect(expandMacros(sql, { range, maxPoints: 61 })).toBe(
      "WHERE timestamp BETWEEN TIMESTAMP '2026-11-30 11:00:00' AND TIMESTAMP '2026-11-30 12:00:01' OR timestamp >= TIMESTAMP '2026-11-30 11:00:00' AND timestamp < TIMESTAMP '2026-11-30 12:00:01' GROUP BY date_bin(INTERVAL '60 seconds', timestamp)",
    );
  });
  test('variables: quotes doubled, multi-value as a quoted list, unknown names kept', () => {
    const vars = { service: "o'brien", envs: ['prod', 'st"g'], none: [] as string[] };
    expect(expandMacros("service_name = '${service}' AND env IN (${envs}) AND x IN ($none) AND $unknown", { range, variables: vars })).toBe(
      "service_name = 'o''brien' AND env IN ('prod', 'st\"g') AND x IN (NULL) AND $unknown",
    );
  });
  test('error offsets map back to what the user typed', () => {
    const original = 'SELECT x FROM t WHERE ts > $__timeFrom AND nme = 1';
    const { sql, toOriginal } = expandMacrosWithMap(original, { range });
    const expandedAt = sql.indexOf('nme');
    expect(toOriginal(expandedAt)).toBe(original.indexOf('nme'));
    expect(toOriginal(sql.indexOf('TIMESTAMP') + 3)).toBe(original.indexOf('$__timeFrom'));
    expect(toOriginal(3)).toBe(3);
  });
  test('referenced variables exclude built-ins', () => {
    expect(referencedVariables('${service} $env ${__from} $__interval')).toEqual(['service', 'env']);
  });
});

describe('sqlContainsCondition', () => {
  test('escapes %, _ and backslash, doubles quotes, and names the escape character', () => {
    expect(sqlContainsCondition('body', 'plain')).toBe("body ILIKE '%plain%' ESCAPE '\\'");
    expect(sqlContainsCondition('body', "o'k 5%_\\")).toBe("body ILIKE '%o''k 5\\%\\_\\\\%' ESCAPE '\\'");
  });
  test('a lone % or _ is escaped like any other (the engine reads an escaped run of one wildcard as a literal)', () => {
    expect(sqlContainsCondition('name', '%')).toBe("name ILIKE '%\\%%' ESCAPE '\\'");
    expect(sqlContainsCondition('name', '_')).toBe("name ILIKE '%\\_%' ESCAPE '\\'");
  });
});
