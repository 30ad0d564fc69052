import type { ImportItem } from '../../bank/import-item'
import { QuestionFields } from '../../components/question-fields'
import { describeCorrectAnswer } from '../../quiz/grade'
import { instructorPreview } from '../../quiz/public-question'
import { hasChoiceFeedback } from '../../quiz/question'
import type { CitableSource, ImportFormat } from '../../services/question-import'
import { Layout } from '../layout'

type Props = {
  set: { slug: string; title: string }
  sources: CitableSource[]
  /** What was pasted or uploaded, shown again so it can be fixed and previewed again. */
  text?: string
  format?: ImportFormat | 'auto'
  /** The file could not be read at all (too big, not text, empty). */
  uploadError?: string
  preview?: { format: ImportFormat; items: ImportItem[]; good: number; bad: number }
  saved?: number
  /** How many questions of the saved file had errors and were left out. */
  skipped?: number
}

const formatNames: Record<ImportFormat | 'auto', string> = {
  auto: 'Detect from the file',
  gift: 'Moodle GIFT',
  json: 'Cited JSON',
}

/** An HTML parser drops a textarea's first newline: doubling it keeps GIFT line numbers right after a re-preview. */
const leadingNewlineKept = (text: string) => (/^\r?\n/.test(text) ? `\n${text}` : text)

/** How a question looks to a learner, with the key and evidence an instructor checks before saving. */
function PreviewItem({ item, index }: { item: ImportItem; index: number }) {
  const { question } = item
  return (
    <li class={`import-item${item.errors.length ? ' import-item--bad' : ''}`}>
      <p class="import-item__where">
        {item.where}
        {item.title && (
          <>
            {' · '}
            <code>{item.title}</code>
          </>
        )}
        {question && ` · ${question.type.replace('_', '/')} · ${question.difficulty}`}
      </p>
      {item.errors.length > 0 && (
        <ul class="form-error import-item__errors">
          {item.errors.map((error) => (
            <li key={error}>{error}</li>
          ))}
        </ul>
      )}
      {question && (
        <>
          <QuestionFields
            // A file may hold the same id twice: the position keeps the page's element ids unique.
            question={instructorPreview({ ...question, id: `${index + 1}-${question.id}` })}
            submitted={null}
            disabled
          />
          <dl class="import-item__key">
            <dt>Correct answer</dt>
            <dd>{describeCorrectAnswer(question).join('; ')}</dd>
            <dt>Explanation</dt>
            <dd>{question.explanation}</dd>
            {hasChoiceFeedback(question) && question.feedback && (
              <>
                <dt>Feedback per choice</dt>
                <dd>
                  <ul class="import-item__feedback">
                    {Object.entries(question.feedback).map(([choice, text]) => (
                      <li key={choice}>
                        <strong>{choice}</strong>: {text}
                      </li>
                    ))}
                  </ul>
                </dd>
              </>
            )}
            <dt>Evidence</dt>
            {question.evidence.length === 0 ? (
              <dd>
                <span class="badge badge--uncited">uncited</span>
              </dd>
            ) : (
              question.evidence.map((cited) => (
                <dd key={`${cited.source}:${cited.quote}`}>
                  “{cited.quote}” (<code>{cited.source}</code>)
                </dd>
              ))
            )}
            {question.tags.length > 0 && (
              <>
                <dt>Tags</dt>
                <dd>{question.tags.join(', ')}</dd>
              </>
            )}
          </dl>
        </>
      )}
    </li>
  )
}

/**
 * Import into a set's draft: paste or upload GIFT or Cited JSON, preview every
 * question as a learner sees it with per-question errors, then save all or
 * nothing. Also links the set's exports.
 */
