// Settings and today's date for extension pages, live.
import { getDb } from '../db/db';
import { readSettings, type GeneralSettings } from '../db/settings';
import { todayInLocalTime } from '../domain/dates';
import { useLiveQuery } from './use-live-query';

export function useGeneralSettings(): GeneralSettings | undefined {
  const result = useLiveQuery(() => readSettings(getDb(), 'general'), []);
  return result.status === 'ready' ? result.value : undefined;
}

/** The browser's local calendar date (pages are short-lived enough not to cross midnight often; a reload fixes it). */
export function today(): string {
  return todayInLocalTime(new Date());
}
