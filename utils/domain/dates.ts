/** Order of day, month and year in a numeric date such as 05/11/2026. */
export type DateOrder = 'dmy' | 'mdy' | 'ymd';
