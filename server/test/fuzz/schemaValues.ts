import type { Prng } from './prng.ts'

/** The part of JSON Schema that zod's toJSONSchema writes for our request bodies. */
export type JsonSchema = {
  type?: string | string[]
  properties?: Record<string, JsonSchema>
  required?: string[]
  items?: JsonSchema
  enum?: unknown[]
  const?: unknown
  anyOf?: JsonSchema[]
  oneOf?: JsonSchema[]
  minimum?: number
  maximum?: number
  minLength?: number
  maxLength?: number
  $ref?: string
}

/** Path segments and strings that have broken servers before. */
export const HOSTILE_STRINGS = [
  '',
  'x',
  '../../etc/passwd',
  '%00',
  '%E0%A4%A',
  '__proto__',
  'constructor',
  "'; DROP TABLE boards;--",
  '😀'.repeat(50),
  'a'.repeat(300),
  '<script>alert(1)</script>',
  '=HYPERLINK("http://x")',
  '\u0000\u202e',
]

/** A value that matches the JSON schema (mostly): strings are often real ids or hostile strings. */
export function schemaValue(rng: Prng, schema: JsonSchema, ids: string[], depth = 0): unknown {
  if (depth > 6) return null
  if (schema.const !== undefined) return schema.const
  if (schema.enum) return rng.pick(schema.enum)
  const options = schema.anyOf ?? schema.oneOf
  if (options) return schemaValue(rng, rng.pick(options), ids, depth + 1)
  const type = Array.isArray(schema.type) ? rng.pick(schema.type) : schema.type
  switch (type) {
    case 'object': {
      const out: Record<string, unknown> = {}
      for (const [key, prop] of Object.entries(schema.properties ?? {})) {
        if (schema.required?.includes(key) || rng.chance(0.5)) out[key] = schemaValue(rng, prop, ids, depth + 1)
      }
      return out
    }
    case 'array':
      return Array.from({ length: rng.int(4) }, () => schemaValue(rng, schema.items ?? {}, ids, depth + 1))
    case 'string': {
      if (ids.length > 0 && rng.chance(0.4)) return rng.pick(ids)
      if (rng.chance(0.1)) return rng.pick(HOSTILE_STRINGS)
      const max = Math.min(schema.maxLength ?? 40, 40)
      const min = Math.min(schema.minLength ?? 1, max)
      return rng.word(min + rng.int(Math.max(1, max - min + 1)))
    }
    case 'integer':
    case 'number': {
      const min = schema.minimum ?? 0
      const max = schema.maximum ?? min + 100
      return min + rng.int(Math.max(1, Math.min(max - min, 1000) + 1))
    }
    case 'boolean':
      return rng.chance(0.5)
    case 'null':
      return null
    default:
      return rng.word()
  }
}

/** Breaks a generated value: wrong types, huge or deep values, extra keys. */
export function breakValue(rng: Prng, value: unknown): unknown {
  if (value !== null && typeof value === 'object' && !Array.isArray(value) && rng.chance(0.7)) {
    const out: Record<string, unknown> = { ...(value as Record<string, unknown>) }
    const keys = Object.keys(out)
    if (keys.length > 0 && rng.chance(0.6)) {
      const key = rng.pick(keys)
      out[key] = breakValue(rng, out[key])
    } else out[rng.pick(['extra', 'authorId', 'role', 'userId', 'locked', 'id'])] = rng.pick(HOSTILE_STRINGS)
    return out
  }
  return rng.pick<unknown>([
    null,
    -1,
    2 ** 53,
    1.5,
    true,
    [],
    {},
    'x'.repeat(100_000),
    rng.pick(HOSTILE_STRINGS),
    Array.from({ length: 5000 }, (_, i) => i),
    JSON.parse(`${'{"a":'.repeat(200)}1${'}'.repeat(200)}`),
  ])
}
