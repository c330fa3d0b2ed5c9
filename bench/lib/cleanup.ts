import type { ChildProcess } from 'node:child_process'

const children = new Set<ChildProcess>()
let installed = false

/**
 * Servers a benchmark starts must not outlive it, even when it crashes or is stopped from
 * outside (run.ts kills the whole process group; a benchmark run on its own has only this).
 */
export function killOnExit(child: ChildProcess): void {
  children.add(child)
  child.once('exit', () => children.delete(child))
  if (installed) return
  installed = true
  process.on('exit', () => {
    for (const c of children) c.kill('SIGKILL')
  })
  for (const signal of ['SIGINT', 'SIGTERM'] as const)
    process.once(signal, () => process.exit(128 + (signal === 'SIGINT' ? 2 : 15)))
}
