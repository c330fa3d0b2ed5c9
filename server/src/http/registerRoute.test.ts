import { defineRoute } from '@pinnwand/shared/contract/route'
import Fastify, { type FastifyInstance } from 'fastify'
import { afterEach, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { ApiError, parseBody } from './errors.ts'
import { answer, registerRoute } from './registerRoute.ts'

const Body = z.object({ ideaId: z.string().min(1), delta: z.union([z.literal(1), z.literal(-1)]) }).strict()

const vote = defineRoute({
  operationId: 'testVote',
  method: 'POST',
  path: '/rounds/:roundId/votes',
  summary: 'test',
  auth: 'participant',
  query: z.object({ dryRun: z.enum(['yes', 'no']).optional() }),
  body: Body,
  status: 201,
  response: z.object({ roundId: z.string(), ideaId: z.string(), dryRun: z.boolean() }),
})

/** An app answering ApiErrors as the real one does (buildHttpApp's error handler). */
function appWith(register: (app: FastifyInstance) => void): FastifyInstance {
  const app = Fastify()
  app.setErrorHandler((error, _request, reply) => {
    if (error instanceof ApiError) {
      return reply
        .code(error.statusCode)
        .send({ error: { code: error.code, message: error.message, details: error.details } })
    }
    return reply.code(500).send({ error: { code: 'internal_error', message: (error as Error).message } })
  })
  register(app)
  return app
}

let app: FastifyInstance | undefined
afterEach(() => app?.close())

describe('registerRoute', () => {
  it('parses params, query and body with the schemas and answers with the contract status', async () => {
    app = appWith((a) =>
      registerRoute(a, vote, async ({ params, query, body }) => ({
        roundId: params.roundId,
        ideaId: body().ideaId,
        dryRun: query.dryRun === 'yes',
      })),
    )
    const res = await app.inject({
      method: 'POST',
      url: '/rounds/r1/votes?dryRun=yes',
      payload: { ideaId: 'i', delta: 1 },
    })
    expect(res.statusCode).toBe(201)
    expect(res.json()).toEqual({ roundId: 'r1', ideaId: 'i', dryRun: true })
  })

  it('answers a bad body or query with the same 400 validation_failed as parseBody', async () => {
    app = appWith((a) => {
      registerRoute(a, vote, async ({ params, body }) => ({
        roundId: params.roundId,
        ideaId: body().ideaId,
        dryRun: false,
      }))
      // The plain route as voting had it before.
      a.post('/old', async (request) => parseBody(Body, request.body))
    })
    for (const payload of [{ ideaId: 'i', delta: 2 }, { ideaId: 'i', delta: 1, extra: true }, {}]) {
      const now = await app.inject({ method: 'POST', url: '/rounds/r1/votes', payload })
      const before = await app.inject({ method: 'POST', url: '/old', payload })
      expect(now.statusCode).toBe(400)
      expect(now.json().error.code).toBe('validation_failed')
      expect(now.json()).toEqual(before.json())
    }
    const query = await app.inject({
      method: 'POST',
      url: '/rounds/r1/votes?dryRun=maybe',
      payload: { ideaId: 'i', delta: 1 },
    })
    expect(query.statusCode).toBe(400)
    expect(query.json().error.message).toMatch(/^Invalid request: dryRun: /)
  })

  it('reads the body only when the handler asks, so its own refusals come first', async () => {
    app = appWith((a) =>
      registerRoute(a, vote, async () => {
        throw new ApiError(403, 'forbidden', 'no')
      }),
    )
    const res = await app.inject({ method: 'POST', url: '/rounds/r1/votes', payload: { nonsense: 1 } })
    expect(res.statusCode).toBe(403)
  })

  it('fails an answer that drifted from the response schema when checking, and sends it otherwise', async () => {
    const drifted = async () => ({ roundId: 'r1', ideaId: 7, dryRun: false }) as never
    app = appWith((a) => registerRoute(a, vote, drifted, { checkResponses: true }))
    const checked = await app.inject({ method: 'POST', url: '/rounds/r1/votes', payload: { ideaId: 'i', delta: 1 } })
    expect(checked.statusCode).toBe(500)
    expect(checked.json().error.message).toMatch(/testVote answered outside its response schema: ideaId/)
    await app.close()

    app = appWith((a) => registerRoute(a, vote, drifted, { checkResponses: false }))
    const unchecked = await app.inject({ method: 'POST', url: '/rounds/r1/votes', payload: { ideaId: 'i', delta: 1 } })
    expect(unchecked.statusCode).toBe(201)
  })

  it('checks answers by default under test', async () => {
    expect(process.env.NODE_ENV).toBe('test')
    app = appWith((a) => registerRoute(a, vote, async () => ({ roundId: 'r1' }) as never))
    const res = await app.inject({ method: 'POST', url: '/rounds/r1/votes', payload: { ideaId: 'i', delta: 1 } })
    expect(res.statusCode).toBe(500)
  })

  const post = defineRoute({
    operationId: 'testPost',
    method: 'POST',
    path: '/posts',
    summary: 'test',
    auth: 'participant',
    status: 201,
    response: z.object({ id: z.string() }),
    alsoAnswers: { 202: z.object({ held: z.string() }) },
  })

  it('answers another declared status when the handler chooses it, checked against its own schema', async () => {
    let held = true
    app = appWith((a) => registerRoute(a, post, async () => (held ? answer(202, { held: 'h1' }) : { id: 'p1' })))
    const waiting = await app.inject({ method: 'POST', url: '/posts' })
    expect([waiting.statusCode, waiting.json()]).toEqual([202, { held: 'h1' }])
    held = false
    const created = await app.inject({ method: 'POST', url: '/posts' })
    expect([created.statusCode, created.json()]).toEqual([201, { id: 'p1' }])
  })

  it('refuses an answer with a status the route does not declare, or a body outside that status’s schema', async () => {
    app = appWith((a) => {
      registerRoute(a, post, async () => answer(203, { held: 'h1' }) as never)
      registerRoute(a, { ...post, path: '/bad-body' }, async () => answer(202, { held: 7 }) as never)
    })
    const undeclared = await app.inject({ method: 'POST', url: '/posts' })
    expect(undeclared.statusCode).toBe(500)
    expect(undeclared.json().error.message).toMatch(/testPost answered 203, which it does not declare/)
    const drifted = await app.inject({ method: 'POST', url: '/bad-body' })
    expect(drifted.statusCode).toBe(500)
    expect(drifted.json().error.message).toMatch(/outside its response schema: held/)
  })

  it('hands a route that consumes raw bytes its body unparsed, and sends a file a route produces as it is', async () => {
    const upload = defineRoute({
      operationId: 'testUpload',
      method: 'POST',
      path: '/files',
      summary: 'test',
      auth: 'participant',
      consumes: ['image/png'],
      produces: ['application/octet-stream'],
      status: 200,
      response: z.unknown(),
    })
    app = appWith((a) => {
      a.addContentTypeParser('image/png', { parseAs: 'buffer' }, (_request, body, done) => done(null, body))
      registerRoute(a, upload, async ({ body, reply }) => {
        reply.header('content-type', 'application/octet-stream')
        return Buffer.from([...body()].reverse())
      })
    })
    const res = await app.inject({
      method: 'POST',
      url: '/files',
      headers: { 'content-type': 'image/png' },
      payload: Buffer.from([1, 2, 3]),
    })
    expect(res.statusCode).toBe(200)
    expect([...res.rawPayload]).toEqual([3, 2, 1])
  })
})
