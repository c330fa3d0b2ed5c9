import { z } from 'zod'
import { AccessibilityStatementResponse, ClientConfig, MeResponse } from './api.ts'
import { defineRoute } from './contract/route.ts'

/** What the web app reads before anything else, declared once (server: server/src/http/routes/system.ts). */

export const getConfig = defineRoute({
  operationId: 'getConfig',
  method: 'GET',
  path: '/api/config',
  summary: "The web app's configuration: tldraw licence key, server version, the operator's legal links",
  auth: 'none',
  status: 200,
  response: ClientConfig,
})

export const getAccessibilityStatement = defineRoute({
  operationId: 'getAccessibilityStatement',
  method: 'GET',
  path: '/api/accessibility-statement',
  summary: "The operator's accessibility statement text (ACCESSIBILITY_STATEMENT_FILE), or null",
  auth: 'none',
  status: 200,
  response: AccessibilityStatementResponse,
})

export const getMe = defineRoute({
  operationId: 'getMe',
  method: 'GET',
  path: '/api/me',
  summary: 'Who this token is',
  auth: 'any',
  status: 200,
  response: MeResponse,
})

export const getHealth = defineRoute({
  operationId: 'getHealth',
  method: 'GET',
  path: '/healthz',
  summary: 'Is the store reachable? 503 when it is not (for load balancers and uptime checks)',
  auth: 'none',
  status: 200,
  response: z.object({ status: z.literal('ok') }),
  alsoAnswers: { 503: z.object({ status: z.literal('unavailable') }) },
})

/** Every declared system route, for the server and the API description. */
export const systemRoutes = [getHealth, getConfig, getAccessibilityStatement, getMe] as const
