import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import { LETTER_DRAFT_KEY, LetterDraftSchema, type LetterDraft } from '@/utils/domain/reminder-draft';
import { uiLanguage } from '@/utils/i18n/messages';
import { REMINDER_MESSAGES } from '@/utils/i18n/reminder-messages';

/** A block of the body is the plain-text invoice table when it has the table's dashed rule line. */
const TABLE_RULE = /^-{2,}(?: {2}-{2,})+$/m;

/** The body split at blank lines, tables kept apart so they print in a fixed-width font and stay aligned. */
function bodyBlocks(body: string): Array<{ table: boolean; text: string }> {
  const blocks: Array<{ table: boolean; text: string }> = [];
  for (const text of body.split(/\n{2,}/)) {
    const table = TABLE_RULE.test(text);
    const last = blocks.at(-1);
    if (last && !last.table && !table) last.text += `\n\n${text}`;
    else blocks.push({ table, text });
  }
  return blocks;
}

function Letter({ draft }: { draft: LetterDraft }) {
  const words = REMINDER_MESSAGES[draft.language].letter;
  return (
    <article class="page" lang={draft.language} aria-label={draft.subject ?? words.title}>
      <header class="heads">
        <address class="sender" data-testid="sender">
          <strong>{draft.sender.name}</strong>
          {draft.sender.address ? `\n${draft.sender.address}` : ''}
        </address>
        <address class="recipient" data-testid="recipient">
          <strong>{draft.recipient.name}</strong>
          {draft.recipient.address ? `\n${draft.recipient.address}` : ''}
        </address>
      </header>
      <p class="place-date">{draft.placeDate}</p>
      {draft.mentions.map((m, i) => (
        <p class="mention" key={i}>{m}</p>
      ))}
      {draft.subject && (
        <p class="subject" data-testid="subject">
          {words.subjectPrefix} {draft.subject}
        </p>
      )}
      {bodyBlocks(draft.body).map((block, i) =>
        block.table ? (
          <pre key={i} class="body" style={{ font: '9.5pt/1.35 ui-monospace, Menlo, Consolas, monospace', margin: '4mm 0' }}>
            {block.text}
          </pre>
        ) : (
          <p key={i} class="body">{block.text}</p>
        ),
      )}
      {draft.signature && <p class="signature">{draft.signature}</p>}
    </article>
  );
}

function App() {
  const t = REMINDER_MESSAGES[uiLanguage()];
  const [state, setState] = useState<{ status: 'loading' } | { status: 'none' } | { status: 'ready'; draft: LetterDraft }>({
    status: 'loading',
  });
  useEffect(() => {
    const apply = (value: unknown) => {
      const parsed = LetterDraftSchema.safeParse(value);
      if (parsed.success) document.title = [parsed.data.subject, parsed.data.recipient.name].filter(Boolean).join(' – ');
      setState(parsed.success ? { status: 'ready', draft: parsed.data } : { status: 'none' });
    };
    void browser.storage.session.get(LETTER_DRAFT_KEY).then((v) => apply(v[LETTER_DRAFT_KEY]));
  }, []);
  if (state.status === 'loading') return <p class="toolbar">{t.loading}</p>;
  if (state.status === 'none') return <p class="toolbar empty">{t.letter.none}</p>;
  return (
    <>
      <div class="toolbar">
        <button class="primary" onClick={() => window.print()}>{t.letter.print}</button>
      </div>
      <Letter draft={state.draft} />
    </>
  );
}

document.documentElement.lang = uiLanguage();
render(<App />, document.getElementById('app')!);
