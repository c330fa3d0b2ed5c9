import type { FastifyInstance } from 'fastify'

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/**
 * Remembers which methods each registered route answers, so that a known path asked with
 * another method can be told 405 with `Allow` instead of a misleading 404. Call before routes
 * are registered; the returned lookup is only used on the (rare) not-found path.
 */
export function trackRouteMethods(app: FastifyInstance): (path: string) => string[] {
  const routes: { pattern: RegExp; methods: string[] }[] = []
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method]
    const pattern = route.url
      .split('/')
      .map((segment) => (segment.startsWith(':') ? '[^/]+' : segment === '*' ? '.*' : escapeRegExp(segment)))
      .join('/')
    routes.push({ pattern: new RegExp(`^${pattern}/?$`), methods })
  })
  return (path) => [...new Set(routes.filter((r) => r.pattern.test(path)).flatMap((r) => r.methods))].sort()
}
