import { readdirSync, readFileSync } from 'node:fs'
import { boardRoutes } from '@pinnwand/shared/boardRoutes'
import type { AnyRoute } from '@pinnwand/shared/contract/route'
import { ideaRoutes } from '@pinnwand/shared/ideaRoutes'
import { systemRoutes } from '@pinnwand/shared/systemRoutes'
import { workshopRoutes } from '@pinnwand/shared/workshopRoutes'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { features } from '../src/features/index.ts'
import { api, startTestServer, type TestServer } from './helpers/testServer.ts'

/** Every declared route: the core's and each feature's (what the document is built from). */
const declared: readonly AnyRoute[] = [
  ...systemRoutes,
  ...workshopRoutes,
  ...boardRoutes,
  ...ideaRoutes,
  ...features.flatMap((feature) => feature.openapi ?? []),
]

describe('GET /api/openapi.json', () => {
  let ts: TestServer
  beforeAll(async () => {
    ts = await startTestServer()
  })
  afterAll(() => ts?.stop())

  it('describes every API v1 route with request schemas from the shared validators', async () => {
    const res = await api(ts.url, 'GET', '/api/openapi.json')
    expect(res.status).toBe(200)
    expect(res.body.openapi).toBe('3.1.0')
    for (const path of [
      '/api/workshops',
      '/api/workshops/{workshopId}/participants',
      '/api/boards/{boardId}/ideas',
      '/api/boards/{boardId}/ideas/merge',
      '/api/boards/{boardId}/clusters',
      '/api/boards/{boardId}/rounds',
      '/api/rounds/{roundId}/votes',
      '/api/rounds/{roundId}/results',
      '/api/boards/{boardId}/export',
      '/api/workshops/{workshopId}/export',
      '/api/workshops/{workshopId}/boards/import',
      '/healthz',
    ]) {
      expect(res.body.paths, path).toHaveProperty([path])
    }
    const vote = res.body.paths['/api/rounds/{roundId}/votes'].post.requestBody.content['application/json'].schema
    expect(vote.required).toEqual(expect.arrayContaining(['ideaId', 'delta']))
    // A picture is uploaded as its bytes, not as JSON.
    const upload = res.body.paths['/api/boards/{boardId}/assets'].post.requestBody.content
    expect(Object.keys(upload)).toEqual(['image/png', 'image/jpeg', 'image/gif', 'image/webp'])
    expect(res.body.paths).toHaveProperty(['/api/boards/{boardId}/assets/{assetId}'])
    const workshop = res.body.paths['/api/workshops'].post.requestBody.content['application/json'].schema
    expect(workshop.properties.boards.maxItems).toBe(100)
  })

  it('describes each declared route with its operationId, security, parameters, response and errors', async () => {
    const { body: doc } = await api(ts.url, 'GET', '/api/openapi.json')
    const operations = Object.values(doc.paths as Record<string, Record<string, Record<string, unknown>>>).flatMap(
      (methods) => Object.values(methods),
    )
    const ids = operations.map((op) => op.operationId).filter((id) => id !== undefined)
    expect(new Set(ids).size).toBe(ids.length)
    for (const route of declared) {
      const path = route.path.replace(/:(\w+)/g, '{$1}')
      const op = doc.paths[path]?.[route.method.toLowerCase()]
      expect(op, `${route.method} ${path}`).toBeDefined()
      expect(op.operationId).toBe(route.operationId)
      expect(op.security).toEqual(route.auth === 'none' ? [] : [{ bearer: [] }])
      expect(op['x-role']).toBe(route.auth === 'none' ? undefined : route.auth)
      const success = op.responses[String(route.status)]
      if (route.status === 204) expect(success.content).toBeUndefined()
      else if (route.produces) expect(Object.keys(success.content)).toEqual(route.produces)
      else expect(success.content['application/json'].schema.type, route.operationId).toBe('object')
      expect(op.parameters.filter((p: { in: string }) => p.in === 'path').map((p: { name: string }) => p.name)).toEqual(
        [...route.path.matchAll(/:(\w+)/g)].map((m) => m[1]),
      )
      if (route.auth !== 'none') {
        expect(op.responses['401'].content['application/json'].schema.properties.error.properties.code.enum).toEqual([
          'unauthorized',
        ])
      }
    }
    const vote = doc.paths['/api/rounds/{roundId}/votes'].post
    expect(vote.responses['200'].content['application/json'].schema.required).toEqual(['myVotes', 'remaining'])
    expect(vote.responses['409'].content['application/json'].schema.properties.error.properties.code.enum).toEqual([
      'budget_exhausted',
      'idea_cap_reached',
      'round_not_open',
      'no_vote_to_remove',
    ])
    expect(vote.responses['400'].description).toBe('validation_failed')
    // No body is the default minute: the body of an extension is optional.
    expect(doc.paths['/api/rounds/{roundId}/extend'].post.requestBody.required).toBe(false)
    expect(doc.paths['/api/rounds/{roundId}/me'].get.parameters).toContainEqual(
      expect.objectContaining({ name: 'onBehalfOf', in: 'query', required: false }),
    )
    const comment = doc.paths['/api/boards/{boardId}/ideas/{ideaId}/comments'].post
    expect(comment.responses['201'].content['application/json'].schema.properties.comment.required).toContain('text')
    // The table number's refusal is listed with its code.
    expect(doc.paths['/api/boards/{boardId}'].patch.responses['422'].description).toBe('table_number_out_of_range')
    // Two routes on one path share its path object.
    expect(Object.keys(doc.paths['/api/workshops/{workshopId}/participants']).sort()).toEqual(['get', 'post'])
    expect(doc.paths['/api/join/{joinCode}'].get.responses['429'].description).toBe('rate_limited')
    expect(Object.keys(doc.paths['/api/boards/{boardId}/rounds']).sort()).toEqual(['get', 'post'])
    // A route with a second success answer lists both, each with its schema.
    const idea = doc.paths['/api/boards/{boardId}/ideas'].post.responses
    expect(idea['201'].content['application/json'].schema.required).toEqual(['idea'])
    expect(idea['202'].content['application/json'].schema.required).toEqual(['held'])
    expect(doc.paths['/healthz'].get.responses['503'].content['application/json'].schema.properties.status).toEqual({
      type: 'string',
      const: 'unavailable',
    })
    // The control room's status stream answers server-sent events, not JSON.
    const stream = doc.paths['/api/workshops/{workshopId}/status/stream'].get.responses['200'].content
    expect(Object.keys(stream)).toEqual(['text/event-stream'])
  })

  it('has every operation from a declared route, and every declared route in the document', async () => {
    const { body: doc } = await api(ts.url, 'GET', '/api/openapi.json')
    const documented = Object.entries(doc.paths as Record<string, Record<string, { operationId?: string }>>).flatMap(
      ([path, methods]) => Object.entries(methods).map(([method, op]) => `${method} ${path} ${op.operationId}`),
    )
    const fromRoutes = declared.map(
      (route) => `${route.method.toLowerCase()} ${route.path.replace(/:(\w+)/g, '{$1}')} ${route.operationId}`,
    )
    expect(documented.sort()).toEqual([...fromRoutes].sort())
    expect(documented.length).toBeGreaterThanOrEqual(81)
  })

  it('registers no API route by hand: each goes through registerRoute with its declaration', () => {
    // A Fastify shorthand (`app.post('/api/…')`) would answer without being described, typed or checked.
    const source = new URL('../src/', import.meta.url)
    const files = (readdirSync(source, { recursive: true }) as string[]).filter(
      (file) => file.endsWith('.ts') && !file.endsWith('.test.ts'),
    )
    const byHand = files.flatMap((file) =>
      [
        ...readFileSync(new URL(file, source), 'utf8').matchAll(
          /\.(get|post|put|patch|delete|head|route)\(\s*['`"](\/api\/[^'`"]*)/g,
        ),
      ]
        .map((m) => `${file}: ${m[1]} ${m[2]}`)
        // The document itself is not an operation of the API it describes.
        .filter((line) => !line.endsWith(' /api/openapi.json')),
    )
    expect(byHand).toEqual([])
  })
})
