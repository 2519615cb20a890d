import { useState } from 'preact/hooks';
import { getDb } from '@/utils/db/db';
import { exportAllEvents, importEvents, type ImportResult } from '@/utils/db/events-repo';
import { notifyDataChanged } from '@/utils/db/notify';
import { parseJsonLines, type FileProblem, type LineError } from '@/utils/domain/log-io';
import type { Language } from '@/utils/i18n/language';
import { LOG_MESSAGES, schemaMessage } from '@/utils/i18n/log-messages';
import { downloadText } from '@/utils/ui/download';
import { today } from '@/utils/ui/settings';
import '@/components/log.css';

interface Report extends ImportResult {
  fileName: string;
  errors: LineError[];
  unknownCustomers: number;
}

/** A report lists this many line problems at most; a file with thousands of bad lines says how many more. */
const MAX_LISTED_ERRORS = 100;

/** The "Import / export" tab: back up the whole contact log as JSON Lines, and merge a backup back in. */
export function DataTab({ lang }: { lang: Language }) {
  const t = LOG_MESSAGES[lang].dataTab;
  const [exportStatus, setExportStatus] = useState('');
  const [busy, setBusy] = useState(false);
  const [report, setReport] = useState<Report | null>(null);
  const [failure, setFailure] = useState('');

  async function exportLog() {
    const text = await exportAllEvents(getDb());
    downloadText(`amiable-log-${today()}.jsonl`, text, 'application/jsonl');
    const count = text === '' ? 0 : text.trimEnd().split('\n').length;
    setExportStatus(t.exported(count));
  }

  const lineError = (e: LineError) => t.lineError(e.line, e.field, schemaMessage(lang, e.reason));
  const fileProblemText = (problem: FileProblem): string => {
    switch (problem.kind) {
      case 'empty':
        return t.fileProblem.empty;
      case 'binary':
        return t.fileProblem.binary;
      case 'customer-export':
        return t.fileProblem.customerExport;
      case 'json-document':
        return t.fileProblem.jsonDocument;
      case 'not-json':
        return t.fileProblem.notJson(lineError(problem.firstError));
    }
  };

  async function importFile(input: HTMLInputElement) {
    const file = input.files?.[0];
    if (!file) return;
    setBusy(true);
    setReport(null);
    setFailure('');
    try {
      const parsed = parseJsonLines(await file.text());
      if (parsed.fileProblem) {
        setFailure(t.notALog(file.name, fileProblemText(parsed.fileProblem)));
        return;
      }
      const db = getDb();
      const result = await importEvents(db, parsed.events);
      const customerIds = [...new Set(parsed.events.map((e) => e.customerId))];
      const known = await db.customers.bulkGet(customerIds);
      setReport({ ...result, fileName: file.name, errors: parsed.errors, unknownCustomers: known.filter((c) => c === undefined).length });
      if (result.added > 0) await notifyDataChanged();
    } catch (error) {
      setFailure(t.failed(error instanceof Error ? error.message : String(error)));
    } finally {
      setBusy(false);
      input.value = ''; // choosing the same file again imports it again (and adds nothing)
    }
  }

  return (
    <section aria-labelledby="data-title">
      <h1 id="data-title">{t.title}</h1>

      <h2>{t.exportTitle}</h2>
      <p class="hint">{t.exportHelp}</p>
      <p class="row">
        <button type="button" class="primary" onClick={() => void exportLog()}>{t.exportButton}</button>
        <span role="status" class="hint">{exportStatus}</span>
      </p>

      <h2>{t.importTitle}</h2>
      <p class="hint" id="import-help">{t.importHelp}</p>
      <label for="import-file">{t.importLabel}</label>
      <input
        id="import-file"
        type="file"
        accept=".jsonl,.ndjson,.txt,application/jsonl,application/x-ndjson,text/plain"
        aria-describedby="import-help"
        disabled={busy}
        onChange={(e) => void importFile(e.currentTarget)}
      />
      <div role="status" aria-live="polite">
        {busy && <p>{t.importing}</p>}
        {failure && <p class="field-error" data-import-failure>{failure}</p>}
        {report && (
          <p data-import-summary>
            <strong>{t.report(report.fileName)}</strong>{t.colon}{t.added(report.added)}, {t.duplicates(report.duplicates)}.
          </p>
        )}
      </div>
      {report && (
        <div class="card import-report" data-import-report>
          <ul>
            <li data-report="added">{t.added(report.added)}</li>
            <li data-report="duplicates">{t.duplicates(report.duplicates)}</li>
          </ul>
          {report.unknownCustomers > 0 && <p class="hint">{t.unknownCustomers(report.unknownCustomers)}</p>}
          {report.conflicts.length > 0 && (
            <>
              <h3>{t.conflictsTitle(report.conflicts.length)}</h3>
              <ol data-report="conflicts">
                {report.conflicts.map((c) => (
                  <li key={c.id}>{t.conflict(c.id, c.stored, c.fields.join(', '))}</li>
                ))}
              </ol>
            </>
          )}
          {report.errors.length > 0 && (
            <>
              <h3>{t.errorsTitle(new Set(report.errors.map((e) => e.line)).size)}</h3>
              <ol data-report="errors">
                {report.errors.slice(0, MAX_LISTED_ERRORS).map((e, i) => (
                  <li key={i} data-line={e.line}>{lineError(e)}</li>
                ))}
              </ol>
              {report.errors.length > MAX_LISTED_ERRORS && <p class="hint">{t.moreErrors(report.errors.length - MAX_LISTED_ERRORS)}</p>}
            </>
          )}
        </div>
      )}
    </section>
  );
}
