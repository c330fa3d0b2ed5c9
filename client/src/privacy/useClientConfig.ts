import type { ClientConfig } from '@pinnwand/shared/api'
import { useEffect, useState } from 'react'
import { fetchConfig } from '../api/apiClient.ts'

/** The server's client configuration, or null until (or unless) it arrived. */
export function useClientConfig(): ClientConfig | null {
  const [config, setConfig] = useState<ClientConfig | null>(null)
  useEffect(() => {
    let current = true
    fetchConfig().then(
      (value) => current && setConfig(value),
      () => undefined,
    )
    return () => {
      current = false
    }
  }, [])
  return config
}
