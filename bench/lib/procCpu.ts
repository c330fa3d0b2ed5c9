import { readFileSync } from 'node:fs'

/** Clock ticks per second of /proc/<pid>/stat (USER_HZ; 100 on Linux). */
const TICKS_PER_SECOND = 100

/** CPU seconds (user + system) a process has used so far, from /proc; works for any child. */
export function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
  // Fields after the command name (which may contain spaces) start after the last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  const utime = Number(fields[11])
  const stime = Number(fields[12])
  return (utime + stime) / TICKS_PER_SECOND
}

/** Resident set size of a process in bytes, from /proc. */
export function rssBytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  const kb = /VmRSS:\s+(\d+) kB/.exec(status)?.[1]
  return kb ? Number(kb) * 1024 : NaN
}

/** Starts measuring a process' CPU; `stop()` gives the average number of cores used. */
export function measureCpu(pid: number, now: () => number = () => performance.now()) {
  const startCpu = cpuSeconds(pid)
  const startWall = now()
  return {
    stop(): { cores: number; cpuSeconds: number; wallSeconds: number } {
      const cpu = cpuSeconds(pid) - startCpu
      const wall = (now() - startWall) / 1000
      return {
        cores: Math.round((cpu / wall) * 100) / 100,
        cpuSeconds: Math.round(cpu * 100) / 100,
        wallSeconds: Math.round(wall * 10) / 10,
      }
    },
  }
}
