import { parseIdeaImport } from '@pinnwand/shared/ideaImport'
import { describe, expect, it } from 'vitest'
import { previewImport } from './importPreview.ts'

describe('previewImport', () => {
  it('tells new clusters from existing ones the way the server matches names', () => {
    const parsed = parseIdeaImport('text;cluster\nA;Mobilität\nB;grün\nC;GRÜN \nD;\nE;mobilität')
    if (!parsed.ok) throw new Error(parsed.message)
    const preview = previewImport(parsed, ['Mobilität', 'Alt'])
    expect(preview.ideas).toHaveLength(5)
    expect(preview.newClusters).toEqual(['grün'])
    expect(preview.existingClusters).toEqual(['Mobilität'])
    expect(preview.isNewCluster('Grün')).toBe(true)
    expect(preview.isNewCluster('mobilität')).toBe(false)
    expect(preview.isNewCluster(null)).toBe(false)
  })
})
