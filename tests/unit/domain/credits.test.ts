import { describe, expect, it } from 'vitest';
import { allocateCredits, type CreditableDocument } from '../../../utils/domain/credits';

const eur = (major: number) => ({ amountMinor: Math.round(major * 100), currency: 'EUR' });
const doc = (id: string, dueDate: string, amount: number, over: Partial<CreditableDocument> = {}): CreditableDocument => ({
  id,
  number: id,
  dueDate,
  amountDue: eur(amount),
  paid: false,
  lifecycle: 'issued',
  kind: 'invoice',
  ...over,
});
const credit = (id: string, dueDate: string, amount: number, over: Partial<CreditableDocument> = {}) =>
  doc(id, dueDate, amount, { kind: 'credit-note', ...over });

describe('allocateCredits', () => {
  it.each<{
    name: string;
    documents: CreditableDocument[];
    net: Record<string, number>;
    applications: Array<[credit: string, invoice: string, amount: number]>;
    unused: number[];
  }>([
    {
      name: 'no credit note: every invoice at its amount due',
      documents: [doc('A', '2026-10-01', 500), doc('B', '2026-11-01', 300)],
      net: { A: 500, B: 300 },
      applications: [],
      unused: [],
    },
    {
      name: 'the earliest due invoice first, whatever the order given',
      documents: [doc('B', '2026-11-01', 300), credit('AV1', '2026-11-15', 600), doc('A', '2026-10-01', 500)],
      net: { A: 0, B: 200 },
      applications: [['AV1', 'A', 500], ['AV1', 'B', 100]],
      unused: [],
    },
    {
      name: 'a negative credit note counts by its absolute amount; two credit notes, earliest first',
      documents: [doc('A', '2026-10-01', 500), credit('AV2', '2026-11-20', -100), credit('AV1', '2026-11-10', -450)],
      net: { A: 0 },
      applications: [['AV1', 'A', 450], ['AV2', 'A', 50]],
      unused: [50],
    },
    {
      name: 'currencies are never mixed',
      documents: [doc('A', '2026-10-01', 500), credit('AV1', '2026-11-10', 100, { amountDue: { amountMinor: 10_000, currency: 'USD' } })],
      net: { A: 500 },
      applications: [],
      unused: [],
    },
    {
      name: 'drafts, cancelled and used-up credit notes, and paid or cancelled invoices, take no part',
      documents: [
        doc('A', '2026-10-01', 500, { paid: true }),
        doc('B', '2026-10-02', 500, { lifecycle: 'cancelled' }),
        doc('C', '2026-10-03', 500),
        credit('D1', '2026-10-01', 100, { lifecycle: 'draft' }),
        credit('D2', '2026-10-01', 100, { lifecycle: 'cancelled' }),
        credit('D3', '2026-10-01', 100, { paid: true }),
      ],
      net: { C: 500 },
      applications: [],
      unused: [],
    },
  ])('$name', ({ documents, net, applications, unused }) => {
    const result = allocateCredits(documents);
    expect(Object.fromEntries([...result.netDue].map(([id, money]) => [id, money.amountMinor / 100]))).toEqual(net);
    expect(result.applications.map((a) => [a.creditNumber, a.invoiceId, a.amount.amountMinor / 100])).toEqual(applications);
    // The USD case leaves 100 USD unused; compare the euro amounts only where given.
    expect(result.unused.filter((m) => m.currency === 'EUR').map((m) => m.amountMinor / 100)).toEqual(unused);
  });

  it('keeps unused credit per currency', () => {
    const result = allocateCredits([credit('AV1', '2026-11-10', 100, { amountDue: { amountMinor: 10_000, currency: 'USD' } })]);
    expect(result.unused).toEqual([{ amountMinor: 10_000, currency: 'USD' }]);
  });
});
