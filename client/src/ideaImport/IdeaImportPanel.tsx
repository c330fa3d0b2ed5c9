import { CLUSTER_TYPE, type ClusterShape } from '@pinnwand/shared/boardSchema'
import {
  type IdeaImportFormat,
  type IdeaImportResponse,
  type ImportProblem,
  parseIdeaImport,
} from '@pinnwand/shared/ideaImport'
import { type ChangeEvent, useDeferredValue, useId, useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useEditor, useValue } from 'tldraw'
import { useBoardContext } from '../board/BoardContext.ts'
import { useAnnouncer } from '../ideas/announcer.ts'
import { ErrorText } from '../ui/ErrorText.tsx'
import { importIdeas } from './importApi.ts'
import { previewImport } from './importPreview.ts'
import { readTextFile } from './readTextFile.ts'
import './ideaImport.css'

/** Rows shown in the preview table; the count covers the rest. */
const PREVIEW_ROWS = 30
const FORMATS: IdeaImportFormat[] = ['auto', 'lines', 'csv']

/**
 * Import ideas collected before the event (facilitator): paste a list or upload a CSV, see what
 * will be created (cards, new clusters, rows with problems), then import them all at once.
 */
export function IdeaImportPanel() {
  const { t } = useTranslation()
  const id = useId()
  const editor = useEditor()
  const { boardId, token } = useBoardContext()
  const announce = useAnnouncer()
  const [text, setText] = useState('')
  const [format, setFormat] = useState<IdeaImportFormat>('auto')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<unknown>(null)
  const [fileError, setFileError] = useState(false)
  const [result, setResult] = useState<IdeaImportResponse | null>(null)
  const deferredText = useDeferredValue(text)
  const clusterTitles = useValue(
    'cluster titles',
    () =>
      editor
        .getCurrentPageShapes()
        .filter((shape): shape is ClusterShape => shape.type === CLUSTER_TYPE)
        .map((shape) => shape.props.title),
    [editor],
  )
  const parsed = useMemo(() => parseIdeaImport(deferredText, format), [deferredText, format])
  const preview = parsed.ok ? previewImport(parsed, clusterTitles) : null
  const problemText = (problem: ImportProblem) => t(`ideaImport.problem.${problem.code}`, { line: problem.line })

  const onFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0]
    setFileError(false)
    if (!file) return
    try {
      setText(await readTextFile(file))
      setResult(null)
    } catch {
      setFileError(true)
    }
  }

  const submit = async () => {
    if (!preview || preview.ideas.length === 0) return
    setBusy(true)
    setError(null)
    try {
      const done = await importIdeas(boardId, text, format, token)
      setResult(done)
      setText('')
      announce(t('ideaImport.done', { count: done.created }))
    } catch (cause) {
      setError(cause)
    } finally {
      setBusy(false)
    }
  }

  return (
    <div className="pw-import" data-testid="import-panel">
      <h2 className="pw-panel-title">{t('ideaImport.title')}</h2>
      <p className="pw-import__hint">{t('ideaImport.hint')}</p>

      <label className="pw-import__label" htmlFor={`${id}-file`}>
        {t('ideaImport.file')}
      </label>
      <input
        id={`${id}-file`}
        className="pw-import__file"
        type="file"
        accept=".csv,.txt,.tsv,text/csv,text/plain,text/tab-separated-values"
        data-testid="import-file"
        onChange={(event) => void onFile(event)}
      />
      {fileError ? (
        <p className="pw-error" role="alert">
          {t('ideaImport.fileError')}
        </p>
      ) : null}

      <label className="pw-import__label" htmlFor={`${id}-text`}>
        {t('ideaImport.paste')}
      </label>
      <textarea
        id={`${id}-text`}
        className="pw-input pw-import__text"
        rows={8}
        value={text}
        placeholder={t('ideaImport.placeholder')}
        aria-describedby={`${id}-summary`}
        data-testid="import-text"
        onChange={(event) => {
          setText(event.target.value)
          setResult(null)
        }}
        // Keys typed here are text, not canvas shortcuts.
        onKeyDown={(event) => event.stopPropagation()}
      />

      <label className="pw-import__label" htmlFor={`${id}-format`}>
        {t('ideaImport.format')}
      </label>
      <select
        id={`${id}-format`}
        className="pw-input"
        value={format}
        data-testid="import-format"
        onChange={(event) => setFormat(event.target.value as IdeaImportFormat)}
        onKeyDown={(event) => event.stopPropagation()}
      >
        {FORMATS.map((value) => (
          <option key={value} value={value}>
            {t(`ideaImport.formats.${value}`)}
          </option>
        ))}
      </select>

      <section className="pw-import__preview" aria-labelledby={`${id}-preview`}>
        <h3 id={`${id}-preview`} className="pw-import__subtitle">
          {t('ideaImport.preview')}
        </h3>
        <p id={`${id}-summary`} data-testid="import-summary">
          {!parsed.ok
            ? null
            : preview && preview.ideas.length > 0
              ? [
                  t('ideaImport.summaryIdeas', { count: preview.ideas.length }),
                  preview.newClusters.length > 0
                    ? t('ideaImport.summaryNewClusters', {
                        count: preview.newClusters.length,
                        names: preview.newClusters.join(', '),
                      })
                    : null,
                  preview.existingClusters.length > 0
                    ? t('ideaImport.summaryExistingClusters', { names: preview.existingClusters.join(', ') })
                    : null,
                ]
                  .filter(Boolean)
                  .join(' ')
              : t('ideaImport.summaryNothing')}
        </p>
        {!parsed.ok ? (
          <p className="pw-error" role="alert" data-testid="import-too-many">
            {t('ideaImport.tooMany', { count: parsed.count, limit: parsed.limit })}
          </p>
        ) : null}
        {preview && preview.ideas.length > 0 ? (
          <div className="pw-import__table-wrap">
            <table className="pw-import__table">
              <thead>
                <tr>
                  <th scope="col">{t('ideaImport.line')}</th>
                  <th scope="col">{t('ideaImport.idea')}</th>
                  <th scope="col">{t('ideaImport.cluster')}</th>
                </tr>
              </thead>
              <tbody>
                {preview.ideas.slice(0, PREVIEW_ROWS).map((idea) => (
                  <tr key={idea.line} data-testid="import-row">
                    <td>{idea.line}</td>
                    <td className="pw-import__idea">{idea.text}</td>
                    <td>
                      {idea.cluster ?? '–'}
                      {preview.isNewCluster(idea.cluster) ? (
                        <span className="pw-import__new"> {t('ideaImport.new')}</span>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            {preview.ideas.length > PREVIEW_ROWS ? (
              <p className="pw-import__more">{t('ideaImport.more', { count: preview.ideas.length - PREVIEW_ROWS })}</p>
            ) : null}
          </div>
        ) : null}
        {parsed.ok && parsed.problems.length > 0 ? (
          <div className="pw-import__problems">
            <h4>{t('ideaImport.problems', { count: parsed.problems.length })}</h4>
            <ul data-testid="import-problems">
              {parsed.problems.map((problem) => (
                <li key={`${problem.line}-${problem.code}`}>{problemText(problem)}</li>
              ))}
            </ul>
          </div>
        ) : null}
      </section>

      <button
        type="button"
        className="pw-button pw-import__submit"
        disabled={busy || !preview || preview.ideas.length === 0}
        aria-busy={busy || undefined}
        data-testid="import-submit"
        onClick={() => void submit()}
      >
        {preview && preview.ideas.length > 0
          ? t('ideaImport.submit', { count: preview.ideas.length })
          : t('ideaImport.submitNothing')}
      </button>
      <ErrorText error={error} />
      {result ? (
        <div className="pw-import__done" role="status" data-testid="import-done">
          <p>
            {t('ideaImport.done', { count: result.created })}{' '}
            {result.clusters.some((c) => c.created)
              ? t('ideaImport.doneClusters', {
                  names: result.clusters
                    .filter((c) => c.created)
                    .map((c) => c.title)
                    .join(', '),
                })
              : null}
          </p>
          {result.problems.length > 0 ? (
            <ul>
              {result.problems.map((problem) => (
                <li key={`${problem.line}-${problem.code}`}>{problemText(problem)}</li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
    </div>
  )
}
