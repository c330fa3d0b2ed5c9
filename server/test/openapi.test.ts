import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { api, startTestServer, type TestServer } from './helpers/testServer.ts'

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
})
