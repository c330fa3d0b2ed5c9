import { describe, expect, it } from 'vitest'
import { ServerRoleName, serverNamedRole } from './roleNames.ts'

describe('server-given role names', () => {
  it('knows the facilitator and the projector by name and id', () => {
    expect(serverNamedRole(ServerRoleName.facilitator, 'f_abc')).toBe('facilitator')
    expect(serverNamedRole(ServerRoleName.projector, 'v_abc')).toBe('projector')
    expect(serverNamedRole(ServerRoleName.facilitator)).toBe('facilitator')
  })

  it('leaves a participant who calls herself "Moderation" her name', () => {
    expect(serverNamedRole('Moderation', 'p_abc')).toBeNull()
    expect(serverNamedRole('Beamer', 'p_abc')).toBeNull()
    expect(serverNamedRole('Aylin', 'f_abc')).toBeNull()
  })
})
