/**
 * JSON with object keys sorted at every depth, so two equal values always serialise the same
 * (cache keys, like-with-like checks of settings and models, resume checks). Arrays keep their
 * order; `undefined` becomes `null` at the top level, as JSON.stringify cannot write it.
 */
export function stableJson(value: unknown): string {
  return (
    JSON.stringify(value ?? null, (_key, v: unknown) => {
      if (v && typeof v === 'object' && !Array.isArray(v)) {
        return Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
        );
      }
      return v;
    }) ?? 'null'
  );
}