export function StudioImportPage({
  set,
  sources,
  text = '',
  format = 'auto',
  uploadError,
  preview,
  saved,
  skipped,
}: Props) {
  const base = `/studio/sets/${set.slug}`
  const questions = (count: number) => (count === 1 ? '1 question' : `${count} questions`)
  return (
    <Layout title={`Import questions · ${set.title}`} studio={{ setSlug: set.slug }}>
      <p>
        <a href={base}>← {set.title}</a>
      </p>
      <h1>Import questions</h1>
      {saved !== undefined && (
        <p class="notice" role="status">
          {saved === 1 ? '1 question was' : `${saved} questions were`} added to the end of the draft.
          {skipped !== undefined &&
            ` ${questions(skipped)} with errors ${skipped === 1 ? 'was' : 'were'} left out.`}
        </p>
      )}
      {/* What the last post produced (an error, or the preview) takes the focus, so it is in view. */}
      {uploadError && (
        <p class="form-error" role="alert" tabIndex={-1} autofocus>
          {uploadError}
        </p>
      )}
      {preview && (
        <section aria-labelledby="preview-heading">
          <h2 id="preview-heading" tabIndex={-1} autofocus={!uploadError}>
            Preview ({formatNames[preview.format]})
          </h2>
          {preview.bad > 0 && (
            <p class="form-error" role="alert">
              {questions(preview.bad)} {preview.bad === 1 ? 'has' : 'have'} errors (listed below with their
              lines){preview.good > 0 ? ' and will be left out of the save' : ', so nothing can be saved'}.
              Fix the file below and preview it again{preview.good > 0 ? ', or save the others' : ''}.
            </p>
          )}
          {preview.good > 0 && (
            <>
              <p role="status">
                {questions(preview.good)} {preview.good === 1 ? 'is' : 'are'} ready. Nothing is saved until
                you save {preview.good === 1 ? 'it' : 'them'}.
              </p>
              <form method="post" action={`${base}/import/save`} enctype="multipart/form-data">
                <input type="hidden" name="format" value={preview.format} />
                <input type="hidden" name="text" value={text} />
                <button class="button button--primary" type="submit">
                  Save {questions(preview.good)}
                  {preview.bad > 0 && `, leave out ${preview.bad} with errors`}
                </button>
              </form>
            </>
          )}
          <ol class="import-items">
            {preview.items.map((item, index) => (
              <PreviewItem key={index} item={item} index={index} />
            ))}
          </ol>
        </section>
      )}
      <section aria-labelledby="import-heading">
        <h2 id="import-heading">{preview ? 'Change and preview again' : 'Paste or upload'}</h2>
        <form class="import-form" method="post" action={`${base}/import`} enctype="multipart/form-data">
          <div class="field">
            <label for="import-text">Questions as text</label>
            <textarea
              id="import-text"
              name="text"
              rows={14}
              spellcheck={false}
              value={leadingNewlineKept(text)}
            />
          </div>
          <div class="field">
            <label for="import-file">Or a file (.gift, .txt or .json, at most 256 KB)</label>
            <input id="import-file" type="file" name="file" accept=".gift,.txt,.json" />
            <p class="hint">A file, when chosen, is read instead of the text box.</p>
          </div>
          <div class="field">
            <label for="import-format">Format</label>
            <select id="import-format" name="format">
              {(['auto', 'gift', 'json'] as const).map((value) => (
                <option key={value} value={value} selected={value === format}>
                  {formatNames[value]}
                </option>
              ))}
            </select>
          </div>
          <button class="button" type="submit">
            Preview
          </button>
        </form>
      </section>
      <section aria-labelledby="archive-heading">
        <h2 id="archive-heading">Import a .zip with images</h2>
        <form method="post" action={`${base}/import/zip`} enctype="multipart/form-data" class="studio-form">
          <div class="field">
            <label for="import-archive">
              A .zip that Cited exported (questions.json and its images, at most 10 MB)
            </label>
            <input id="import-archive" type="file" name="archive" accept=".zip,application/zip" />
          </div>
          <button class="button" type="submit">
            Check the .zip
          </button>
        </form>
      </section>
      <section aria-labelledby="help-heading">
        <h2 id="help-heading">What Cited reads</h2>
        <p>
          <strong>Moodle GIFT</strong>: multiple choice (<code>{'{=right ~wrong}'}</code>, several right
          answers with weights <code>{'{~%50%A ~%50%B ~%-50%C}'}</code>), true/false (<code>{'{T}'}</code>),
          short answer (<code>{'{=answer =other spelling}'}</code>), numeric (<code>{'{#30:2}'}</code> or{' '}
          <code>{'{#28..32}'}</code>) and matching (<code>{'{=a -> 1 =b -> 2 =c -> 3}'}</code>). General
          feedback (<code>####</code>) becomes the explanation; feedback on an answer (
          <code>{'~wrong#why not'}</code>) is shown to learners who pick that choice. A question with an error
          is left out; the others can be saved. A question becomes cited with a comment line above it (one per
          passage; without one it is saved as uncited):
        </p>
        <pre class="import-syntax">
          <code>{'// cited-evidence: <source id> | <verbatim quote, at most 25 words>'}</code>
        </pre>
        <p>
          Optional comment lines: <code>{'// cited-difficulty: easy'}</code> (else medium),{' '}
          <code>{'// cited-tags: a | b'}</code> (else the <code>$CATEGORY</code> and Moodle's{' '}
          <code>{'// [tag:a]'}</code>, <code>{'// [id:Q1]'}</code> comments),{' '}
          <code>{'// cited-unit: km'}</code>. <strong>Cited JSON</strong> is what the JSON export writes.
        </p>
        <details>
          <summary>Sources you can cite ({sources.length})</summary>
          <ul class="import-sources">
            {sources.map((source) => (
              <li key={source.id}>
                <code>{source.id}</code>: {source.title} ({source.outlet})
              </li>
            ))}
          </ul>
        </details>
      </section>
      <section aria-labelledby="export-heading">
        <h2 id="export-heading">Export this set</h2>
        <p class="actions">
          <a class="button" href={`${base}/export.gift`} download>
            Download GIFT
          </a>
          <a class="button" href={`${base}/export.json`} download>
            Download JSON
          </a>
          <a class="button" href={`${base}/export.zip`} download>
            Download .zip (JSON and images)
          </a>
        </p>
      </section>
    </Layout>
  )
}
