import { useState } from 'preact/hooks';
import { ConfirmDialog } from '@/components/ConfirmDialog';
import { getDb } from '@/utils/db/db';
import { eraseCustomer, timeline } from '@/utils/db/events-repo';
import { notifyDataChanged } from '@/utils/db/notify';
import type { CustomerDetail } from '@/utils/db/queries';
import { customerExportCsv, customerExportJson } from '@/utils/domain/log-io';
import { normalizeCustomerName, type Customer } from '@/utils/domain/schemas';
import type { Language } from '@/utils/i18n/language';
import { LOG_MESSAGES } from '@/utils/i18n/log-messages';
import { downloadText, fileSlug } from '@/utils/ui/download';
import { today } from '@/utils/ui/settings';

/** The customer as the domain knows it (the stored row also carries a search key, which is ours, not theirs). */
function domainCustomer(stored: Customer & { searchKey?: string }): Customer {
  const { searchKey: _searchKey, ...customer } = stored;
  return customer;
}

/**
 * The customer's data rights: export everything held on them (JSON, CSV) and erase them for good,
 * after typing their name in a confirmation dialog.
 */
export function CustomerDataActions({ lang, detail, onErased }: { lang: Language; detail: CustomerDetail; onErased: () => void }) {
  const t = LOG_MESSAGES[lang].customerData;
  const [confirming, setConfirming] = useState(false);
  const [typed, setTyped] = useState('');
  const [message, setMessage] = useState('');
  const customer = domainCustomer(detail.customer);
  const baseName = `amiable-${fileSlug(customer.name)}-${today()}`;

  async function exportAs(format: 'json' | 'csv') {
    try {
      const events = await timeline(getDb(), customer.id);
      if (format === 'json') downloadText(`${baseName}.json`, customerExportJson(customer, detail.invoices, events), 'application/json');
      else downloadText(`${baseName}.csv`, customerExportCsv(customer, detail.invoices, events), 'text/csv;charset=utf-8');
    } catch (error) {
      setMessage(t.failed(error instanceof Error ? error.message : String(error)));
    }
  }

  async function erase() {
    setConfirming(false);
    try {
      await eraseCustomer(getDb(), customer.id);
      await notifyDataChanged();
      onErased();
    } catch (error) {
      setMessage(t.failed(error instanceof Error ? error.message : String(error)));
    }
  }

  const nameMatches = typed.trim() !== '' && normalizeCustomerName(typed) === normalizeCustomerName(customer.name);
  return (
    <section aria-labelledby="customer-data-title" class="no-print">
      <h2 id="customer-data-title">{t.title}</h2>
      <p class="hint">{t.help}</p>
      <p class="row">
        <button type="button" onClick={() => void exportAs('json')}>{t.exportJson}</button>
        <button type="button" onClick={() => void exportAs('csv')}>{t.exportCsv}</button>
        <button
          type="button"
          class="danger"
          onClick={() => {
            setTyped('');
            setConfirming(true);
          }}
        >
          {t.erase}
        </button>
      </p>
      <p role="status" class="hint">{message}</p>
      <ConfirmDialog
        open={confirming}
        title={t.eraseTitle(customer.name)}
        text={t.eraseText(detail.invoices.length, detail.events.length)}
        confirmLabel={t.eraseConfirm}
        cancelLabel={t.cancel}
        confirmDisabled={!nameMatches}
        onCancel={() => setConfirming(false)}
        onConfirm={() => void erase()}
      >
        <label for="erase-confirm-name">{t.eraseConfirmLabel(customer.name)}</label>
        <input
          id="erase-confirm-name"
          autocomplete="off"
          value={typed}
          onInput={(e) => setTyped(e.currentTarget.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && nameMatches) {
              e.preventDefault();
              void erase();
            }
          }}
        />
      </ConfirmDialog>
    </section>
  );
}
