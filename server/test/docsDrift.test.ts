import { readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { CloseCode, ErrorCode, FacilitationErrorCode, VotingErrorCode } from '@pinnwand/shared'
import { ExportSettingsErrorCode } from '@pinnwand/shared/exportSettings'
import { HistoryErrorCode } from '@pinnwand/shared/historyApi'
import { IdeaImportErrorCode } from '@pinnwand/shared/ideaImport'
import { MergeErrorCode } from '@pinnwand/shared/mergeIdeasApi'
import { PrivatePhaseErrorCode } from '@pinnwand/shared/privatePhase'
import { ModerationErrorCode } from '@pinnwand/shared/moderation'
import { describe, expect, it } from 'vitest'
import { Env } from '../src/config.ts'

/**
 * The docs follow the code: every close code, error code and environment variable the code
 * knows is documented, and the docs list none the code does not know. Fails in the commit that
 * adds, renames or removes one without its docs.
 */
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const doc = (name: string) => readFileSync(path.join(repoRoot, 'docs', name), 'utf8')

/** The lines of the markdown table that follows `heading`. */
function tableAfter(markdown: string, heading: string): string[] {
  const lines = markdown.split('\n')
  const start = lines.findIndex((line) => line.startsWith('#') && line.includes(heading))
  if (start < 0) throw new Error(`no section "${heading}"`)
  const rows: string[] = []
  for (const line of lines.slice(start + 1)) {
    if (line.startsWith('|')) rows.push(line)
    else if (rows.length > 0) break
  }
  return rows.slice(2) // header and separator
}

const firstCell = (row: string) => row.split('|')[1]!.trim()
const sorted = (values: Iterable<string>) => [...new Set(values)].sort()

describe('docs follow the code', () => {
  it('close codes: docs/architecture.md lists exactly the codes of shared/src/closeCodes.ts (and ws 1009)', () => {
    const documented = tableAfter(doc('architecture.md'), 'Close codes').map(firstCell)
    const inCode = Object.values(CloseCode).map(String)
    expect(sorted(documented)).toEqual(sorted([...inCode, '1009']))
  })

  it("error codes: docs/architecture.md lists exactly the codes of shared/ (general and each feature's)", () => {
    const documented = tableAfter(doc('architecture.md'), 'Error codes').map((row) => firstCell(row).replace(/`/g, ''))
    const registries = [
      ErrorCode,
      VotingErrorCode,
      FacilitationErrorCode,
      HistoryErrorCode,
      IdeaImportErrorCode,
      MergeErrorCode,
      ExportSettingsErrorCode,
      PrivatePhaseErrorCode,
      ModerationErrorCode,
    ]
    expect(sorted(documented)).toEqual(sorted(registries.flatMap((codes) => Object.values(codes))))
  })

  it('environment: docs/operations.md lists exactly the variables the server reads', () => {
    const documented = tableAfter(doc('operations.md'), 'Running').flatMap((row) =>
      [...firstCell(row).matchAll(/`([A-Z][A-Z0-9_]+)`/g)].map((m) => m[1]!),
    )
    expect(sorted(documented)).toEqual(sorted(Object.keys(Env.shape)))
  })

  it('no file of the repository points at the handbook outside it', () => {
    const offenders: string[] = []
    for (const name of ['architecture.md', 'board-document.md', 'operations.md', 'performance.md']) {
      if (/\bAPI\.md\b|ENGINEERING(\.md| §)|PRODUCT\.md|\.\.\/shared\//.test(doc(name))) offenders.push(`docs/${name}`)
    }
    const readme = readFileSync(path.join(repoRoot, 'README.md'), 'utf8')
    if (/\bAPI\.md\b|ENGINEERING(\.md| §)|\.\.\/shared\//.test(readme)) offenders.push('README.md')
    expect(offenders).toEqual([])
  })
})
